import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { ConsumerConfig, Kafka, logLevel } from 'kafkajs';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  ConsumerContext,
  EventConsumerService,
  KafkaConnection,
  OnConsumerReset,
  OnEventBatch,
  ServiceConfig,
  ServiceOutbox,
  topicName,
  Topics,
  TrustwideModule,
} from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import {
  CreateTestEffects1763800000001,
  effects,
  ProducerAppModule,
  schoolRegistered,
  startApp,
  TestProjection,
  TRUST_ID,
} from './backbone-fixtures';

class CreateBatchEffects1763800000002 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE test_batch_effects (event_id uuid PRIMARY KEY, name text NOT NULL)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE test_batch_effects`);
  }
}

/** A second projection in the same service, on a consumer of its own, taking events in batches. */
@Controller()
class BatchProjection {
  batchSizes: number[] = [];

  @OnEventBatch('schools.school.registered', { consumer: 'batch' })
  async onRegistered(@Payload() events: TrustwideEvent<'schools.school.registered'>[], @Ctx() ctx: ConsumerContext) {
    this.batchSizes.push(events.length);
    await ctx.manager.query(`INSERT INTO test_batch_effects (event_id, name) SELECT * FROM unnest($1::uuid[], $2::text[])`, [
      events.map((e) => e.eventId),
      events.map((e) => e.data.school.name),
    ]);
  }

  @OnConsumerReset('batch')
  async onReset(@Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(`DELETE FROM test_batch_effects`);
  }
}

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'consumer',
      config: ServiceConfig,
      entities: [],
      migrations: [CreateTestEffects1763800000001, CreateBatchEffects1763800000002],
      consumers: [
        { group: 'backbone-test', topics: [Topics.schools], transactionBatchSize: 50, orderingRetryMs: 60_000 },
        { name: 'batch', transactionBatchSize: 100 },
      ],
    }),
  ],
  controllers: [TestProjection, BatchProjection],
})
class TwoConsumersAppModule {}

const run = promisify(execFile);

/** Several consumers in one service, batches, ordering waits, the dlq command and paused partitions. */
describe('consumers of one service', () => {
  const env = testEnvironment('consumers');
  const brokers = env.env('x').KAFKA_BROKERS;
  let producerApp: INestApplication;
  let consumerApp: INestApplication;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let outbox: ServiceOutbox;
  let consumers: EventConsumerService;

  const start = (module: unknown, service: string) => startApp(env, module, service);

  const publish = (names: string[], aggregateId?: string) =>
    producerDb.transaction(async (m) => {
      const sent = [];
      for (const name of names) {
        const id = aggregateId ?? randomUUID();
        sent.push(
          await outbox.record(m, 'schools.school.registered', { trustId: TRUST_ID, aggregateId: id, data: schoolRegistered(name, id) }),
        );
      }
      return sent;
    });
  const batchEffects = (): Promise<{ event_id: string; name: string }[]> =>
    consumerDb.query(`SELECT event_id, name FROM test_batch_effects ORDER BY name`);
  const dlq = (...args: string[]) =>
    run('node', ['scripts/dlq.mjs', ...args], { env: { ...process.env, KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: env.topicPrefix } });

  beforeAll(async () => {
    producerApp = await start(ProducerAppModule, 'producer');
    consumerApp = await start(TwoConsumersAppModule, 'consumer');
    producerDb = producerApp.get(DataSource);
    consumerDb = consumerApp.get(DataSource);
    outbox = producerApp.get(ServiceOutbox);
    consumers = consumerApp.get(EventConsumerService);
    await Promise.all([consumers.get('backbone-test').joined, consumers.get('batch').joined]);
  });

  afterAll(async () => {
    await producerApp?.close();
    await consumerApp?.close();
    await env.cleanup();
  });

  it('runs each consumer in its own group, a batch handler taking a partition run in one transaction', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `Batch ${String(i).padStart(2, '0')}`);
    const sent = await publish(names);
    await expectEventually(async () => expect((await batchEffects()).filter((r) => r.name.startsWith('Batch '))).toHaveLength(30));
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.name.startsWith('Batch '))).toHaveLength(30));
    const batch = consumerApp.get(BatchProjection);
    expect(Math.max(...batch.batchSizes)).toBeGreaterThan(1);
    const groups: { consumer_group: string }[] = await consumerDb.query(
      `SELECT DISTINCT consumer_group FROM processed_events WHERE event_id = ANY($1::uuid[]) ORDER BY 1`,
      [sent.map((e) => e.eventId)],
    );
    expect(groups.map((g) => g.consumer_group)).toEqual([`${env.topicPrefix}backbone-test`, `${env.topicPrefix}consumer.batch`]);
    const described = await consumers.describe();
    expect(described.map((d) => [d.name, d.group, d.deadLetterTopic])).toEqual([
      ['backbone-test', `${env.topicPrefix}backbone-test`, `${env.topicPrefix}trustwide.dlq.backbone-test`],
      ['batch', `${env.topicPrefix}consumer.batch`, `${env.topicPrefix}trustwide.dlq.consumer.batch`],
    ]);
  });

  it('resets and rebuilds one consumer from the log without touching the other', async () => {
    const before = await batchEffects();
    const otherLedger = await consumerDb.query(`SELECT event_id FROM processed_events WHERE consumer_group = $1 ORDER BY 1`, [
      `${env.topicPrefix}backbone-test`,
    ]);
    const otherEffects = await effects(consumerDb);
    await consumers.reset('batch');
    await expectEventually(async () => expect(await batchEffects()).toEqual(before), { timeoutMs: 60_000 });
    expect(
      await consumerDb.query(`SELECT event_id FROM processed_events WHERE consumer_group = $1 ORDER BY 1`, [
        `${env.topicPrefix}backbone-test`,
      ]),
    ).toEqual(otherLedger);
    expect(await effects(consumerDb)).toEqual(otherEffects);
  });

  it('lets kafkajs start a crashed consumer again only while it is the running one (one stopped as it joins crashes)', async () => {
    const kafka = consumerApp.get(KafkaConnection);
    const make = kafka.consumer.bind(kafka);
    const configs: ConsumerConfig[] = [];
    const spy = jest.spyOn(kafka, 'consumer').mockImplementation((config) => {
      configs.push(config);
      return make(config);
    });
    try {
      const batch = consumers.get('batch');
      await batch.close();
      await new Promise<void>((resolve) => batch.listen(() => resolve()));
      await expectEventually(() => expect(configs).toHaveLength(1)); // made once its topics are checked
      const restart = configs[0].retry!.restartOnFailure!;
      expect(await restart(new Error('a crash while running'))).toBe(true);
      await batch.close();
      expect(await restart(new Error('a crash while stopping'))).toBe(false);
      await new Promise<void>((resolve) => batch.listen(() => resolve()));
      await expectEventually(() => expect(configs).toHaveLength(2));
      // The one started since is the running one; the one let go of stays let go of.
      expect(await configs[1].retry!.restartOnFailure!(new Error('a crash while running'))).toBe(true);
      expect(await restart(new Error('a late crash of the old one'))).toBe(false);
    } finally {
      spy.mockRestore();
    }
    await expectEventually(async () => expect((await consumers.describe()).find((d) => d.name === 'batch')?.joined).toBe(true));
  });

  it('retries an event that waits for another for longer than the attempt budget, instead of dead-lettering it', async () => {
    const projection = consumerApp.get(TestProjection);
    const consumer = consumers.get('backbone-test');
    const deadLettered = consumer.stats.deadLettered;
    const retries = consumer.stats.retries;
    projection.notReady.add('Waiting School');
    const [event] = await publish(['Waiting School']);
    // CONSUMER_MAX_ATTEMPTS is 5: a transient failure would have been dead-lettered by now.
    await expectEventually(() => expect(consumer.stats.retries).toBeGreaterThanOrEqual(retries + 7), { timeoutMs: 60_000 });
    projection.notReady.delete('Waiting School');
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.event_id === event.eventId)).toHaveLength(1), {
      timeoutMs: 30_000,
    });
    expect(consumer.stats.deadLettered).toBe(deadLettered);
  });

  it('lists dead letters and replays one once its cause is fixed (npm run dlq)', async () => {
    const projection = consumerApp.get(TestProjection);
    const consumer = consumers.get('backbone-test');
    const deadLettered = consumer.stats.deadLettered;
    projection.failures.set('Replayed School', 100);
    const [event] = await publish(['Replayed School']);
    await expectEventually(() => expect(consumer.stats.deadLettered).toBe(deadLettered + 1), { timeoutMs: 60_000 });

    const listed = (await dlq('list', 'backbone-test')).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const letter = listed.find((l) => l.eventId === event.eventId);
    expect(letter).toMatchObject({ type: 'schools.school.registered', reason: 'retries-exhausted', error: 'simulated transient failure' });
    expect(letter.origin).toMatch(new RegExp(`^${topicName(env.topicPrefix, Topics.schools).replace(/\./g, '\\.')}\\[\\d\\]@\\d+$`));

    projection.failures.delete('Replayed School'); // the cause is fixed
    const replayed = (await dlq('replay', 'backbone-test', '--event-id', event.eventId)).stdout;
    expect(replayed).toContain(event.eventId);
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.event_id === event.eventId)).toHaveLength(1));
    // Replayed twice: the ledger drops the second.
    const duplicates = consumer.stats.duplicates;
    await dlq('replay', 'backbone-test', '--event-id', event.eventId);
    await expectEventually(() => expect(consumer.stats.duplicates).toBe(duplicates + 1));
    expect((await effects(consumerDb)).filter((r) => r.event_id === event.eventId)).toHaveLength(1);
    await expect(dlq('replay', 'backbone-test')).rejects.toMatchObject({ code: 2 });
  });

  it('pauses a partition at a newer version of a handled type, and skips types it does not handle', async () => {
    const consumer = consumers.get('backbone-test');
    const aggregateId = randomUUID();
    const v1 = outbox.envelope('schools.school.registered', {
      trustId: TRUST_ID,
      aggregateId,
      data: schoolRegistered('Behind v2', aggregateId),
    });
    const v2 = { ...v1, eventId: randomUUID(), version: 2, data: { school: { renamed: true } } };
    const other = { ...v1, eventId: randomUUID(), type: 'people.staff.hired', data: 'not even an object' };
    const header = (e: { eventId: string; type: string; version: number }) => ({
      'event-id': e.eventId,
      'event-type': e.type,
      'event-version': String(e.version),
    });
    const ignored = consumer.stats.ignored;
    const producer = new Kafka({ clientId: 'test-v2', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      await producer.send({
        topic: topicName(env.topicPrefix, Topics.schools),
        acks: -1,
        messages: [other, v2, v1].map((e) => ({ key: aggregateId, value: JSON.stringify(e), headers: header(e) })),
      });
    } finally {
      await producer.disconnect();
    }
    const [paused] = await expectEventually(async () => {
      const found = (await consumer.describe()).paused;
      expect(found).toHaveLength(1);
      return found;
    });
    expect(paused).toMatchObject({
      topic: topicName(env.topicPrefix, Topics.schools),
      type: 'schools.school.registered',
      version: 2,
      knownVersion: 1,
    });
    expect(consumer.stats.ignored).toBe(ignored + 1);
    // The event behind the v2 one (same aggregate, same partition) waits: it is not applied out of order.
    expect((await effects(consumerDb)).filter((r) => r.event_id === v1.eventId)).toHaveLength(0);
    expect((await dlq('list', 'backbone-test')).stdout).not.toContain(v2.eventId);
  });
});
