import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, OutboxItem, ServiceOutbox } from '../src';
import { expectEventually, testEnvironment } from '../src/testing';
import { ProducerAppModule, schoolRegistered, startApp, TRUST_ID } from './backbone-fixtures';

/**
 * The outbox in a transaction: what a write records is written with the rest of its transaction's events in one
 * statement just before it commits (in order, and not at all when the transaction fails), or at once in a
 * transaction `inTransaction` did not start.
 */
describe('outbox: events written at the end of their transaction', () => {
  const env = testEnvironment('outbox_tx');
  let app: INestApplication;
  let db: DataSource;
  let outbox: ServiceOutbox;
  const event = (aggregateId: string, name: string): OutboxItem => ({
    type: 'schools.school.registered',
    trustId: TRUST_ID,
    aggregateId,
    data: schoolRegistered(name, aggregateId),
  });
  const stored = (m: EntityManager | DataSource, aggregateId: string) =>
    m.query<{ id: string; name: string }[]>(
      `SELECT id, payload->'data'->'school'->>'name' AS name FROM outbox_events WHERE message_key = $1 ORDER BY id`,
      [aggregateId],
    );

  beforeAll(async () => {
    app = await startApp(env, ProducerAppModule, 'producer');
    db = app.get(DataSource);
    outbox = app.get(ServiceOutbox);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  it('writes what a transaction recorded in several calls in one statement before it commits, in the order recorded', async () => {
    const aggregate = randomUUID();
    const seenInside = await inTransaction(db, async (m) => {
      await outbox.record(m, event(aggregate, 'first').type, event(aggregate, 'first'));
      await outbox.recordMany(m, [event(aggregate, 'second'), event(aggregate, 'third')]);
      return (await stored(m, aggregate)).length;
    });
    expect(seenInside).toBe(0);
    const rows = await stored(db, aggregate);
    expect(rows.map((r) => r.name)).toEqual(['first', 'second', 'third']);
    expect(Number(rows[2].id) - Number(rows[0].id)).toBe(2); // one statement: consecutive ids
    // Its NOTIFY woke the relay, which published them.
    await expectEventually(async () =>
      expect(
        await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE message_key = $1 AND sent_at IS NULL`, [aggregate]),
      ).toEqual([{ n: 0 }]),
    );
  });

  it('writes nothing of a transaction that fails after recording', async () => {
    const aggregate = randomUUID();
    await expect(
      inTransaction(db, async (m) => {
        await outbox.record(m, event(aggregate, 'never').type, event(aggregate, 'never'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await stored(db, aggregate)).toEqual([]);
  });

  it('writes at once in a transaction inTransaction did not start, and as they reach a thousand in a large one', async () => {
    const aggregate = randomUUID();
    const inside = await db.transaction(async (m) => {
      await outbox.record(m, event(aggregate, 'now').type, event(aggregate, 'now'));
      return (await stored(m, aggregate)).length;
    });
    expect(inside).toBe(1);

    const many = randomUUID();
    const counts = await inTransaction(db, async (m) => {
      const items = Array.from({ length: 1_200 }, (_, i) => event(many, `n${String(i).padStart(4, '0')}`));
      await outbox.recordMany(m, items.slice(0, 600));
      const half = (await stored(m, many)).length;
      await outbox.recordMany(m, items.slice(600));
      return [half, (await stored(m, many)).length];
    });
    expect(counts).toEqual([0, 1_200]); // the second call took the waiting ones past a thousand: all written then
    const rows = await stored(db, many);
    expect(rows.map((r) => r.name)).toEqual(Array.from({ length: 1_200 }, (_, i) => `n${String(i).padStart(4, '0')}`));
  });
});
