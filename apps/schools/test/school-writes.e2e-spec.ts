import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource, QueryRunner } from 'typeorm';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import { halfWritten } from './consistency';
import { startSchoolsApp } from './schools-app';

type Answer = { status: number; body: { errors?: unknown; changed?: number } };

/**
 * A measure is written under its school's lock and the trust's lock shared (writeToTrustPart): measures of
 * different schools of one trust run side by side, and writes to the whole trust (risk rules, profiles,
 * inspections, imports) wait for them and they for those, without deadlocks or 5xx, and every school's risk
 * stays the one its data and the stored rules give.
 */
describe("a school's measures beside the trust's other writes", () => {
  const env = testEnvironment('schools_school_writes');
  let app: INestApplication;
  let db: DataSource;
  let t: string;
  const http = () => request(app.getHttpServer());
  // Pairs: each even URN is the converter of the odd one before it, so a measure of the odd one re-derives the even one.
  const URNS = [146001, 146002, 146003, 146004, 146005, 146006];

  beforeAll(async () => {
    // A test below holds a school's row for a while on purpose: the lock timeout must not answer for it.
    app = await startSchoolsApp(env, { DATABASE_LOCK_TIMEOUT_MS: '120000' });
    db = app.get(DataSource);
    t = (await http().post('/trusts').send({ name: 'School Writes Trust' }).expect(201)).body.id;
    for (const urn of URNS)
      await http()
        .post(`/trusts/${t}/schools`)
        .send({ urn, name: `School ${urn}`, phase: 'primary', predecessorUrn: urn % 2 === 0 ? urn - 1 : undefined })
        .expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  let value = 80;
  const measure = (urn: number) =>
    http()
      .post(`/trusts/${t}/schools/${urn}/measures`)
      .send({ period: '2024/25', values: { attendance: (value += 0.25) % 100, persistentAbsence: 10 + (value % 20) } });
  const rules = (below: number) => ({
    name: `attendance below ${below}`,
    inspection: {
      oeif: { overallEffectiveness: { '3': 'amber', '4': 'red' }, judgements: {}, safeguardingNotEffective: 'red' },
      reportCard: { judgements: { 'urgent-improvement': 'red' }, safeguardingNotMet: 'red' },
      categoryOfConcern: { levels: {}, otherwise: 'amber' },
    },
    measures: { thresholds: [{ measure: 'attendance', below, level: 'amber' }], trends: [] },
  });
  /** Sends a request now (supertest sends only when awaited) and keeps its answer. */
  const send = (test: request.Test): Promise<Answer> => test.then((r) => ({ status: r.status, body: r.body as Answer['body'] }));

  /** Holds a school's row in a transaction of the test's own, as a slow write to that school would. */
  async function holdSchool(urn: number): Promise<QueryRunner> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT 1 FROM schools WHERE trust_id = $1 AND urn = $2 FOR UPDATE`, [t, urn]);
    return runner;
  }

  const waitingOnLocks = async () =>
    Number(
      (
        await db.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n,
    );

  /** Every school's risk is what its data and the stored rules give: the same rules again change nothing. */
  async function expectRisksDerived(): Promise<void> {
    const current = (await http().get(`/trusts/${t}/risk-rules`).expect(200)).body.rules as Record<string, unknown>;
    const again = await http().put(`/trusts/${t}/risk-rules`).send(current).expect(200);
    expect(again.body.changed).toBe(0);
  }

  it("takes a school's measures while another school's write is held", async () => {
    const held = await holdSchool(URNS[2]);
    let heldAnswered = false;
    const blocked = measure(URNS[2]).then((r) => {
      heldAnswered = true;
      return r;
    });
    try {
      await expectEventually(async () => expect(await waitingOnLocks()).toBeGreaterThan(0));
      // Another school of the same trust, and its converter, are not held up by the first.
      await measure(URNS[4]).expect(201);
      await measure(URNS[1]).expect(201);
      expect(heldAnswered).toBe(false);
    } finally {
      await held.commitTransaction();
      await held.release();
    }
    expect((await blocked).status).toBe(201);
    expect(await halfWritten(db)).toEqual([]);
    await expectRisksDerived();
  });

  it('lets a rules change wait for the measures in progress, and the measures behind it wait for it', async () => {
    const held = await holdSchool(URNS[0]);
    let requests: Promise<Answer>[] = [];
    try {
      requests.push(send(measure(URNS[0])));
      await expectEventually(async () => expect(await waitingOnLocks()).toBeGreaterThan(0));
      requests = [
        ...requests,
        ...[rules(95), rules(90)].map((r) => send(http().put(`/trusts/${t}/risk-rules`).send(r))),
        ...URNS.map((urn) => send(measure(urn))),
      ];
    } finally {
      await held.commitTransaction();
      await held.release();
    }
    const answers = await Promise.all(requests);
    expect(answers.filter((a) => a.status >= 300).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    expect(await halfWritten(db)).toEqual([]);
    await expectRisksDerived();
  });

  it('races measures of every school with rules, profile, inspection and predecessor changes: no deadlock, no 5xx', async () => {
    const writes: ((i: number) => request.Test)[] = [
      (i) => measure(URNS[i % URNS.length]),
      (i) => measure(URNS[(i + 3) % URNS.length]),
      (i) =>
        http()
          .put(`/trusts/${t}/risk-rules`)
          .send(rules(85 + (i % 10))),
      (i) =>
        http()
          .patch(`/trusts/${t}/schools/${URNS[1 + 2 * (i % 3)]}`)
          // A converter that loses and regains its predecessor: the lineage measures read changes under them.
          .send({ predecessorUrn: i % 4 < 2 ? null : URNS[2 * (i % 3)], pupilsOnRoll: 100 + i }),
      (i) =>
        http()
          .post(`/trusts/${t}/schools/${URNS[i % URNS.length]}/inspections`)
          .send({
            framework: 'oeif',
            startDate: `2019-0${1 + (i % 9)}-${String(10 + (i % 17)).padStart(2, '0')}`,
            overallEffectiveness: 1 + (i % 4),
          }),
    ];
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => send(writes[i % writes.length](i))));
    // A 409 is an honest answer (an inspection already recorded); nothing else but success may come back.
    expect(answers.filter((a) => a.status >= 300 && a.status !== 409).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    expect(answers.filter((a) => a.status < 300).length).toBeGreaterThan(40);
    expect(await halfWritten(db)).toEqual([]);
    await expectRisksDerived();
  });
});
