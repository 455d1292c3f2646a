"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JsonLogger = void 0;
const request_context_1 = require("./request-context");
const LEVELS = { debug: 10, verbose: 10, log: 20, info: 20, warn: 30, error: 40, fatal: 50 };
/**
 * One JSON object per line on stdout, with the service name and the correlation id of the
 * request or event being handled, so logs of all services can be joined on it.
 */
class JsonLogger {
    service;
    out;
    threshold;
    constructor(service, level = 'info', out = (line) => process.stdout.write(line + '\n')) {
        this.service = service;
        this.out = out;
        this.threshold = LEVELS[level];
    }
    log(message, ...rest) {
        this.write('info', message, rest);
    }
    error(message, ...rest) {
        this.write('error', message, rest);
    }
    warn(message, ...rest) {
        this.write('warn', message, rest);
    }
    debug(message, ...rest) {
        this.write('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.write('debug', message, rest);
    }
    fatal(message, ...rest) {
        this.write('fatal', message, rest);
    }
    write(level, message, rest) {
        if (LEVELS[level] < this.threshold)
            return;
        // Nest passes the context name last; an Error or a stack string may come before it.
        const args = [...rest];
        const context = typeof args[args.length - 1] === 'string' ? args.pop() : undefined;
        const entry = {
            time: new Date().toISOString(),
            level: level === 'verbose' ? 'debug' : level,
            service: this.service,
        };
        if (context)
            entry.context = context;
        const ctx = request_context_1.requestContext.current();
        if (ctx) {
            entry.correlationId = ctx.correlationId;
            if (ctx.trustId)
                entry.trustId = ctx.trustId;
        }
        if (message instanceof Error) {
            entry.msg = message.message;
            entry.stack = message.stack;
        }
        else if (typeof message === 'object' && message !== null) {
            Object.assign(entry, message);
        }
        else {
            entry.msg = String(message);
        }
        for (const arg of args) {
            if (arg instanceof Error)
                entry.stack = arg.stack;
            else if (typeof arg === 'string')
                entry.stack = arg;
            else if (arg && typeof arg === 'object')
                Object.assign(entry, arg);
        }
        this.out(JSON.stringify(entry));
    }
}
exports.JsonLogger = JsonLogger;
//# sourceMappingURL=json-logger.js.map