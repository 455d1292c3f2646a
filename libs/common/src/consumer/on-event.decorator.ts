import { EntityManager } from 'typeorm';
import { EventType } from '../events/catalogue';
import { TrustwideEvent } from '../events/parse-event';

export const ON_EVENT_METADATA = 'trustwide:on-event';

/** A handler receives the validated event and the transaction its effect must be written in. */
export type EventHandlerFn<T extends EventType = EventType> = (event: TrustwideEvent<T>, manager: EntityManager) => Promise<void>;

/**
 * Marks a provider method as the handler of one or more catalogue events. The method runs inside the
 * transaction that also records the event in the processed-events ledger; write through `manager`.
 *
 *   @OnEvent('schools.school.registered')
 *   async onRegistered(event: TrustwideEvent<'schools.school.registered'>, manager: EntityManager) { ... }
 */
export function OnEvent<T extends EventType>(...types: T[]) {
  return (_target: object, _key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandlerFn<T>>) => {
    Reflect.defineMetadata(ON_EVENT_METADATA, types, descriptor.value as object);
    return descriptor;
  };
}
