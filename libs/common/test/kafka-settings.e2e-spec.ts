import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigResourceTypes } from 'kafkajs';
import { KafkaClient } from '../src';
import { expectEventually, readTopic, TEST_KAFKA_BROKERS, testEnvironment } from '../src/testing';

const quiet = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** The publisher creates its topics with the configured partitions, replication and min.insync.replicas; its producer is idempotent. */
describe('Kafka settings', () => {
  const env = testEnvironment('kafka_settings');
  const clients: KafkaClient[] = [];
  const client = (replicationFactor: number, minInsyncReplicas: number) => {
    const c = new KafkaClient({
      clientId: 'settings-test',
      brokers: TEST_KAFKA_BROKERS.split(','),
      logger: quiet,
      partitions: 2,
      replicationFactor,
      minInsyncReplicas,
    });
    clients.push(c);
    return c;
  };
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await env.cleanup();
  });

  it('creates topics as configured and publishes through the idempotent producer (acks=all)', async () => {
    const kafka = client(1, 1);
    const topic = `${env.topicPrefix}settings`;
    await kafka.ensureTopics([topic]);
    const admin = await kafka.admin();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata.partitions).toHaveLength(2);
    expect(metadata.partitions.every((p) => p.replicas.length === 1)).toBe(true);
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(resources[0].configEntries).toEqual([expect.objectContaining({ configName: 'min.insync.replicas', configValue: '1' })]);

    const reader = await readTopic(TEST_KAFKA_BROKERS, topic);
    const producer = await kafka.producer();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'a', value: 'one' },
        { key: 'a', value: 'two' },
      ],
    });
    await kafka.resetProducer(); // a new producer id, as after a failed send
    await (await kafka.producer()).send({ topic, acks: -1, messages: [{ key: 'a', value: 'three' }] });
    await expectEventually(() => expect(reader.messages.map((m) => m.value!.toString())).toEqual(['one', 'two', 'three']));
    await reader.stop();
  });

  it('applies the replication factor it is given (two copies cannot be placed on one broker)', async () => {
    await expect(client(2, 1).ensureTopics([`${env.topicPrefix}replicated`])).rejects.toBeDefined();
  });
});
