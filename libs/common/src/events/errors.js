"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PermanentEventError = void 0;
/**
 * Thrown for input that will fail the same way however often it is retried. A handler may throw it
 * (reason `rejected`) for an event it understands but must refuse.
 */
class PermanentEventError extends Error {
    reason;
    constructor(reason, message) {
        super(message);
        this.reason = reason;
        this.name = 'PermanentEventError';
    }
}
exports.PermanentEventError = PermanentEventError;
//# sourceMappingURL=errors.js.map