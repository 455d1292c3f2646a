"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.bootstrapService = bootstrapService;
const core_1 = require("@nestjs/core");
const service_config_1 = require("../config/service-config");
const ensure_database_1 = require("../database/ensure-database");
const json_logger_1 = require("../logging/json-logger");
const tokens_1 = require("../module/tokens");
const http_1 = require("./http");
/** Starts a service: JSON logs, validation, correlation ids, clean shutdown on SIGTERM/SIGINT. */
async function bootstrapService(service, appModule) {
    try {
        const app = await core_1.NestFactory.create(appModule, { bufferLogs: true, abortOnError: false });
        const logger = app.get(json_logger_1.JsonLogger);
        app.useLogger(logger);
        app.enableShutdownHooks();
        (0, http_1.configureHttp)(app);
        const config = app.get(tokens_1.SERVICE_CONFIG);
        await app.listen(config.PORT, '0.0.0.0');
        logger.log({ msg: `${service} listening`, port: config.PORT }, 'Bootstrap');
    }
    catch (err) {
        if (err instanceof service_config_1.ConfigError || err instanceof ensure_database_1.DatabaseUnavailableError) {
            process.stderr.write(`${err.message}\n`);
        }
        else {
            process.stderr.write(`${service} failed to start: ${err.stack ?? err}\n`);
        }
        process.exit(1);
    }
}
//# sourceMappingURL=bootstrap.js.map