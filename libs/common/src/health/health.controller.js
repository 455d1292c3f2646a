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
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HealthController = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const kafka_provider_1 = require("../module/kafka.provider");
const tokens_1 = require("../module/tokens");
/** Liveness (the process answers) and readiness (its database and Kafka answer). */
let HealthController = class HealthController {
    dataSource;
    kafka;
    options;
    constructor(dataSource, kafka, options) {
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.options = options;
    }
    live() {
        return { status: 'ok', service: this.options.service };
    }
    health(res) {
        return this.ready(res);
    }
    async ready(res) {
        const [database, kafka] = await Promise.all([this.database(), this.kafkaCheck()]);
        const ok = database.status === 'up' && kafka.status === 'up';
        res.status(ok ? common_1.HttpStatus.OK : common_1.HttpStatus.SERVICE_UNAVAILABLE).json({
            status: ok ? 'ok' : 'error',
            service: this.options.service,
            checks: { database, kafka },
        });
    }
    async database() {
        try {
            await Promise.race([
                this.dataSource.query('SELECT 1'),
                new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 2000).unref()),
            ]);
            return { status: 'up' };
        }
        catch (err) {
            return { status: 'down', error: err.message };
        }
    }
    async kafkaCheck() {
        return (await this.kafka.ping(2000)) ? { status: 'up' } : { status: 'down', error: 'no broker answered' };
    }
};
exports.HealthController = HealthController;
__decorate([
    (0, common_1.Get)('live'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    (0, common_1.Get)(),
    __param(0, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "health", null);
__decorate([
    (0, common_1.Get)('ready'),
    __param(0, (0, common_1.Res)()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object]),
    __metadata("design:returntype", Promise)
], HealthController.prototype, "ready", null);
exports.HealthController = HealthController = __decorate([
    (0, common_1.Controller)('health'),
    __param(2, (0, common_1.Inject)(tokens_1.SERVICE_OPTIONS)),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        kafka_provider_1.KafkaConnection, Object])
], HealthController);
//# sourceMappingURL=health.controller.js.map