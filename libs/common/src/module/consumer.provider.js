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
exports.EventConsumerService = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const typeorm_1 = require("typeorm");
const service_config_1 = require("../config/service-config");
const topics_1 = require("../events/topics");
const event_consumer_1 = require("../consumer/event-consumer");
const on_event_decorator_1 = require("../consumer/on-event.decorator");
const json_logger_1 = require("../logging/json-logger");
const kafka_provider_1 = require("./kafka.provider");
const tokens_1 = require("./tokens");
/** Finds the app's @OnEvent methods and runs one idempotent consumer for them. */
let EventConsumerService = class EventConsumerService {
    discovery;
    scanner;
    dataSource;
    kafka;
    logger;
    config;
    options;
    consumer;
    constructor(discovery, scanner, dataSource, kafka, logger, config, options) {
        this.discovery = discovery;
        this.scanner = scanner;
        this.dataSource = dataSource;
        this.kafka = kafka;
        this.logger = logger;
        this.config = config;
        this.options = options;
    }
    discoverHandlers() {
        const handlers = new Map();
        for (const wrapper of this.discovery.getProviders()) {
            const instance = wrapper.instance;
            if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic())
                continue;
            const prototype = Object.getPrototypeOf(instance);
            for (const name of this.scanner.getAllMethodNames(prototype)) {
                const method = prototype[name];
                const types = Reflect.getMetadata(on_event_decorator_1.ON_EVENT_METADATA, method);
                if (!types)
                    continue;
                for (const type of types) {
                    const list = handlers.get(type) ?? [];
                    list.push(method.bind(instance));
                    handlers.set(type, list);
                }
            }
        }
        return handlers;
    }
    async onApplicationBootstrap() {
        const spec = this.options.consumer;
        if (!spec)
            return;
        const prefix = this.config.KAFKA_TOPIC_PREFIX;
        const group = `${prefix}${spec.group}`;
        this.consumer = new event_consumer_1.EventConsumer(this.dataSource, this.kafka, this.logger, this.discoverHandlers(), {
            groupId: group,
            topics: spec.topics.map((t) => (0, topics_1.topicName)(prefix, t)),
            deadLetterTopic: (0, topics_1.deadLetterTopic)(prefix, spec.group),
            maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS,
            transactionBatchSize: spec.transactionBatchSize ?? 1,
            fromBeginning: spec.fromBeginning ?? true,
        });
        await this.consumer.start();
        this.logger.log({ msg: 'consuming', group, handles: this.consumer.handledTypes }, 'EventConsumer');
    }
    async beforeApplicationShutdown() {
        await this.consumer?.stop();
    }
};
exports.EventConsumerService = EventConsumerService;
exports.EventConsumerService = EventConsumerService = __decorate([
    (0, common_1.Injectable)(),
    __param(5, (0, common_1.Inject)(tokens_1.SERVICE_CONFIG)),
    __param(6, (0, common_1.Inject)(tokens_1.SERVICE_OPTIONS)),
    __metadata("design:paramtypes", [core_1.DiscoveryService,
        core_1.MetadataScanner,
        typeorm_1.DataSource,
        kafka_provider_1.KafkaConnection,
        json_logger_1.JsonLogger,
        service_config_1.ServiceConfig, Object])
], EventConsumerService);
//# sourceMappingURL=consumer.provider.js.map