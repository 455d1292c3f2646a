import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EventConsumerService, startConsumers } from '@trustwide/common';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import { READ_MODEL_CONSUMER } from '../src/read-model/ingest/read-model.handlers';
import { REBUILT_TABLES } from '../src/read-model/ingest/tables';
import { PREVIOUS_SCHEMA } from '../src/read-model/rebuild/table-sets';
import { BOOTSTRAP_ADMIN, startGateway, TestClock } from './auth-harness';
import { Draft, drafts, Producer } from './read-model-harness';

// Two Kafka group joins and a rebuild from the log take a while on a shared machine.
jest.setTimeout(240_000);

/** A school's events: registered, two years of measures, a risk status, a member of staff with a designation. */
function schoolLife(i: number): Draft[] {
  const school = randomUUID();
  const staff = randomUUID();
  return [
    drafts.school(school, `School ${String(i).padStart(3, '0')}`, { pupilsOnRoll: 100 + i }),
    drafts.measures(school, '2023/24', { attendance: 90 + (i % 7) }),
    drafts.measures(school, '2024/25', { attendance: 89 + (i % 5) }),
    drafts.risk(school, undefined, i % 3 === 0 ? 'amber' : 'green', i % 3 === 0 ? ['attendance fell'] : []),
    drafts.staff(staff, school, `Leader ${i}`),
    ...drafts.designation(randomUUID(), staff, school, 10),
  ];
}

describe('rebuilding the read model beside the live one (real Kafka and PostgreSQL)', () => {
  const env = testEnvironment('rm-rebuild');
  let gateway: INestApplication;
  let producer: Producer;
  const trustId = randomUUID();
  let ceo: string;
  let admin: string;
  let published = 0;
  const http = () => request(gateway.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const db = () => gateway.get(DataSource);

  /** Every row of every rebuilt table of a schema, as sorted JSON (alerts with their stream position). */
  const dump = async (schema: string) => {
    const out: Record<string, string[]> = {};
    for (const table of REBUILT_TABLES) {
      // (When an event was applied is not part of what the log makes.)
      const rows: { j: Record<string, unknown> }[] = await db().query(`SELECT to_jsonb(t) - 'processed_at' AS j FROM ${schema}.${table} t`);
      out[table] = rows.map((r) => JSON.stringify(r.j, Object.keys(r.j).sort())).sort();
    }
    return out;
  };
  /** Events in the read model's ledger, its audit trail (`rm_audit`), of a schema. */
  const ledger = async (schema = 'public') => Number((await db().query(`SELECT count(*) AS n FROM ${schema}.rm_audit`))[0].n);
  const publish = async (events: Draft[]) => {
    await producer.publish(trustId, events);
    published += events.length;
  };
  const overview = async () => (await http().get(`/api/trusts/${trustId}/overview?limit=1`).set(bearer(ceo)).expect(200)).body;

  beforeAll(async () => {
    await env.createDatabases('gateway', 'producer');
    gateway = await startGateway(env, new TestClock(), { SCHOOLS_URL: 'http://127.0.0.1:1' });
    await startConsumers(gateway);
    await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).joined;
    producer = await Producer.start(env);
    admin = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken as string;
    const password = 'velvet otter compass harbour';
    await http()
      .post(`/api/trusts/${trustId}/users`)
      .set(bearer(admin))
      .send({ email: 'ceo@rebuild.test', roles: ['ceo'], password })
      .expect(201);
    ceo = (await http().post('/api/auth/sign-in').send({ email: 'ceo@rebuild.test', password }).expect(200)).body.accessToken as string;
  }, 240_000);

  afterAll(async () => {
    await producer?.close();
    await gateway?.close();
    await env.cleanup();
  });

  it('fills a second table set while the live model answers, swaps it in when caught up, and it equals the live model', async () => {
    // The live model: 80 schools' lives (720 events), an alert acknowledged.
    for (let batch = 0; batch < 4; batch++) await publish(Array.from({ length: 20 }, (_, i) => schoolLife(batch * 20 + i)).flat());
    await expectEventually(async () => expect(await ledger()).toBe(published), { timeoutMs: 90_000 });
    const alerts = (await http().get(`/api/trusts/${trustId}/alerts?kind=risk-worsened&limit=1`).set(bearer(ceo)).expect(200)).body;
    const acked = alerts.alerts[0].alertId as string;
    await http().post(`/api/trusts/${trustId}/alerts/${acked}/acknowledge`).set(bearer(ceo)).send({}).expect(200);

    // Only a platform administrator may start one; one at a time.
    await http().post('/api/admin/read-model/rebuild').set(bearer(ceo)).expect(403);
    const started = (await http().post('/api/admin/read-model/rebuild').set(bearer(admin)).expect(202)).body;
    expect(started).toMatchObject({ state: 'running', swappedAt: null });
    await http().post('/api/admin/read-model/rebuild').set(bearer(admin)).expect(409);

    // More events while it runs; the live model takes them in and keeps answering, never with a partial model.
    const late = randomUUID();
    await publish([drafts.school(late, 'Late Academy', { pupilsOnRoll: 50 }), drafts.risk(late, undefined, 'red', ['late'])]);
    const states = new Set<string>();
    let reads = 0;
    for (;;) {
      const body = await overview();
      expect(body.totals.schools).toBeGreaterThanOrEqual(80);
      reads++;
      const status = (await http().get('/api/admin/read-model/rebuild').set(bearer(admin)).expect(200)).body;
      states.add(status.state);
      if (status.state === 'swapped' || status.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const status = (await http().get('/api/admin/read-model/rebuild').set(bearer(admin)).expect(200)).body;
    expect(status).toMatchObject({ state: 'swapped', error: null });
    expect(status.eventsApplied).toBe(published);
    expect(states.has('running')).toBe(true);
    expect(reads).toBeGreaterThan(1);

    // The swapped-in model equals the live one it replaced (kept in rm_previous), row for row, stream positions too.
    const previous = await dump(PREVIOUS_SCHEMA);
    expect(previous.rm_audit).toHaveLength(published); // the live model had every event when it was paused
    expect(await dump('public')).toEqual(previous);
    expect((await overview()).totals).toMatchObject({ schools: 81, schoolsByRisk: { red: 1 } });

    // Filled UNLOGGED, swapped in logged (a crash of PostgreSQL must not empty the live model), with every index.
    const persistence: { relname: string; relpersistence: string }[] = await db().query(
      `SELECT c.relname, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND (c.relname LIKE 'rm\\_%') AND c.relkind IN ('r', 'i')`,
    );
    expect(persistence.filter((r) => r.relpersistence !== 'p')).toEqual([]);
    // (the acknowledgements stay in public, in neither set)
    const indexes = async (schema: string) =>
      (
        await db().query(
          `SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename LIKE 'rm\\_%' AND tablename <> 'rm_alert_acks' ORDER BY 1`,
          [schema],
        )
      ).map((r: { indexname: string }) => r.indexname);
    expect(await indexes('public')).toEqual(await indexes(PREVIOUS_SCHEMA));

    // The ledger went with it, renamed with the tables: every event in both; none in the shared ledger.
    expect(await ledger()).toBe(published);
    expect(await ledger(PREVIOUS_SCHEMA)).toBe(published);
    expect(Number((await db().query(`SELECT count(*) AS n FROM processed_events WHERE consumer_group LIKE '%read-model%'`))[0].n)).toBe(0);

    // The acknowledgement survives, and the live consumer goes on with the swapped-in tables.
    const ackedNow = (await http().get(`/api/trusts/${trustId}/alerts?acknowledged=true`).set(bearer(ceo)).expect(200)).body;
    expect(ackedNow.alerts.map((a: { alertId: string }) => a.alertId)).toEqual([acked]);
    await publish([drafts.school(randomUUID(), 'After Swap School')]);
    await expectEventually(async () => expect((await overview()).totals.schools).toBe(82), { timeoutMs: 60_000 });
    expect(await ledger()).toBe(published);

    // A second rebuild replaces the first's leftovers and ends the same way.
    await http().post('/api/admin/read-model/rebuild').set(bearer(admin)).expect(202);
    await expectEventually(
      async () =>
        expect((await http().get('/api/admin/read-model/rebuild').set(bearer(admin)).expect(200)).body).toMatchObject({
          state: 'swapped',
          eventsApplied: published,
        }),
      { timeoutMs: 120_000 },
    );
    expect(await dump('public')).toEqual(await dump(PREVIOUS_SCHEMA));
  });
});
