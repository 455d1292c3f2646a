import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { classifyPublishError, ServiceOutbox, topicName, Topics } from '../src';
import { expectEventually, readTopic, TEST_KAFKA_BROKERS, testEnvironment, TestEnvironment, TopicReader, withEnv } from '../src/testing';
import { ProducerAppModule, schoolRegistered, TRUST_ID } from './backbone-fixtures';

/**
 * The relay against a real broker whose topic takes at most TOPIC_LIMIT bytes per record batch (set on
 * the topic, as an operator might, below what the service is configured for): a row the broker refuses
 * is parked while the rest flows, and a large batch is split by bytes rather than refused.
 */
const TOPIC_LIMIT = 20_000;
const run = promisify(execFile);

async function createLimitedTopic(topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'test-admin', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_LIMIT) }] },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}

async function setTopicLimit(topic: string, bytes: number): Promise<void> {
  const admin = new Kafka({ clientId: 'test-admin', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2 /* TOPIC */, name: topic, configEntries: [{ name: 'max.message.bytes', value: String(bytes) }] }],
    });
  } finally {
    await admin.disconnect();
  }
}

async function startProducer(env: TestEnvironment, extra: Record<string, string>) {
  return withEnv(env.env('producer', extra), async () => {
    const ref = await Test.createTestingModule({ imports: [ProducerAppModule] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.init();
    return app;
  });
}

/** `npm run outbox -- …` as an operator runs it, against the suite's database. */
async function outboxCommand(env: TestEnvironment, ...args: string[]): Promise<string> {
  const { stdout } = await run('node', [join(process.cwd(), 'scripts', 'outbox.mjs'), ...args], {
    env: { ...process.env, DATABASE_URL: env.databaseUrl('producer') },
  });
  return stdout;
}

/** Names published on the topic for one aggregate, in arrival order (one partition per aggregate). */
// Delivery is at least once: a request the broker refused in part is sent again after it is split, so a
// row it had already taken can arrive twice (consumers drop the copy by event id). Order is what counts.
const namesOf = (reader: TopicReader, aggregateId: string) =>
  [
    ...new Map(
      reader
        .events()
        .filter((e) => e.aggregateId === aggregateId)
        .map((e) => [e.eventId, e] as const),
    ).values(),
  ].map((e) => (e.data as { school: { name: string } }).school.name);

describe('outbox relay: a row the broker refuses is parked, the rest flows', () => {
  const env = testEnvironment('parking');
  const topic = topicName(env.topicPrefix, Topics.schools);
  let app: INestApplication;
  let db: DataSource;
  let outbox: ServiceOutbox;
  let reader: TopicReader;

  beforeAll(async () => {
    await createLimitedTopic(topic);
    app = await startProducer(env, { OUTBOX_STUCK_AFTER_MS: '60000' });
    db = app.get(DataSource);
    outbox = app.get(ServiceOutbox);
    reader = await readTopic(TEST_KAFKA_BROKERS, topic);
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
    await env.cleanup();
  });

  const record = (aggregateId: string, name: string, padding = 0) =>
    db.transaction(async (m) => {
      const event = await outbox.record(m, 'schools.school.registered', {
        trustId: TRUST_ID,
        aggregateId,
        data: schoolRegistered(name, aggregateId),
      });
      // Made larger than the topic takes after the size check, as a topic set below the service's limits would refuse it.
      if (padding > 0) {
        await m.query(
          `UPDATE outbox_events SET payload = jsonb_set(payload, '{padding}', to_jsonb(repeat('p', $2::int))), payload_bytes = NULL WHERE event_id = $1`,
          [event.eventId, padding],
        );
      }
    });

  it('parks the refused row, holds its aggregate behind it, delivers every other aggregate; resend delivers all in order', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await record(a, 'A1');
    await record(b, 'B1');
    await record(a, 'A2', 30_000); // refused by the topic: MESSAGE_TOO_LARGE
    await record(b, 'B2');
    await record(a, 'A3');
    await record(b, 'B3');

    await expectEventually(() => expect(namesOf(reader, b)).toEqual(['B1', 'B2', 'B3']));
    await expectEventually(async () => {
      const rows = await db.query(
        `SELECT payload->'data'->'school'->>'name' AS name, parked_at, sent_at, last_error FROM outbox_events WHERE message_key = $1 ORDER BY id`,
        [a],
      );
      expect(
        rows.map((r: { name: string; parked_at: Date | null; sent_at: Date | null }) => [r.name, r.parked_at !== null, r.sent_at !== null]),
      ).toEqual([
        ['A1', false, true],
        ['A2', true, false],
        ['A3', false, false], // waits behind its aggregate's parked row
      ]);
      expect(rows[1].last_error).toMatch(/^MESSAGE_TOO_LARGE/);
    });
    expect(namesOf(reader, a)).toEqual(['A1']);
    // Events recorded after the parking still flow for other aggregates.
    const c = randomUUID();
    await record(c, 'C1');
    await expectEventually(() => expect(namesOf(reader, c)).toEqual(['C1']));
    expect(namesOf(reader, a)).toEqual(['A1']);

    // Visible: health says degraded (still ready), the operator command lists it.
    const health = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(health.body).toMatchObject({
      status: 'degraded',
      details: { database: { status: 'up' }, outbox: { status: 'degraded', parked: 1, unsent: 1 } },
    });
    const listed = JSON.parse(await outboxCommand(env, 'list', 'producer', '--json'));
    expect(listed).toEqual([
      expect.objectContaining({
        eventType: 'schools.school.registered',
        key: a,
        waitingBehind: 1,
        error: expect.stringMatching(/MESSAGE_TOO_LARGE/),
      }),
    ]);
    expect(JSON.parse(await outboxCommand(env, 'stats', 'producer'))).toMatchObject({ parked: 1, unsent: 1 });

    // The operator raises the topic's limit, then resends: the aggregate continues from the parked row, in order.
    await setTopicLimit(topic, 1_048_588);
    expect(await outboxCommand(env, 'resend', 'producer', listed[0].id)).toMatch(/^resent 1/);
    await expectEventually(() => expect(namesOf(reader, a)).toEqual(['A1', 'A2', 'A3']));
    expect(namesOf(reader, b)).toEqual(['B1', 'B2', 'B3']);
    await expectEventually(async () => {
      const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(res.body).toMatchObject({ status: 'ok', details: { outbox: { status: 'up', parked: 0, unsent: 0 } } });
    });
    expect(await outboxCommand(env, 'list', 'producer')).toMatch(/^no parked events/);
  }, 120_000);

  it('refuses a resend of a row that is not parked, and a discard of --all', async () => {
    await expect(outboxCommand(env, 'resend', 'producer', '999999')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/not parked/),
    });
    await expect(outboxCommand(env, 'discard', 'producer', '--all')).rejects.toMatchObject({ code: 2 });
  });
});

describe('outbox relay: a large batch is split by bytes', () => {
  const env = testEnvironment('bytes');
  const topic = topicName(env.topicPrefix, Topics.schools);
  let app: INestApplication;
  let reader: TopicReader;

  beforeAll(async () => {
    await createLimitedTopic(topic);
    // 10,000 rows a pass, but requests of at most 16 KiB: below the topic's 20,000 bytes.
    app = await startProducer(env, { OUTBOX_BATCH_SIZE: '10000', OUTBOX_BATCH_MAX_BYTES: '16384', EVENT_MAX_BYTES: '16384' });
    reader = await readTopic(TEST_KAFKA_BROKERS, topic);
  }, 120_000);

  afterAll(async () => {
    await reader?.stop();
    await app?.close();
    await env.cleanup();
  });

  it('publishes 300 events recorded at once, none parked, each aggregate in order', async () => {
    const aggregates = Array.from({ length: 5 }, () => randomUUID());
    const items = Array.from({ length: 300 }, (_, i) => {
      const aggregateId = aggregates[i % aggregates.length];
      return {
        type: 'schools.school.registered' as const,
        trustId: TRUST_ID,
        aggregateId,
        data: schoolRegistered(`S${String(i).padStart(3, '0')}`, aggregateId),
      };
    });
    // The whole batch in one request is what the topic refuses: the test is meaningful.
    const producer = new Kafka({ clientId: 'test-whole', brokers: TEST_KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    const whole = app.get(ServiceOutbox);
    const refused = await producer
      .send({ topic, acks: -1, messages: items.map((i) => ({ key: i.aggregateId, value: JSON.stringify(whole.envelope(i.type, i)) })) })
      .then(
        () => undefined,
        (err: unknown) => classifyPublishError(err),
      );
    await producer.disconnect();
    expect(refused).toMatchObject({ kind: 'refused', type: 'MESSAGE_TOO_LARGE' });

    const db = app.get(DataSource);
    await db.transaction((m) => whole.recordMany(m, items));
    await expectEventually(async () => {
      const [{ unsent, parked }] = await db.query(
        `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent, count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked FROM outbox_events`,
      );
      expect([unsent, parked]).toEqual([0, 0]);
    });
    await expectEventually(() =>
      expect(reader.events().filter((e) => String((e.data as { school: { name: string } }).school.name).startsWith('S'))).toHaveLength(300),
    );
    for (const aggregateId of aggregates) {
      const names = namesOf(reader, aggregateId);
      expect(names).toEqual([...names].sort());
    }
  }, 120_000);
});
