import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deadLetterTopic, EventConsumerService, ServiceOutbox, startConsumers, topicName, Topics } from '../src';
import { expectEventually, produceRaw, readTopic, testEnvironment, withEnv } from '../src/testing';
import { ConsumerAppModule, effects, ProducerAppModule, schoolRegistered, TestProjection, TRUST_ID } from './backbone-fixtures';

/** The event backbone against the real broker and real PostgreSQL: two app contexts, one topic. */
describe('event backbone', () => {
  const env = testEnvironment('backbone');
  const brokers = env.env('x').KAFKA_BROKERS;
  const schoolsTopic = topicName(env.topicPrefix, Topics.schools);
  let producerApp: INestApplication;
  let consumerApp: INestApplication;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let outbox: ServiceOutbox;

  async function start(module: unknown, service: string) {
    return withEnv(env.env(service), async () => {
      const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
      const app = ref.createNestApplication({ logger: ['error'] });
      await app.init();
      await startConsumers(app);
      return app;
    });
  }

  const publish = (name: string, aggregateId = randomUUID()) =>
    producerDb.transaction((m) =>
      outbox.record(m, 'schools.school.registered', { trustId: TRUST_ID, aggregateId, data: schoolRegistered(name, aggregateId) }),
    );

  beforeAll(async () => {
    producerApp = await start(ProducerAppModule, 'producer');
    consumerApp = await start(ConsumerAppModule, 'consumer');
    producerDb = producerApp.get(DataSource);
    consumerDb = consumerApp.get(DataSource);
    outbox = producerApp.get(ServiceOutbox);
    await consumerApp.get(EventConsumerService).consumer!.joined;
  });

  afterAll(async () => {
    await producerApp?.close();
    await consumerApp?.close();
    await env.cleanup();
  });

  it('delivers an event written through the outbox to a consumer in another app', async () => {
    const envelope = await publish('Aldgate School');
    const rows = await expectEventually(async () => {
      const found = (await effects(consumerDb)).filter((r) => r.event_id === envelope.eventId);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(rows[0]).toMatchObject({ aggregate_id: envelope.aggregateId, name: 'Aldgate School' });
    const [outboxRow] = await producerDb.query(`SELECT sent_at FROM outbox_events WHERE event_id = $1`, [envelope.eventId]);
    expect(outboxRow.sent_at).not.toBeNull();
    const [ledger] = await consumerDb.query(`SELECT consumer_group, event_type, trust_id FROM processed_events WHERE event_id = $1`, [
      envelope.eventId,
    ]);
    expect(ledger).toEqual({
      consumer_group: `${env.topicPrefix}backbone-test`,
      event_type: 'schools.school.registered',
      trust_id: TRUST_ID,
    });
  });

  it('applies an event delivered twice only once', async () => {
    const envelope = await publish('Twice School');
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.event_id === envelope.eventId)).toHaveLength(1));
    const stats = consumerApp.get(EventConsumerService).consumer!.stats;
    const duplicatesBefore = stats.duplicates;
    // The same bytes again, as a producer retry or a relay restart would send them.
    await produceRaw(brokers, schoolsTopic, [{ key: envelope.aggregateId, value: JSON.stringify(envelope) }]);
    await expectEventually(() => expect(stats.duplicates).toBe(duplicatesBefore + 1));
    expect((await effects(consumerDb)).filter((r) => r.event_id === envelope.eventId)).toHaveLength(1);
  });

  it('dead-letters malformed and invalid messages with the reason in headers, skips types it does not handle, and goes on', async () => {
    const dlq = await readTopic(brokers, deadLetterTopic(env.topicPrefix, 'backbone-test'));
    try {
      const aggregateId = randomUUID();
      const valid = outbox.envelope('schools.school.registered', {
        trustId: TRUST_ID,
        aggregateId,
        data: schoolRegistered('After Poison', aggregateId),
      });
      const invalid = { ...valid, eventId: randomUUID(), data: { school: { name: 42 } } };
      const unknown = { ...valid, eventId: randomUUID(), type: 'schools.school.teleported' };
      await produceRaw(brokers, schoolsTopic, [
        { key: aggregateId, value: '{"this is": not json' },
        { key: aggregateId, value: JSON.stringify(invalid) },
        { key: aggregateId, value: JSON.stringify(unknown) },
        { key: aggregateId, value: JSON.stringify(valid) },
      ]);
      await expectEventually(async () => expect((await effects(consumerDb)).map((r) => r.event_id)).toContain(valid.eventId));
      await expectEventually(() => expect(dlq.messages).toHaveLength(2));
      const reasons = dlq.messages.map((m) => m.headers!['x-dlq-reason']!.toString());
      // A type the group doesn't handle (here one nobody knows) is skipped, not dead-lettered.
      expect(reasons).toEqual(['malformed-json', 'invalid-data']);
      const first = dlq.messages[0];
      expect(first.value!.toString()).toBe('{"this is": not json');
      expect(first.key!.toString()).toBe(aggregateId);
      expect(first.headers!['x-dlq-origin-topic']!.toString()).toBe(schoolsTopic);
      expect(first.headers!['x-dlq-consumer-group']!.toString()).toBe(`${env.topicPrefix}backbone-test`);
      expect(first.headers!['x-dlq-origin-offset']!.toString()).toMatch(/^\d+$/);
      expect(first.headers!['x-dlq-error']!.toString()).toContain('not JSON');
      expect(dlq.messages[1].headers!['x-dlq-error']!.toString()).toContain('data.school');
    } finally {
      await dlq.stop();
    }
  });

  it('retries a transient handler failure and applies the event once', async () => {
    const projection = consumerApp.get(TestProjection);
    projection.failures.set('Flaky School', 2);
    const envelope = await publish('Flaky School');
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.event_id === envelope.eventId)).toHaveLength(1));
    expect(projection.failures.get('Flaky School')).toBe(0);
  });

  it('waits out a database outage longer than its retry budget instead of dead-lettering', async () => {
    const projection = consumerApp.get(TestProjection);
    const stats = consumerApp.get(EventConsumerService).consumer!.stats;
    const deadLettered = stats.deadLettered;
    projection.outages.set('Outage School', 8); // CONSUMER_MAX_ATTEMPTS is 5
    const envelope = await publish('Outage School');
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.event_id === envelope.eventId)).toHaveLength(1), {
      timeoutMs: 60_000,
    });
    expect(projection.outages.get('Outage School')).toBe(0);
    expect(stats.deadLettered).toBe(deadLettered);
  });

  it('dead-letters an event whose handler keeps failing, once its attempts are spent, and goes on', async () => {
    const projection = consumerApp.get(TestProjection);
    const stats = consumerApp.get(EventConsumerService).consumer!.stats;
    const deadLettered = stats.deadLettered;
    projection.failures.set('Cursed School', 100);
    const aggregateId = randomUUID(); // one aggregate, one partition: the next event waits behind the cursed one
    await publish('Cursed School', aggregateId);
    const next = await publish('After Cursed School', aggregateId);
    await expectEventually(async () => expect((await effects(consumerDb)).map((r) => r.event_id)).toContain(next.eventId), {
      timeoutMs: 60_000,
    });
    expect(stats.deadLettered).toBe(deadLettered + 1);
    expect((await effects(consumerDb)).filter((r) => r.name === 'Cursed School')).toHaveLength(0);
  });

  it('keeps each aggregate in order across a burst of events', async () => {
    const aggregates = [randomUUID(), randomUUID(), randomUUID()];
    for (let i = 0; i < 30; i++) {
      const aggregateId = aggregates[i % 3];
      await publish(`Burst ${String(i).padStart(2, '0')}`, aggregateId);
    }
    await expectEventually(async () => expect((await effects(consumerDb)).filter((r) => r.name.startsWith('Burst '))).toHaveLength(30));
    const rows = (await effects(consumerDb)).filter((r) => r.name.startsWith('Burst '));
    for (const aggregateId of aggregates) {
      const names = rows.filter((r) => r.aggregate_id === aggregateId).map((r) => r.name);
      expect(names).toEqual([...names].sort());
      expect(names).toHaveLength(10);
    }
  });

  it('starts a consuming service while Kafka is unreachable, and stops it promptly', async () => {
    const app = await withEnv(env.env('consumer', { KAFKA_BROKERS: '127.0.0.1:1' }), async () => {
      const ref = await Test.createTestingModule({ imports: [ConsumerAppModule] }).compile();
      const created = ref.createNestApplication({ logger: false });
      await created.init();
      await startConsumers(created);
      return created;
    });
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('forgets ledger rows older than the retention, and only those', async () => {
    const group = `${env.topicPrefix}backbone-test`;
    const [old] = await consumerDb.query(
      `INSERT INTO processed_events (consumer_group, event_id, event_type, trust_id, processed_at)
       VALUES ($1, gen_random_uuid(), 'schools.school.registered', $2, now() - interval '40 days') RETURNING event_id`,
      [group, TRUST_ID],
    );
    const [{ before }] = await consumerDb.query(`SELECT count(*)::int AS before FROM processed_events WHERE consumer_group = $1`, [group]);
    expect(await consumerApp.get(EventConsumerService).consumer!.pruneLedger(30)).toBe(1);
    const [{ after }] = await consumerDb.query(`SELECT count(*)::int AS after FROM processed_events WHERE consumer_group = $1`, [group]);
    expect(after).toBe(before - 1);
    expect(await consumerDb.query(`SELECT 1 FROM processed_events WHERE event_id = $1`, [old.event_id])).toEqual([]);
  });

  it('refuses to record an event whose data breaks its contract, and outside a transaction', async () => {
    await expect(
      producerDb.transaction((m) =>
        outbox.record(m, 'schools.school.registered', { trustId: TRUST_ID, aggregateId: randomUUID(), data: { school: {} } as never }),
      ),
    ).rejects.toThrow(/refusing to publish schools.school.registered/);
    await expect(
      outbox.record(producerDb.manager, 'schools.school.registered', {
        trustId: TRUST_ID,
        aggregateId: randomUUID(),
        data: schoolRegistered('x'),
      }),
    ).rejects.toThrow(/inside the transaction/);
  });
});
