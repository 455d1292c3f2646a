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
exports.ConfigError = exports.ServiceConfig = void 0;
exports.configProblems = configProblems;
exports.loadConfig = loadConfig;
const class_transformer_1 = require("class-transformer");
const class_validator_1 = require("class-validator");
/**
 * What every Trustwide service needs to boot. Each app extends this with one class of its own;
 * `loadConfig` validates it at start-up and refuses to boot with a message naming what to set.
 */
class ServiceConfig {
    /** HTTP port of the service (health, API). */
    PORT;
    /** PostgreSQL URL of this service's own database, e.g. postgres://postgres@127.0.0.1:5432/trustwide_schools */
    DATABASE_URL;
    /** Comma-separated Kafka bootstrap servers, e.g. 127.0.0.1:9092 */
    KAFKA_BROKERS;
    /** Prefix for every topic name; lets tests and side-by-side environments share one broker. */
    KAFKA_TOPIC_PREFIX = '';
    /** Partitions for topics this service creates. More partitions, more parallel consumers. */
    KAFKA_TOPIC_PARTITIONS = 3;
    LOG_LEVEL = 'info';
    /** Most outbox rows the relay publishes in one Kafka request. */
    OUTBOX_BATCH_SIZE = 500;
    /** How often the relay looks for unsent rows when no NOTIFY woke it (ms). */
    OUTBOX_POLL_MS = 1000;
    /** Attempts for an event whose handler fails transiently before it is dead-lettered. */
    CONSUMER_MAX_ATTEMPTS = 5;
    /** Run TypeORM migrations at start (on by default; turn off when a deploy step runs them). */
    DATABASE_MIGRATE = 'true';
}
exports.ServiceConfig = ServiceConfig;
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(65535),
    __metadata("design:type", Number)
], ServiceConfig.prototype, "PORT", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/, {
        message: 'DATABASE_URL must be a PostgreSQL URL naming a database, e.g. postgres://postgres@127.0.0.1:5432/trustwide_schools',
    }),
    __metadata("design:type", String)
], ServiceConfig.prototype, "DATABASE_URL", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
        message: 'KAFKA_BROKERS must be a comma-separated list of host:port, e.g. 127.0.0.1:9092',
    }),
    __metadata("design:type", String)
], ServiceConfig.prototype, "KAFKA_BROKERS", void 0);
__decorate([
    (0, class_validator_1.IsOptional)(),
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(/^[A-Za-z0-9._-]*$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, ".", "_" and "-"' }),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "KAFKA_TOPIC_PREFIX", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(256),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "KAFKA_TOPIC_PARTITIONS", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['debug', 'info', 'warn', 'error']),
    __metadata("design:type", String)
], ServiceConfig.prototype, "LOG_LEVEL", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(10000),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "OUTBOX_BATCH_SIZE", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(10),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "OUTBOX_POLL_MS", void 0);
__decorate([
    (0, class_transformer_1.Type)(() => Number),
    (0, class_validator_1.IsInt)(),
    (0, class_validator_1.Min)(1),
    (0, class_validator_1.Max)(100),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "CONSUMER_MAX_ATTEMPTS", void 0);
__decorate([
    (0, class_validator_1.IsIn)(['true', 'false']),
    __metadata("design:type", Object)
], ServiceConfig.prototype, "DATABASE_MIGRATE", void 0);
class ConfigError extends Error {
    service;
    problems;
    constructor(service, problems) {
        super(`${service}: configuration is invalid, set these environment variables:\n` +
            problems.map((p) => `  - ${p}`).join('\n'));
        this.service = service;
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
function describe(errors, prefix = '') {
    return errors.flatMap((e) => {
        const name = prefix + e.property;
        const own = Object.values(e.constraints ?? {}).map((m) => m.startsWith(e.property) ? m : `${name}: ${m}`);
        return [...own, ...describe(e.children ?? [], `${name}.`)];
    });
}
/** Problems with `env` for this config class; empty when it is valid. */
function configProblems(configClass, env) {
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const instance = (0, class_transformer_1.plainToInstance)(configClass, defined, { exposeDefaultValues: true });
    return describe((0, class_validator_1.validateSync)(instance, { whitelist: false, forbidUnknownValues: false }));
}
/** Validates `env` against the config class and returns it typed; throws a ConfigError that says what to set. */
function loadConfig(service, configClass, env = process.env) {
    const problems = configProblems(configClass, env);
    if (problems.length > 0)
        throw new ConfigError(service, problems);
    const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    return (0, class_transformer_1.plainToInstance)(configClass, defined, { exposeDefaultValues: true, excludeExtraneousValues: false });
}
//# sourceMappingURL=service-config.js.map