import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumerService, ServiceOutbox } from '../src';
import { expectEventually, testEnvironment } from '../src/testing';
import { ConsumerAppModule, effects, ProducerAppModule, startApp, schoolRegistered, TRUST_ID } from './backbone-fixtures';

/**
 * Two replicas of one consuming service (one database, one consumer group): the partitions are shared,
 * a rebalance in the middle of a stream redelivers nothing twice, and a replica that stops hands over.
 */
describe('consumer replicas in one group', () => {
  const env = testEnvironment('replicas');
  const apps: INestApplication[] = [];
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let outbox: ServiceOutbox;

  async function start(module: unknown, service: string) {
    const app = await startApp(env, module, service);
    apps.push(app);
    return app;
  }

  const publish = (count: number, aggregates: string[], from: number) =>
    producerDb.transaction(async (m) => {
      for (let i = from; i < from + count; i++) {
        const aggregateId = aggregates[i % aggregates.length];
        await outbox.record(m, 'schools.school.registered', {
          trustId: TRUST_ID,
          aggregateId,
          data: schoolRegistered(`Replica ${String(i).padStart(3, '0')}`, aggregateId),
        });
      }
    });

  beforeAll(async () => {
    const producer = await start(ProducerAppModule, 'producer');
    producerDb = producer.get(DataSource);
    outbox = producer.get(ServiceOutbox);
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await env.cleanup();
  });

  it('applies every event exactly once across replicas, rebalances and a replica leaving', async () => {
    const aggregates = Array.from({ length: 12 }, () => randomUUID());
    const first = await start(ConsumerAppModule, 'consumer');
    consumerDb = first.get(DataSource);
    await first.get(EventConsumerService).consumer!.joined;
    await publish(40, aggregates, 0);

    const second = await start(ConsumerAppModule, 'consumer'); // joins mid-stream: the group rebalances
    await publish(40, aggregates, 40);
    await expectEventually(async () => expect(await effects(consumerDb)).toHaveLength(80), { timeoutMs: 60_000 });
    const shared = [first, second].map((a) => a.get(EventConsumerService).consumer!.stats.applied);
    expect(shared[0] + shared[1]).toBe(80);

    await second.close(); // leaves: its partitions go back to the first
    apps.splice(apps.indexOf(second), 1);
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
