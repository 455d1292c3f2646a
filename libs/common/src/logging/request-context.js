"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestContext = void 0;
const node_async_hooks_1 = require("node:async_hooks");
const node_crypto_1 = require("node:crypto");
const storage = new node_async_hooks_1.AsyncLocalStorage();
exports.requestContext = {
    run(context, fn) {
        return storage.run(context, fn);
    },
    current() {
        return storage.getStore();
    },
    correlationId() {
        return storage.getStore()?.correlationId ?? (0, node_crypto_1.randomUUID)();
    },
};
//# sourceMappingURL=request-context.js.map