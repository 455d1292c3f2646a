import { describe, expect, it, jest } from '@jest/globals';
import { LoggerService } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { expectEventually } from '../testing/expect-eventually';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { KafkaClient, RETRIED_BY_KAFKAJS, waitForLeaders } from './kafka-client';

/** kafkajs's error lines that our own code judges (and retries or accepts) reach the log as warnings. */
describe('KafkaClient log levels', () => {
  const cases: { line: string; extra: Record<string, unknown>; level: 'error' | 'warn' }[] = [
    { line: 'Response CreateTopics(key: 19, version: 3)', extra: { error: 'Topic with this name already exists' }, level: 'warn' },
    { line: 'Response Metadata(key: 3, version: 6)', extra: { error: 'This server does not host this topic-partition' }, level: 'warn' },
    { line: 'Response Metadata(key: 3, version: 6)', extra: { error: 'Not authorized to access topics' }, level: 'error' },
    { line: 'Response GroupCoordinator(key: 10, version: 2)', extra: { error: 'The group coordinator is not available' }, level: 'warn' },
    {
      line: 'Response ListOffsets(key: 2, version: 3)',
      extra: { error: 'This server is not the leader for that topic-partition' },
      level: 'warn',
    },
    {
      line: 'Response Produce(key: 0, version: 7)',
      extra: { error: 'Disk error when trying to access log file on the disk' },
      level: 'error',
    },
    {
      line: 'Response Fetch(key: 1, version: 11)',
      extra: { error: 'The requested offset is not within the range of offsets maintained by the server' },
      level: 'error',
    },
    { line: 'Crash: KafkaJSTopicMetadataNotLoaded: Topic metadata not loaded', extra: { groupId: 'g' }, level: 'warn' },
    { line: 'Restarting the consumer in 300ms', extra: { groupId: 'g' }, level: 'warn' },
    { line: 'Connection error: connect ECONNREFUSED 127.0.0.1:1', extra: {}, level: 'error' },
  ];

  it("knows kafkajs's retriable errors (its protocol table), but a corrupt message and a disk error", () => {
    const table = createRequire(join(process.cwd(), 'package.json'))('kafkajs/src/protocol/error') as {
      errorCodes: { type: string; message: string; retriable: boolean }[];
    };
    const serious = new Set(['CORRUPT_MESSAGE', 'KAFKA_STORAGE_ERROR']);
    const retriable = table.errorCodes.filter((e) => e.retriable && !serious.has(e.type)).map((e) => e.message);
    expect([...RETRIED_BY_KAFKAJS].sort()).toEqual(retriable.sort());
  });

  it.each(cases)('$line ($extra.error) is logged as $level', ({ line, extra, level }) => {
    const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn() } satisfies LoggerService;
    const client = new KafkaClient({ clientId: 't', brokers: ['127.0.0.1:1'], logger, partitions: 1 });
    client.kafka.logger().error(line, extra);
    expect(logger[level]).toHaveBeenCalledWith(expect.objectContaining({ msg: `kafka: ${line}` }), 'Kafka');
    expect(logger[level === 'error' ? 'warn' : 'error']).not.toHaveBeenCalled();
  });
});

/** A stand-in admin whose topics get their leaders after `leaderAfter` metadata requests (never: Infinity). */
function adminWithLeadersAfter(leaderAfter: number) {
  let asked = 0;
  return {
    listTopics: jest.fn(() => Promise.resolve([] as string[])),
    createTopics: jest.fn((_options: unknown) => Promise.resolve(true)),
    fetchTopicMetadata: jest.fn(({ topics }: { topics: string[] }) => {
      asked++;
      const leader = asked > leaderAfter ? 0 : -1;
      return Promise.resolve({
        topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0, leader, replicas: [0], isr: [0] }] })),
      });
    }),
  };
}

describe('waiting for topic leaders', () => {
  it('returns once every partition has a leader', async () => {
    const admin = adminWithLeadersAfter(2);
    await waitForLeaders(admin as unknown as Admin, ['a', 'b']);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(3);
  });

  it('gives up after its timeout', async () => {
    const admin = adminWithLeadersAfter(Infinity);
    await expect(waitForLeaders(admin as unknown as Admin, ['a'], 150)).rejects.toThrow('topics a have no leader after 150 ms');
  });

  it('stops when its signal aborts, with the signal’s reason, without asking again', async () => {
    const admin = adminWithLeadersAfter(Infinity);
    const stop = new AbortController();
    const waiting = waitForLeaders(admin as unknown as Admin, ['a'], 60_000, stop.signal);
    await expectEventually(() => expect(admin.fetchTopicMetadata).toHaveBeenCalled());
    stop.abort(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    const asked = admin.fetchTopicMetadata.mock.calls.length;
    await expect(waitForLeaders(admin as unknown as Admin, ['a'], 60_000, stop.signal)).rejects.toThrow('stopped');
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(asked); // an aborted signal asks nothing
  });

  it('KafkaClient.close() ends an ensureTopics still waiting for leaders, and the client can create topics again after', async () => {
    const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn() } satisfies LoggerService;
    const client = new KafkaClient({ clientId: 't', brokers: ['127.0.0.1:1'], logger, partitions: 1 });
    const leaderless = adminWithLeadersAfter(Infinity);
    const admin = jest.spyOn(client, 'admin').mockResolvedValue(leaderless as unknown as Admin);
    const ensuring = client.ensureTopics(['t.schools']);
    await expectEventually(() => expect(leaderless.fetchTopicMetadata).toHaveBeenCalled());
    await client.close();
    await expect(ensuring).rejects.toThrow('the Kafka client closed while waiting for topic leaders');

    const ready = adminWithLeadersAfter(0);
    admin.mockResolvedValue(ready as unknown as Admin);
    await client.ensureTopics(['t.schools']);
    expect(ready.createTopics).toHaveBeenCalledWith(expect.objectContaining({ topics: [expect.objectContaining({ topic: 't.schools' })] }));
  });
});
