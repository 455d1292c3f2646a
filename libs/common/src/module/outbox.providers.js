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
exports.OutboxRelayService = exports.ServiceOutbox = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("typeorm");
const service_config_1 = require("../config/service-config");
const topics_1 = require("../events/topics");
const json_logger_1 = require("../logging/json-logger");
const outbox_1 = require("../outbox/outbox");
const outbox_relay_1 = require("../outbox/outbox-relay");
const kafka_provider_1 = require("./kafka.provider");
const tokens_1 = require("./tokens");
/** Injectable outbox of this service: `outbox.record(manager, 'schools.school.registered', {...})`. */
let ServiceOutbox = class ServiceOutbox extends outbox_1.Outbox {
    constructor(config, options) {
        super(options.service, config.KAFKA_TOPIC_PREFIX);
    }
};
exports.ServiceOutbox = ServiceOutbox;
exports.ServiceOutbox = ServiceOutbox = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(tokens_1.SERVICE_CONFIG)),
    __param(1, (0, common_1.Inject)(tokens_1.SERVICE_OPTIONS)),
    __metadata("design:paramtypes", [service_config_1.ServiceConfig, Object])
], ServiceOutbox);
/** Runs the outbox relay for the app's lifetime. */
let OutboxRelayService = class OutboxRelayService {
    kafka;
    config;
    options;
    relay;
    constructor(dataSource, kafka, logger, config, options) {
        this.kafka = kafka;
        this.config = config;
        this.options = options;
        this.relay = new outbox_relay_1.OutboxRelay(dataSource, kafka, logger, {
            databaseUrl: config.DATABASE_URL,
            batchSize: config.OUTBOX_BATCH_SIZE,
            pollMs: config.OUTBOX_POLL_MS,
        });
    }
    async onApplicationBootstrap() {
        // Create the topics up front so that consumers elsewhere can subscribe before the first event.
        const topics = (this.options.publishes ?? []).map((t) => (0, topics_1.topicName)(this.config.KAFKA_TOPIC_PREFIX, t));
        await this.kafka.ensureTopics(topics).catch(() => undefined);
        this.relay.start();
    }
    async beforeApplicationShutdown() {
        await this.relay.stop();
    }
};
exports.OutboxRelayService = OutboxRelayService;
exports.OutboxRelayService = OutboxRelayService = __decorate([
    (0, common_1.Injectable)(),
    __param(3, (0, common_1.Inject)(tokens_1.SERVICE_CONFIG)),
    __param(4, (0, common_1.Inject)(tokens_1.SERVICE_OPTIONS)),
    __metadata("design:paramtypes", [typeorm_1.DataSource,
        kafka_provider_1.KafkaConnection,
        json_logger_1.JsonLogger,
        service_config_1.ServiceConfig, Object])
], OutboxRelayService);
//# sourceMappingURL=outbox.providers.js.map