/**
 * Logical topics: one per owning service, keyed by aggregate id so each aggregate's events stay in
 * order. The physical name gets the configured prefix (KAFKA_TOPIC_PREFIX).
 */
export const Topics = {
  schools: 'trustwide.schools',
  people: 'trustwide.people',
  improvement: 'trustwide.improvement',
  cpd: 'trustwide.cpd',
  gateway: 'trustwide.gateway',
} as const;

export type LogicalTopic = (typeof Topics)[keyof typeof Topics];

export const topicName = (prefix: string, topic: string) => `${prefix}${topic}`;

/** Dead-letter topic of one consumer group: what that group could never process, with why in headers. */
export const deadLetterTopic = (prefix: string, consumerGroup: string) => `${prefix}trustwide.dlq.${consumerGroup}`;
