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
exports.EventEnvelopeDto = exports.Actor = void 0;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
class Actor {
    kind;
    /** User id, or the service name for service/system actors. */
    id;
}
exports.Actor = Actor;
__decorate([
    (0, class_validator_1.IsIn)(['user', 'service', 'system']),
    __metadata("design:type", String)
], Actor.prototype, "kind", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], Actor.prototype, "id", void 0);
/** class-validator shape of the envelope; `data` is validated separately against the catalogue. */
class EventEnvelopeDto {
    eventId;
    type;
    version;
    trustId;
    aggregateType;
    aggregateId;
    occurredAt;
    correlationId;
    causationId;
    actor;
    source;
    data;
}
exports.EventEnvelopeDto = EventEnvelopeDto;
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "eventId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "type", void 0);
__decorate([
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    __metadata("design:type", Number)
], EventEnvelopeDto.prototype, "version", void 0);
__decorate([
    (0, class_validator_1.IsUUID)(),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "trustId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 100),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "aggregateType", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "aggregateId", void 0);
__decorate([
    (0, class_validator_1.IsISO8601)({ strict: true }),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "occurredAt", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 200),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "correlationId", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    __metadata("design:type", Object)
], EventEnvelopeDto.prototype, "causationId", void 0);
__decorate([
    (0, class_validator_1.IsDefined)(),
    (0, class_validator_1.ValidateNested)(),
    (0, class_transformer_1.Type)(() => Actor),
    __metadata("design:type", Actor)
], EventEnvelopeDto.prototype, "actor", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Length)(1, 100),
    __metadata("design:type", String)
], EventEnvelopeDto.prototype, "source", void 0);
__decorate([
    (0, class_validator_1.IsObject)(),
    __metadata("design:type", Object)
], EventEnvelopeDto.prototype, "data", void 0);
//# sourceMappingURL=envelope.js.map