"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.deadLetterTopic = exports.topicName = exports.Topics = void 0;
/**
 * Logical topics: one per owning service, keyed by aggregate id so each aggregate's events stay in
 * order. The physical name gets the configured prefix (KAFKA_TOPIC_PREFIX).
 */
exports.Topics = {
    schools: 'trustwide.schools',
    people: 'trustwide.people',
    improvement: 'trustwide.improvement',
    cpd: 'trustwide.cpd',
    gateway: 'trustwide.gateway',
};
const topicName = (prefix, topic) => `${prefix}${topic}`;
exports.topicName = topicName;
/** Dead-letter topic of one consumer group: what that group could never process, with why in headers. */
const deadLetterTopic = (prefix, consumerGroup) => `${prefix}trustwide.dlq.${consumerGroup}`;
exports.deadLetterTopic = deadLetterTopic;
//# sourceMappingURL=topics.js.map