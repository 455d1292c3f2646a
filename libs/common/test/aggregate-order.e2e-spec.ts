import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ServiceOutbox, topicName, Topics } from '../src';
import { expectEventually, readTopic, testEnvironment, withEnv } from '../src/testing';
import { ProducerAppModule } from './backbone-fixtures';

/**
 * The ordering rule every service follows (README "Adding an event…"): a writer locks the aggregate's
 * row (`SELECT … FOR UPDATE`) before it changes it and records the event, in one transaction. Outbox
 * ids are taken at insert, so a second writer, which waits for the lock, inserts after the first one
 * committed: outbox order = order of the state changes = the order on the topic.
 */
describe('an aggregate’s events stay in the order of its changes', () => {
  const env = testEnvironment('aggregate_order');
  let app: INestApplication;
  let db: DataSource;
  let outbox: ServiceOutbox;
  const trustId = randomUUID();

  beforeAll(async () => {
    app = await withEnv(env.env('producer'), async () => {
      const ref = await Test.createTestingModule({ imports: [ProducerAppModule] }).compile();
      const created = ref.createNestApplication({ logger: ['error'] });
      await created.init();
      return created;
    });
    db = app.get(DataSource);
    outbox = app.get(ServiceOutbox);
    // The aggregate: a row with a version that each change increments.
    await db.query(`CREATE TABLE test_rules (trust_id uuid PRIMARY KEY, version int NOT NULL)`);
    await db.query(`INSERT INTO test_rules VALUES ($1, 0)`, [trustId]);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  /** One change as a service writes it: lock, change, record, in one transaction. */
  const change = (m: EntityManager, lock: boolean) =>
    m
      .query(`SELECT version FROM test_rules WHERE trust_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [trustId])
      .then(async ([row]: { version: number }[]) => {
        const version = row.version + 1;
        await m.query(`UPDATE test_rules SET version = $2 WHERE trust_id = $1`, [trustId, version]);
        await outbox.record(m, 'schools.risk-rules.changed', {
          trustId,
          aggregateId: trustId,
          data: { trustId, version, rules: {}, reassessed: 0, changed: 0 },
        });
      });

  const recordedVersions = async () =>
    (
      await db.query<{ v: string }[]>(`SELECT payload->'data'->>'version' AS v FROM outbox_events WHERE message_key = $1 ORDER BY id`, [
        trustId,
      ])
    ).map((r) => Number(r.v));

  it('with the row locked first, 24 concurrent writers leave outbox rows (and topic messages) in version order', async () => {
    const writers = 24;
    await Promise.all(Array.from({ length: writers }, () => db.transaction((m) => change(m, true))));
    const versions = await recordedVersions();
    expect(versions).toEqual(Array.from({ length: writers }, (_, i) => i + 1));

    const topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
    try {
      const published = await expectEventually(() => {
        const mine = topic.events().filter((e) => e.aggregateId === trustId);
        expect(mine).toHaveLength(writers);
        return mine;
      });
      expect(published.map((e) => (e.data as { version: number }).version)).toEqual(versions);
    } finally {
      await topic.stop();
    }
  });

  /** Two writers, A and B, interleaved by hand: A reads, B reads, B writes and commits, A writes and commits. */
  async function interleaved(lock: boolean): Promise<number[]> {
    await db.query(`UPDATE test_rules SET version = 100 WHERE trust_id = $1`, [trustId]);
    await db.query(`DELETE FROM outbox_events WHERE message_key = $1`, [trustId]);
    const [a, b] = [db.createQueryRunner(), db.createQueryRunner()];
    const read = (runner: typeof a) =>
      runner
        .query(`SELECT version FROM test_rules WHERE trust_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [trustId])
        .then(([row]: { version: number }[]) => row.version);
    const write = async (runner: typeof a, version: number) => {
      await runner.query(`UPDATE test_rules SET version = $2 WHERE trust_id = $1`, [trustId, version]);
      await outbox.record(runner.manager, 'schools.risk-rules.changed', {
        trustId,
        aggregateId: trustId,
        data: { trustId, version, rules: {}, reassessed: 0, changed: 0 },
      });
    };
    try {
      await a.startTransaction();
      await b.startTransaction();
      const readByA = await read(a);
      // With the lock, B's read waits here until A commits; without it, B reads what A read.
      const bDone = read(b).then(async (readByB) => {
        await write(b, readByB + 1);
        await b.commitTransaction();
      });
      if (!lock) await bDone;
      await write(a, readByA + 1);
      await a.commitTransaction();
      await bDone;
    } finally {
      await a.release();
      await b.release();
    }
    return recordedVersions();
  }

  it('the lock is what keeps them in order: the same two writers without it record a change twice, out of order', async () => {
    expect(await interleaved(false)).toEqual([101, 101]); // B's 101, then A's 101 on a version it never saw change
    expect(await interleaved(true)).toEqual([101, 102]); // A's 101, then B's 102, read after A committed
  });
});
