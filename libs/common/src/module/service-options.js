"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=service-options.js.map