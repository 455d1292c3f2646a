"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ON_EVENT_METADATA = void 0;
exports.OnEvent = OnEvent;
exports.ON_EVENT_METADATA = 'trustwide:on-event';
/**
 * Marks a provider method as the handler of one or more catalogue events. The method runs inside the
 * transaction that also records the event in the processed-events ledger; write through `manager`.
 *
 *   @OnEvent('schools.school.registered')
 *   async onRegistered(event: TrustwideEvent<'schools.school.registered'>, manager: EntityManager) { ... }
 */
function OnEvent(...types) {
    return (_target, _key, descriptor) => {
        Reflect.defineMetadata(exports.ON_EVENT_METADATA, types, descriptor.value);
        return descriptor;
    };
}
//# sourceMappingURL=on-event.decorator.js.map