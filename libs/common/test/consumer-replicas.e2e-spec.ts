import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumerService } from '../src';
import { expectEventually, testEnvironment } from '../src/testing';
import { ConsumerAppModule, effects, schoolRegistered, suiteApps, TRUST_ID } from './backbone-fixtures';

/**
 * Two replicas of one consuming service (one database, one consumer group): the partitions are shared,
 * a rebalance in the middle of a stream redelivers nothing twice, and a replica that stops hands over.
 */
describe('consumer replicas in one group', () => {
  const suite = suiteApps(testEnvironment('replicas'));

  const publish = (count: number, aggregates: string[], from: number) =>
    suite.producerDb.transaction(async (m) => {
      for (let i = from; i < from + count; i++) {
        const aggregateId = aggregates[i % aggregates.length];
        await suite.outbox.record(m, 'schools.school.registered', {
          trustId: TRUST_ID,
          aggregateId,
          data: schoolRegistered(`Replica ${String(i).padStart(3, '0')}`, aggregateId),
        });
      }
    });

  it('applies every event exactly once across replicas, rebalances and a replica leaving', async () => {
    const aggregates = Array.from({ length: 12 }, () => randomUUID());
    const first = await suite.start(ConsumerAppModule, 'consumer');
    const consumerDb = first.get(DataSource);
    await first.get(EventConsumerService).consumer!.joined;
    await publish(40, aggregates, 0);

    const second = await suite.start(ConsumerAppModule, 'consumer'); // joins mid-stream: the group rebalances
    await publish(40, aggregates, 40);
    await expectEventually(async () => expect(await effects(consumerDb)).toHaveLength(80), { timeoutMs: 60_000 });
    const shared = [first, second].map((a) => a.get(EventConsumerService).consumer!.stats.applied);
    expect(shared[0] + shared[1]).toBe(80);

    await suite.stop(second); // leaves: its partitions go back to the first
    await publish(40, aggregates, 80);
    await expectEventually(async () => expect(await effects(consumerDb)).toHaveLength(120), { timeoutMs: 90_000, intervalMs: 250 });

    const rows = await effects(consumerDb);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(120);
    for (const aggregateId of aggregates) {
      const names = rows.filter((r) => r.aggregate_id === aggregateId).map((r) => r.name);
      expect(names).toEqual([...names].sort());
    }
  }, 180_000);
});
