import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { waitForLeaders } from '../kafka/kafka-client';

export interface TopicReader {
  messages: KafkaMessage[];
  /** Messages parsed as JSON (events), in arrival order. */
  events: () => { type: string; [key: string]: unknown }[];
  stop: () => Promise<void>;
}

/** Reads every message of a topic from the start with a throwaway group, as a consumer elsewhere would. */
export async function readTopic(brokers: string, topic: string): Promise<TopicReader> {
  const kafka = new Kafka({ clientId: 'test-reader', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  if (!existing.includes(topic))
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3 }] }).catch(() => undefined);
  await waitForLeaders(admin, [topic]);
  await admin.disconnect();
  const consumer: Consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const messages: KafkaMessage[] = [];
  let joined: () => void;
  const ready = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ message }) => {
      messages.push(message);
      return Promise.resolve();
    },
  });
  await ready;
  return {
    messages,
    events: () =>
      messages.flatMap((m) => {
        try {
          return [JSON.parse(m.value!.toString())];
        } catch {
          return [];
        }
      }),
    stop: () => consumer.disconnect(),
  };
}

export async function produceRaw(
  brokers: string,
  topic: string,
  messages: { key: string; value: string | Buffer; headers?: Record<string, string> }[],
): Promise<void> {
  const kafka = new Kafka({ clientId: 'test-writer', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}
