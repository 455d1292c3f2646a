"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
__exportStar(require("./config/service-config"), exports);
__exportStar(require("./logging/json-logger"), exports);
__exportStar(require("./logging/request-context"), exports);
__exportStar(require("./events/envelope"), exports);
__exportStar(require("./events/errors"), exports);
__exportStar(require("./events/topics"), exports);
__exportStar(require("./events/catalogue"), exports);
__exportStar(require("./events/parse-event"), exports);
__exportStar(require("./events/schools.events"), exports);
__exportStar(require("./kafka/kafka-client"), exports);
__exportStar(require("./outbox/outbox"), exports);
__exportStar(require("./outbox/outbox-event.entity"), exports);
__exportStar(require("./outbox/outbox-relay"), exports);
__exportStar(require("./consumer/event-consumer"), exports);
__exportStar(require("./consumer/on-event.decorator"), exports);
__exportStar(require("./consumer/processed-event.entity"), exports);
__exportStar(require("./database/ensure-database"), exports);
__exportStar(require("./module/tokens"), exports);
__exportStar(require("./module/service-options"), exports);
__exportStar(require("./module/kafka.provider"), exports);
__exportStar(require("./module/outbox.providers"), exports);
__exportStar(require("./module/consumer.provider"), exports);
__exportStar(require("./module/trustwide.module"), exports);
__exportStar(require("./bootstrap/http"), exports);
__exportStar(require("./bootstrap/bootstrap"), exports);
__exportStar(require("./util/time"), exports);
//# sourceMappingURL=index.js.map