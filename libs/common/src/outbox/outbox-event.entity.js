"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.OutboxEventEntity = void 0;
const typeorm_1 = require("typeorm");
/**
 * An event waiting to be published (or published, until pruned). Written in the same transaction
 * as the state change it announces; the relay publishes rows in `id` order.
 */
let OutboxEventEntity = class OutboxEventEntity {
    id;
    eventId;
    topic;
    messageKey;
    eventType;
    trustId;
    payload;
    createdAt;
    sentAt;
    attempts;
    lastError;
};
exports.OutboxEventEntity = OutboxEventEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint' }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'event_id', type: 'uuid', unique: true }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "eventId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "topic", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'message_key', type: 'text' }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "messageKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'event_type', type: 'text' }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "eventType", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'trust_id', type: 'uuid' }),
    __metadata("design:type", String)
], OutboxEventEntity.prototype, "trustId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb' }),
    __metadata("design:type", Object)
], OutboxEventEntity.prototype, "payload", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OutboxEventEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'sent_at', type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], OutboxEventEntity.prototype, "sentAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'int', default: 0 }),
    __metadata("design:type", Number)
], OutboxEventEntity.prototype, "attempts", void 0);
__decorate([
    (0, typeorm_1.Column)({ name: 'last_error', type: 'text', nullable: true }),
    __metadata("design:type", Object)
], OutboxEventEntity.prototype, "lastError", void 0);
exports.OutboxEventEntity = OutboxEventEntity = __decorate([
    (0, typeorm_1.Entity)({ name: 'outbox_events' }),
    (0, typeorm_1.Index)('outbox_events_unsent', ['id'], { where: 'sent_at IS NULL' })
], OutboxEventEntity);
//# sourceMappingURL=outbox-event.entity.js.map