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
exports.KafkaConnection = void 0;
const common_1 = require("@nestjs/common");
const service_config_1 = require("../config/service-config");
const json_logger_1 = require("../logging/json-logger");
const kafka_client_1 = require("../kafka/kafka-client");
const tokens_1 = require("./tokens");
/** The app's Kafka client, closed last on shutdown. */
let KafkaConnection = class KafkaConnection extends kafka_client_1.KafkaClient {
    constructor(config, options, logger) {
        super({
            clientId: `trustwide-${options.service}`,
            brokers: config.KAFKA_BROKERS.split(','),
            partitions: config.KAFKA_TOPIC_PARTITIONS,
            logger,
        });
    }
    async onApplicationShutdown() {
        await this.close();
    }
};
exports.KafkaConnection = KafkaConnection;
exports.KafkaConnection = KafkaConnection = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, common_1.Inject)(tokens_1.SERVICE_CONFIG)),
    __param(1, (0, common_1.Inject)(tokens_1.SERVICE_OPTIONS)),
    __metadata("design:paramtypes", [service_config_1.ServiceConfig, Object, json_logger_1.JsonLogger])
], KafkaConnection);
//# sourceMappingURL=kafka.provider.js.map