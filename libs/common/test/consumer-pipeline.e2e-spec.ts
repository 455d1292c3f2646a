import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Kafka, logLevel } from 'kafkajs';
import { EventConsumerService } from '../src';
import { expectEventually, TEST_KAFKA_BROKERS, testEnvironment } from '../src/testing';
import { ConsumerAppModule, effects, schoolRegistered, suiteApps, TestProjection, TRUST_ID } from './backbone-fixtures';

/**
 * A consumer reads a partition's next fetch while the one before it is still being applied. Its offsets are committed
 * only as far as its events are applied: stopped while a chunk is held up, the chunks queued behind it are left, the
 * committed offset stays at the last chunk applied, and the next start applies the rest once, in order.
 */
describe('a consumer reading ahead of what it has applied', () => {
  const suite = suiteApps(testEnvironment('pipeline'));

  it('commits only what it applied when stopped mid-stream, and applies the rest once on the next start', async () => {
    // One aggregate: one partition, 200 events in order; the consumer applies runs of 50.
    const schoolId = randomUUID();
    const names = Array.from({ length: 200 }, (_, i) => `Pipeline ${String(i).padStart(3, '0')}`);
    const held = names[60];
    const first = await suite.start(ConsumerAppModule, 'consumer');
    const db = first.get(DataSource);
    const consumer = first.get(EventConsumerService).get('backbone-test');
    first.get(TestProjection).notReady.add(held);
    await consumer.joined;
    await suite.producerDb.transaction(async (m) => {
      for (const name of names)
        await suite.outbox.record(m, 'schools.school.registered', {
          trustId: TRUST_ID,
          aggregateId: schoolId,
          data: schoolRegistered(name, schoolId),
        });
    });

    // The second run is retried event by event up to the held one, which waits; the runs behind it are queued.
    await expectEventually(async () => expect(await effects(db)).toHaveLength(60), { timeoutMs: 60_000 });
    await expectEventually(() => expect(consumer.stats.retries).toBeGreaterThan(0), { timeoutMs: 30_000 });
    await consumer.close();
    expect((await effects(db)).map((r) => r.name)).toEqual(names.slice(0, 60));

    // Committed: the first run only (the second was not finished), whatever had been fetched beyond it.
    const admin = new Kafka({ clientId: 'pipeline-test', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [{ partitions }] = await admin.fetchOffsets({ groupId: consumer.options.groupId, topics: [consumer.options.topics[0]] });
    const ends = await admin.fetchTopicOffsets(consumer.options.topics[0]);
    const moved = partitions.filter((p) => Number(p.offset) > 0);
    expect(moved).toHaveLength(1);
    const end = ends.find((e) => e.partition === moved[0].partition)!;
    expect(Number(end.high) - Number(moved[0].offset)).toBe(150);
    await admin.disconnect();

    // Started again (nothing held): the rest once, in order; the 10 applied one by one are delivered again and skipped.
    first.get(TestProjection).notReady.delete(held);
    await new Promise<void>((resolve) => consumer.listen(() => resolve()));
    await expectEventually(async () => expect(await effects(db)).toHaveLength(200), { timeoutMs: 60_000 });
    const rows = await effects(db);
    expect(rows.map((r) => r.name)).toEqual(names);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(200);
    await expectEventually(() => expect(consumer.stats.duplicates).toBe(10), { timeoutMs: 30_000 });
  }, 180_000);
});
