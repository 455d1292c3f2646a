import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumerService, startConsumers } from '@trustwide/common';
import { documentedHttp, expectEventually, testEnvironment } from '@trustwide/common/testing';
import { READ_MODEL_CONSUMER } from '../src/read-model/ingest/read-model.handlers';
import { REBUILT_TABLES } from '../src/read-model/ingest/tables';
import { BOOTSTRAP_ADMIN, startGateway, TestClock } from './auth-harness';
import { drafts, openStream, Producer } from './read-model-harness';

// Kafka group joins and a rebuild from the log take seconds on a shared machine.
jest.setTimeout(180_000);

describe('the trust-wide read model (real Kafka and PostgreSQL, events through a producer outbox)', () => {
  const env = testEnvironment('read-model');
  let gateway: INestApplication;
  let producer: Producer;
  let base: string;
  const trustId = randomUUID();
  const [s1, s2, s3] = [randomUUID(), randomUUID(), randomUUID()];
  let ceo: string;
  let head: string;
  let qa: string;
  const http = documentedHttp(() => gateway.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    await env.createDatabases('gateway', 'producer');
    gateway = await startGateway(env, new TestClock(), { SCHOOLS_URL: 'http://127.0.0.1:1' });
    await startConsumers(gateway);
    await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).joined;
    base = `http://127.0.0.1:${(gateway.getHttpServer().address() as { port: number }).port}`;
    producer = await Producer.start(env);
    const admin = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken as string;
    const user = async (email: string, roles: string[], schoolIds: string[] = []) => {
      await http()
        .post(`/api/trusts/${trustId}/users`)
        .set(bearer(admin))
        .send({ email, roles, schoolIds, password: 'velvet otter compass harbour' })
        .expect(201);
      return (await http().post('/api/auth/sign-in').send({ email, password: 'velvet otter compass harbour' }).expect(200)).body
        .accessToken as string;
    };
    ceo = await user('ceo@fenland.test', ['ceo']);
    head = await user('head@fenland.test', ['headteacher'], [s1]);
    qa = await user('qa@fenland.test', ['qa-lead']);
  }, 180_000);

  afterAll(async () => {
    await producer?.close();
    await gateway?.close();
    await env.cleanup();
  });

  const overview = async (token = ceo, query = '') =>
    (await http().get(`/api/trusts/${trustId}/overview${query}`).set(bearer(token)).expect(200)).body;

  it('events published by the services show in the overview with totals; filters, search, sorting and paging; a headteacher sees only their school', async () => {
    await producer.publish(trustId, [
      drafts.school(s1, 'Abbey Primary', { pupilsOnRoll: 200 }),
      drafts.school(s2, 'Brook Academy', { phase: 'secondary', leadershipModel: 'B', pupilsOnRoll: 900 }),
      drafts.school(s3, 'Church Infants', { pupilsOnRoll: 100 }),
      drafts.oeif(s1, '2019-03-01', 2),
      drafts.measures(s1, '2023/24', { attendance: 95.1 }),
      drafts.measures(s1, '2024/25', { attendance: 93.2 }),
      drafts.risk(s1, undefined, 'amber', ['attendance fell']),
      drafts.risk(s2, undefined, 'green', []),
    ]);
    const body = await expectEventually(
      async () => {
        const b = await overview();
        expect(b.totals).toMatchObject({ schools: 3, pupils: 1200, schoolsByRisk: { red: 0, amber: 1, green: 1, unassessed: 1 } });
        expect(b.schools.find((s: { schoolId: string }) => s.schoolId === s1).measures.attendance).toBeDefined();
        return b;
      },
      { timeoutMs: 60_000 },
    );
    const abbey = body.schools.find((s: { schoolId: string }) => s.schoolId === s1);
    expect(abbey).toMatchObject({
      name: 'Abbey Primary',
      phase: 'primary',
      risk: { level: 'amber', reasons: ['attendance fell'] },
      latestInspection: { oeif: { overallEffectiveness: 2, startDate: '2019-03-01' } },
      measures: { attendance: { value: 93.2, period: '2024/25', previous: 95.1, previousPeriod: '2023/24', trend: 'down' } },
    });
    expect(abbey.latestInspection.reportCard).toBeUndefined();
    expect((await overview(ceo, '?phase=secondary')).schools.map((s: { name: string }) => s.name)).toEqual(['Brook Academy']);
    expect((await overview(ceo, '?q=abb')).schools.map((s: { name: string }) => s.name)).toEqual(['Abbey Primary']);
    expect((await overview(ceo, '?sort=-pupils&limit=2')).schools.map((s: { name: string }) => s.name)).toEqual([
      'Brook Academy',
      'Abbey Primary',
    ]);
    expect(await overview(ceo, '?sort=risk&limit=1&offset=1')).toMatchObject({ total: 3, schools: [{ name: 'Brook Academy' }] });
    const mine = await overview(head);
    expect(mine.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([s1]);
    expect(mine.totals.schools).toBe(1);
    await http().get(`/api/trusts/${trustId}/overview/schools/${s2}`).set(bearer(head)).expect(403);
    await http().get(`/api/trusts/${randomUUID()}/overview`).set(bearer(ceo)).expect(404); // another trust's: as if it did not exist
    await http().get(`/api/trusts/${trustId}/overview`).expect(401);
    const bad = await http().get(`/api/trusts/${trustId}/overview?sort=bogus`).set(bearer(ceo)).expect(400);
    expect(bad.body.errors[0].field).toBe('sort');
    // The query is a validated class (documented as the operation's parameters): an empty value is absent, a repeated
    // or unknown one refused, each named.
    expect((await http().get(`/api/trusts/${trustId}/overview?phase=&risk=`).set(bearer(ceo)).expect(200)).body.total).toBe(
      (await overview()).total,
    );
    for (const [query, field] of [
      ['overview?risk=red&risk=amber', 'risk'],
      ['overview?limit=501', 'limit'],
      ['overview?colour=red', 'colour'],
      ['alerts?acknowledged=yes', 'acknowledged'],
      ['audit?subject=not-a-uuid', 'subject'],
      ['leadership?academicYear=2026', 'academicYear'],
      ['alerts/stream?lastEventId=soon', 'lastEventId'],
    ]) {
      const refused = await http().get(`/api/trusts/${trustId}/${query}`).set(bearer(ceo)).expect(400);
      expect([query, refused.body.errors.map((e: { field: string }) => e.field)]).toEqual([query, [field]]);
    }
  });

  it('an alert raised by an event arrives on the live stream, and a reconnect with Last-Event-ID resumes after it; it can be acknowledged', async () => {
    const stream = openStream(`${base}/api/trusts/${trustId}/alerts/stream`, bearer(ceo));
    expect(await stream.status).toBe(200);
    await producer.publish(trustId, [drafts.risk(s1, 'amber', 'red', ['attendance fell', 'inspection grade 3'])]);
    const first = await expectEventually(
      () => {
        expect(stream.events).toHaveLength(1);
        return stream.events[0];
      },
      { timeoutMs: 60_000 },
    );
    expect(first.data).toMatchObject({
      kind: 'risk-worsened',
      severity: 'high',
      subject: { type: 'school', id: s1, link: `/api/trusts/${trustId}/overview/schools/${s1}` },
      // Named by the read model, so a client need not have the school listed to name it.
      schools: [{ schoolId: s1, name: 'Abbey Primary' }],
    });
    stream.close();
    const commission = randomUUID();
    await producer.publish(trustId, [drafts.nearBudget(commission)]);
    const resumed = openStream(`${base}/api/trusts/${trustId}/alerts/stream`, { ...bearer(ceo), 'last-event-id': first.id });
    await expectEventually(() => expect(resumed.events.map((e) => (e.data as { kind: string }).kind)).toEqual(['commission-near-budget']), {
      timeoutMs: 60_000,
    });
    resumed.close();
    const alertId = (first.data as { alertId: string }).alertId;
    const acked = await http().post(`/api/trusts/${trustId}/alerts/${alertId}/acknowledge`).set(bearer(ceo)).expect(200);
    expect(acked.body.acknowledged.by).toMatch(/^user:/);
    // Named for the dashboard: the user's display name, else their e-mail.
    expect(acked.body.acknowledged.name).toBe('ceo@fenland.test');
    const open = (await http().get(`/api/trusts/${trustId}/alerts?acknowledged=false`).set(bearer(ceo)).expect(200)).body;
    // Newest first: the commission's, then Abbey's first worsening (unassessed → amber); the acknowledged one is not open.
    expect(open.alerts.map((a: { kind: string; alertId: string }) => [a.kind, a.alertId === alertId])).toEqual([
      ['commission-near-budget', false],
      ['risk-worsened', false],
    ]);
    // The headteacher of s1 sees the school's alerts, not the commission's (it names no school of theirs).
    const theirs = (await http().get(`/api/trusts/${trustId}/alerts`).set(bearer(head)).expect(200)).body;
    expect(theirs.alerts.map((a: { kind: string; subject: { id: string } }) => [a.kind, a.subject.id])).toEqual([
      ['risk-worsened', s1],
      ['risk-worsened', s1],
    ]);
    await http().post(`/api/trusts/${trustId}/alerts/${randomUUID()}/acknowledge`).set(bearer(ceo)).expect(404);
  });

  it('out-of-order events converge: cpd and improvement events naming a school and leader not yet known, then the school and the leader', async () => {
    const [s4, s5, leader, designation, agreement, cohort, programme] = [
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
      randomUUID(),
    ];
    await producer.publish(trustId, [
      drafts.enrolled(cohort, leader, s4, programme),
      drafts.agreement(agreement, s5, s4),
      drafts.agreed(agreement, leader),
      drafts.deployed(agreement, leader, 12, '2026/27'),
    ]);
    // Applied (in the audit trail) before anything about the school or the leader exists.
    await expectEventually(
      async () => {
        const audit = (await http().get(`/api/trusts/${trustId}/audit?subject=${leader}`).set(bearer(ceo)).expect(200)).body;
        expect(audit.total).toBe(3);
      },
      { timeoutMs: 60_000 },
    );
    await producer.publish(trustId, [
      drafts.school(s4, 'Dyke Primary'),
      drafts.school(s5, 'Ely Juniors'),
      drafts.staff(leader, s4, 'Grace Hopper'),
      ...drafts.designation(designation, leader, s4, 10),
    ]);
    const dyke = await expectEventually(
      async () => {
        const page = (await http().get(`/api/trusts/${trustId}/overview/schools/${s4}`).set(bearer(ceo)).expect(200)).body;
        expect(page.staff).toHaveLength(1);
        expect(page.staff[0].designations).toHaveLength(1);
        return page;
      },
      { timeoutMs: 60_000 },
    );
    expect(dyke).toMatchObject({
      name: 'Dyke Primary',
      staff: [{ staffId: leader, name: 'Grace Hopper', designations: [{ type: 'nle', status: 'active', termEndsOn: '2029-08-31' }] }],
      support: {
        giving: [{ agreementId: agreement, status: 'agreed', supportedSchoolIds: [s5], deployments: [{ staffId: leader, totalDays: 12 }] }],
        receiving: [],
      },
      cpd: [{ programmeId: programme, placesTaken: 1 }],
    });
    const row = (await overview(ceo, '?q=Dyke')).schools[0];
    expect(row).toMatchObject({
      cpd: { placesTaken: 1 },
      designatedLeaders: [{ staffId: leader, designation: 'nle', status: 'active' }],
      support: { giving: [{ agreementId: agreement }] },
    });
    const leadership = (await http().get(`/api/trusts/${trustId}/leadership?academicYear=2026/27`).set(bearer(ceo)).expect(200)).body;
    expect(leadership.systemLeaders.find((l: { staffId: string }) => l.staffId === leader)).toMatchObject({
      name: 'Grace Hopper',
      employingSchool: { schoolId: s4, name: 'Dyke Primary' },
      availableDays: 10,
      deployedTo: [{ agreementId: agreement, days: 12 }],
    });
  });

  it('names the people support agreements show (system leaders, deployed leaders, QA leads) for the QA lead, and no one else; not for a headteacher', async () => {
    const [school, leader, designation, colleague] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await producer.publish(trustId, [
      drafts.school(school, 'Fen Drove Primary'),
      drafts.staff(leader, school, 'Rosalind Franklin'),
      ...drafts.designation(designation, leader, school, 10),
      drafts.staff(colleague, school, 'Charles Babbage'),
    ]);
    const names = () => http().get(`/api/trusts/${trustId}/leadership/names`);
    const answer = await expectEventually(
      async () => {
        const body = (await names().set(bearer(qa)).expect(200)).body as { people: { staffId: string; name: string }[] };
        expect(body.people).toContainEqual({ staffId: leader, name: 'Rosalind Franklin' });
        // The colleague is in the read model too (their joining is in the audit trail), yet holds no designation.
        const audit = (await http().get(`/api/trusts/${trustId}/audit?subject=${colleague}`).set(bearer(ceo)).expect(200)).body;
        expect(audit.total).toBe(1);
        return body;
      },
      { timeoutMs: 60_000 },
    );
    expect(JSON.stringify(answer)).not.toContain('Babbage');
    await names().set(bearer(head)).expect(403);
  });

  it('an erased person is shown as erased in the school page and the audit trail', async () => {
    const [person] = [randomUUID()];
    await producer.publish(trustId, [drafts.staff(person, s3, 'Ada Lovelace'), drafts.role(person, 'deputy-headteacher', s3)]);
    await expectEventually(
      async () => {
        const pipeline = (await http().get(`/api/trusts/${trustId}/pipeline`).set(bearer(ceo)).expect(200)).body;
        expect(pipeline.people.map((p: { name: string }) => p.name)).toContain('Ada Lovelace');
      },
      { timeoutMs: 60_000 },
    );
    await producer.publish(trustId, [
      { type: 'people.staff.left', aggregateId: person, data: { staffId: person, schoolId: s3, leftOn: '2026-01-01' } },
      { type: 'people.staff.erased', aggregateId: person, data: { staffId: person } },
    ]);
    const audit = await expectEventually(
      async () => {
        const a = (await http().get(`/api/trusts/${trustId}/audit?subject=${person}`).set(bearer(ceo)).expect(200)).body;
        expect(a.total).toBe(4);
        return a;
      },
      { timeoutMs: 60_000 },
    );
    expect(audit.entries.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['people.staff.erased', 'people.staff.joined']),
    );
    for (const e of audit.entries)
      expect(e.subjects.find((s: { id: string }) => s.id === person)).toMatchObject({ kind: 'person', name: '[erased]' });
    expect(JSON.stringify(audit)).not.toContain('Lovelace');
  });

  it('every list downloads as CSV: UTF-8 with a BOM, the right columns, formulas neutralised', async () => {
    const evil = randomUUID();
    await producer.publish(trustId, [drafts.school(evil, '=HYPERLINK("http://x")')]);
    await expectEventually(async () => expect((await overview(ceo, '?q=HYPERLINK')).total).toBe(1), { timeoutMs: 60_000 });
    const csv = await http()
      .get(`/api/trusts/${trustId}/overview?format=csv`)
      .set(bearer(ceo))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes = csv.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'schoolId,urn,name,phase,leadershipModel,risk,riskReasons,oeifOverall,oeifDate,reportCardDate,pupils,attendance,attainmentExpectedStandard,supportReceived,supportGiven,designatedLeaders,cpdPlacesTaken',
    );
    expect(lines.find((l) => l.startsWith(evil))).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines.find((l) => l.startsWith(s1))).toContain(
      ',Abbey Primary,primary,A,red,attendance fell; inspection grade 3,2,2019-03-01,,200,93.2,',
    );
    for (const [path, header] of [
      ['leadership', 'staffId,name,employingSchool,designations,expires,academicYear,availableDays,committedDays,status,deployments'],
      ['pipeline', 'staffId,name,track,currentRoles,aspiringTo,cpdTaken,qualifications'],
      ['alerts', 'alertId,raisedAt,kind,severity,title,subjectType,subjectId,schools,acknowledgedBy,acknowledgedAt'],
      ['audit', 'at,type,actor,aggregateType,aggregateId,subjects,eventId'],
    ]) {
      const res = await http().get(`/api/trusts/${trustId}/${path}?format=csv`).set(bearer(ceo)).expect(200);
      expect(res.text.startsWith(`\uFEFF${header}\r\n`)).toBe(true);
    }
  });

  it('an event published again (its relay lost the mark that it was sent) is applied once: the audit trail is the ledger', async () => {
    const db = gateway.get(DataSource);
    const consumer = gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER);
    const school = randomUUID();
    await producer.publish(trustId, [drafts.school(school, 'Twice Told Primary'), drafts.risk(school, undefined, 'amber', ['attendance'])]);
    const audited = async () => Number((await db.query(`SELECT count(*) AS n FROM rm_audit WHERE aggregate_id = $1`, [school]))[0].n);
    await expectEventually(async () => expect(await audited()).toBe(2), { timeoutMs: 60_000 });
    const changes = async () => Number((await db.query(`SELECT count(*) AS n FROM rm_risk_changes WHERE school_id = $1`, [school]))[0].n);
    expect(await changes()).toBe(1);
    const duplicates = consumer.stats.duplicates;
    const [{ processed }] = await db.query(`SELECT max(processed_at) AS processed FROM rm_audit WHERE aggregate_id = $1`, [school]);
    expect(processed).toBeInstanceOf(Date);
    // Both events again, with their ids, as a relay does when its commit of the marks was lost.
    await producer.app.get(DataSource).query(`UPDATE outbox_events SET sent_at = NULL WHERE message_key = $1`, [school]);
    await expectEventually(() => expect(consumer.stats.duplicates).toBe(duplicates + 2), { timeoutMs: 60_000 });
    expect(await audited()).toBe(2);
    expect(await changes()).toBe(1);
  });

  it('a rebuild from the log (reset of the read-model consumer) equals the live model', async () => {
    const db = gateway.get(DataSource);
    const dump = async () => {
      const out: Record<string, string[]> = {};
      for (const table of REBUILT_TABLES) {
        // (Stream positions and when an event was applied are not part of what the log makes.)
        const rows: { j: Record<string, unknown> }[] = await db.query(`SELECT to_jsonb(t) - 'seq' - 'processed_at' AS j FROM ${table} t`);
        out[table] = rows.map((r) => JSON.stringify(r.j, Object.keys(r.j).sort())).sort();
      }
      return out;
    };
    // The audit trail is the consumer's ledger: one row per event applied.
    const ledger = async () => Number((await db.query(`SELECT count(*) AS n FROM rm_audit`))[0].n);
    const live = await dump();
    const applied = await ledger();
    expect(applied).toBe(gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).stats.applied);
    await gateway.get(EventConsumerService).reset(READ_MODEL_CONSUMER);
    await expectEventually(async () => expect(await ledger()).toBe(applied), { timeoutMs: 90_000 });
    expect(await dump()).toEqual(live);
    // Acknowledgements are not from the log: they survive, and the rebuilt alert has the same id.
    const acked = (await http().get(`/api/trusts/${trustId}/alerts?acknowledged=true`).set(bearer(ceo)).expect(200)).body;
    expect(acked.alerts.map((a: { kind: string }) => a.kind)).toEqual(['risk-worsened']);
  });

  it("never prunes the read model's ledger, its audit trail, whatever the retention", async () => {
    const db = gateway.get(DataSource);
    const count = async () => Number((await db.query(`SELECT count(*) AS n FROM rm_audit`))[0].n);
    await db.query(`UPDATE rm_audit SET processed_at = now() - interval '400 days'`);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).pruneLedger(30)).toBe(0);
    expect(await count()).toBe(before);
  });
});
