"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SERVICE_OPTIONS = exports.SERVICE_CONFIG = void 0;
exports.SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
exports.SERVICE_OPTIONS = Symbol('SERVICE_OPTIONS');
//# sourceMappingURL=tokens.js.map