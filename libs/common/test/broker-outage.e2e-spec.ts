import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventConsumerService, ServiceOutbox, startConsumers } from '../src';
import { expectEventually, testEnvironment, withEnv } from '../src/testing';
import { ConsumerAppModule, effects, ProducerAppModule, schoolRegistered, TRUST_ID } from './backbone-fixtures';

/**
 * A broker of its own (other ports, other data folder), so stopping it disturbs no other suite.
 * Events keep being written while it is down; after it returns every one arrives exactly once, in order.
 */
const broker = {
  KAFKA_HOME_DIR: join(process.cwd(), '.kafka', 'outage-test'),
  KAFKA_PORT: process.env.TEST_OUTAGE_KAFKA_PORT ?? '19092',
  KAFKA_CONTROLLER_PORT: process.env.TEST_OUTAGE_KAFKA_CONTROLLER_PORT ?? '19093',
};
const kafka = (command: 'start' | 'stop') =>
  execFileSync('bash', [join(process.cwd(), 'scripts', 'kafka.sh'), command], {
    env: { ...process.env, ...broker },
    stdio: 'pipe',
    timeout: 180_000,
  });

describe('outbox and consumer across a broker outage', () => {
  const env = testEnvironment('outage', `127.0.0.1:${broker.KAFKA_PORT}`);
  let producerApp: INestApplication;
  let consumerApp: INestApplication;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let outbox: ServiceOutbox;

  async function start(module: unknown, service: string) {
    return withEnv(env.env(service, { LOG_LEVEL: 'error' }), async () => {
      const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
      const app = ref.createNestApplication({ logger: false });
      await app.init();
      await startConsumers(app);
      return app;
    });
  }

  beforeAll(async () => {
    kafka('start');
    producerApp = await start(ProducerAppModule, 'producer');
    consumerApp = await start(ConsumerAppModule, 'consumer');
    producerDb = producerApp.get(DataSource);
    consumerDb = consumerApp.get(DataSource);
    outbox = producerApp.get(ServiceOutbox);
    await consumerApp.get(EventConsumerService).consumer!.joined;
  }, 240_000);

  afterAll(async () => {
    await producerApp?.close();
    await consumerApp?.close();
    await env.cleanup();
    kafka('stop');
  }, 120_000);

  it('stays ready with Kafka stopped, takes writes, and delivers every one exactly once, in order per aggregate, when it returns', async () => {
    const aggregates = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    let sequence = 0;
    const publishSome = async (count: number) => {
      for (let i = 0; i < count; i++, sequence++) {
        const aggregateId = aggregates[sequence % aggregates.length];
        await producerDb.transaction((m) =>
          outbox.record(m, 'schools.school.registered', {
            trustId: TRUST_ID,
            aggregateId,
            data: schoolRegistered(`Event ${String(sequence).padStart(3, '0')}`, aggregateId),
          }),
        );
      }
    };

    await publishSome(30);
    kafka('stop'); // mid-stream: the relay and the consumer are still busy with the first burst
    await publishSome(30);
    const [{ unsent }] = await producerDb.query(`SELECT count(*)::int AS unsent FROM outbox_events WHERE sent_at IS NULL`);
    expect(unsent).toBeGreaterThan(0); // written while the broker was down, waiting in the outbox
    // Readiness is the database: both services stay ready; Kafka and the backlog are detail.
    const producerHealth = await request(producerApp.getHttpServer()).get('/health/ready').expect(200);
    expect(producerHealth.body).toMatchObject({
      status: 'degraded',
      details: { database: { status: 'up' }, kafka: { status: 'degraded' }, outbox: { unsent: expect.any(Number) } },
    });
    expect(producerHealth.body.details.outbox.unsent).toBeGreaterThan(0);
    const consumerHealth = await request(consumerApp.getHttpServer()).get('/health').expect(200);
    expect(consumerHealth.body).toMatchObject({
      status: 'degraded',
      details: { database: { status: 'up' }, kafka: { status: 'degraded' } },
    });
    kafka('start');
    await publishSome(30);

    await expectEventually(async () => expect(await effects(consumerDb)).toHaveLength(90), { timeoutMs: 150_000, intervalMs: 500 });
    const rows = await effects(consumerDb);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(90);
    for (const aggregateId of aggregates) {
      const names = rows.filter((r) => r.aggregate_id === aggregateId).map((r) => r.name);
      expect(names).toEqual([...names].sort());
    }
    const [{ pending }] = await producerDb.query(`SELECT count(*)::int AS pending FROM outbox_events WHERE sent_at IS NULL`);
    expect(pending).toBe(0);
    await expectEventually(async () => {
      const res = await request(producerApp.getHttpServer()).get('/health/ready').expect(200);
      expect(res.body).toMatchObject({
        status: 'ok',
        details: { kafka: { status: 'up' }, outbox: { status: 'up', unsent: 0, parked: 0 } },
      });
    });
  }, 300_000);
});
