"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validationPipe = void 0;
exports.configureHttp = configureHttp;
const common_1 = require("@nestjs/common");
const node_crypto_1 = require("node:crypto");
const request_context_1 = require("../logging/request-context");
function fieldProblems(errors, prefix = '') {
    return errors.flatMap((e) => {
        const field = prefix + e.property;
        const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
        return [...own, ...fieldProblems(e.children ?? [], `${field}.`)];
    });
}
/** Bad input gets a 400 that names each field and what is wrong with it. */
exports.validationPipe = new common_1.ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new common_1.BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: fieldProblems(errors),
    }),
});
/** What every service's HTTP side shares: correlation ids, validation. */
function configureHttp(app) {
    app.use((req, res, next) => {
        const header = req.header('x-correlation-id');
        const correlationId = header && /^[\w.-]{1,200}$/.test(header) ? header : (0, node_crypto_1.randomUUID)();
        res.setHeader('x-correlation-id', correlationId);
        request_context_1.requestContext.run({ correlationId }, next);
    });
    app.useGlobalPipes(exports.validationPipe);
}
//# sourceMappingURL=http.js.map