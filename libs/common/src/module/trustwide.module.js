"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var ServiceConfigModule_1, TrustwideModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.TrustwideModule = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("@nestjs/core");
const typeorm_1 = require("@nestjs/typeorm");
const service_config_1 = require("../config/service-config");
const processed_event_entity_1 = require("../consumer/processed-event.entity");
const ensure_database_1 = require("../database/ensure-database");
const _1763800000000_create_outbox_and_ledger_1 = require("../database/migrations/1763800000000-create-outbox-and-ledger");
const health_controller_1 = require("../health/health.controller");
const json_logger_1 = require("../logging/json-logger");
const outbox_event_entity_1 = require("../outbox/outbox-event.entity");
const consumer_provider_1 = require("./consumer.provider");
const kafka_provider_1 = require("./kafka.provider");
const outbox_providers_1 = require("./outbox.providers");
const tokens_1 = require("./tokens");
let ServiceConfigModule = ServiceConfigModule_1 = class ServiceConfigModule {
    static register(options) {
        const configProvider = {
            provide: options.config,
            useFactory: () => (0, service_config_1.loadConfig)(options.service, options.config),
        };
        return {
            module: ServiceConfigModule_1,
            providers: [
                configProvider,
                { provide: tokens_1.SERVICE_CONFIG, useExisting: options.config },
                { provide: tokens_1.SERVICE_OPTIONS, useValue: options },
                {
                    provide: json_logger_1.JsonLogger,
                    inject: [tokens_1.SERVICE_CONFIG],
                    useFactory: (config) => new json_logger_1.JsonLogger(options.service, config.LOG_LEVEL),
                },
            ],
            exports: [options.config, tokens_1.SERVICE_CONFIG, tokens_1.SERVICE_OPTIONS, json_logger_1.JsonLogger],
        };
    }
};
ServiceConfigModule = ServiceConfigModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({})
], ServiceConfigModule);
/**
 * Everything a Trustwide service stands on: validated config, its own PostgreSQL database (created if
 * missing, migrated at start), Kafka, the transactional outbox and its relay, an idempotent consumer for
 * the app's @OnEvent handlers, JSON logs and /health.
 */
let TrustwideModule = TrustwideModule_1 = class TrustwideModule {
    static forService(options) {
        const configModule = ServiceConfigModule.register(options);
        return {
            module: TrustwideModule_1,
            global: true,
            imports: [
                configModule,
                core_1.DiscoveryModule,
                typeorm_1.TypeOrmModule.forRootAsync({
                    inject: [tokens_1.SERVICE_CONFIG],
                    useFactory: async (config) => {
                        await (0, ensure_database_1.ensureDatabase)(config.DATABASE_URL);
                        return {
                            type: 'postgres',
                            url: config.DATABASE_URL,
                            entities: [outbox_event_entity_1.OutboxEventEntity, processed_event_entity_1.ProcessedEventEntity, ...options.entities],
                            migrations: [_1763800000000_create_outbox_and_ledger_1.CreateOutboxAndLedger1763800000000, ...options.migrations],
                            migrationsRun: config.DATABASE_MIGRATE === 'true',
                            migrationsTransactionMode: 'each',
                            synchronize: false,
                            logging: ['error'],
                            extra: { max: 10, connectionTimeoutMillis: 5000 },
                            // Fail start-up quickly with a clear message instead of retrying for minutes.
                            retryAttempts: 2,
                            retryDelay: 1000,
                        };
                    },
                }),
            ],
            controllers: [health_controller_1.HealthController],
            providers: [kafka_provider_1.KafkaConnection, outbox_providers_1.ServiceOutbox, outbox_providers_1.OutboxRelayService, consumer_provider_1.EventConsumerService],
            exports: [kafka_provider_1.KafkaConnection, outbox_providers_1.ServiceOutbox, outbox_providers_1.OutboxRelayService, consumer_provider_1.EventConsumerService, typeorm_1.TypeOrmModule],
        };
    }
};
exports.TrustwideModule = TrustwideModule;
exports.TrustwideModule = TrustwideModule = TrustwideModule_1 = __decorate([
    (0, common_1.Module)({})
], TrustwideModule);
//# sourceMappingURL=trustwide.module.js.map