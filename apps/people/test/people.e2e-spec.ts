import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { todayInEngland, topicName, Topics } from '@trustwide/common';
import { documentedHttp, expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { CapacityService } from '../src/capacity/capacity.service';
import { academicYearOf, addDays } from '@trustwide/common/util/calendar';
import { knowSchool, startPeopleApp } from './people-app';

/** The people API against real PostgreSQL and Kafka: staff, the designation lifecycle, expiry, capacity and erasure. */
describe('people API', () => {
  const env = testEnvironment('people_api');
  const trustId = randomUUID();
  const schoolA = randomUUID();
  const schoolB = randomUUID();
  const today = todayInEngland();
  const year = academicYearOf(today);
  const outstanding = {
    framework: 'oeif' as const,
    startDate: '2023-05-10',
    overallEffectiveness: 1 as const,
    judgements: { 'leadership-and-management': 1 as const },
  };
  let app: INestApplication;
  let db: DataSource;
  let topic: TopicReader;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const base = `/trusts/${trustId}`;
  const events = (type: string, id?: string) =>
    topic.events().filter((e) => e.type === type && e.trustId === trustId && (id === undefined || JSON.stringify(e.data).includes(id)));

  const join = async (firstName: string, lastName: string, schoolId: string, role: string, joinedOn = '2018-09-01', workEmail?: string) =>
    (await http().post(`${base}/staff`).send({ firstName, lastName, workEmail, schoolId, joinedOn, role }).expect(201)).body.id as string;
  const approval = (schoolId: string, extra: object = {}) => ({
    reason: 'Panel of 12 March: strong evidence',
    decidedBy: 'hr-user-1',
    termStartsOn: today,
    outcomes: 'KS2 reading at expected standard rose from 61% to 78% in three years',
    commitment: { schoolId, daysPerYear: 20, signedBy: 'chair-of-governors', signedOn: '2025-01-01' },
    ...extra,
  });
  const designate = async (staffId: string, schoolId: string) => {
    const id = (
      await http()
        .post(`${base}/designations`)
        .send({ staffId, type: 'lle', reason: 'Nominated by the CEO', decidedBy: 'hr-user-1' })
        .expect(201)
    ).body.id as string;
    await http().post(`${base}/designations/${id}/approve`).send(approval(schoolId)).expect(200);
    // The expiry run (every 250 ms here) may start the term first: then activating is a 409 and it is active already.
    const activated = await http().post(`${base}/designations/${id}/activate`).send({ reason: 'Term begins', decidedBy: 'hr-user-1' });
    if (activated.status !== 200)
      expect({ status: activated.status, now: (await http().get(`${base}/designations/${id}`).expect(200)).body.status }).toEqual({
        status: 409,
        now: 'active',
      });
    return id;
  };

  beforeAll(async () => {
    app = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '250' });
    db = app.get(DataSource);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.people));
    await knowSchool(app, trustId, schoolA, outstanding);
    await knowSchool(app, trustId, schoolB, outstanding);
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await env.cleanup();
  });

  it('makes staff assignable only to schools of the trust, and lists them with filters and paging', async () => {
    const res = await http()
      .post(`${base}/staff`)
      .send({ firstName: 'Ann', lastName: 'Other', schoolId: randomUUID(), joinedOn: '2020-09-01' })
      .expect(422);
    expect(res.body).toMatchObject({
      statusCode: 422,
      errors: [{ field: 'schoolId', problems: [expect.stringContaining('not a school of this trust')] }],
    });
    const bad = await http()
      .post(`${base}/staff`)
      .send({ firstName: '', lastName: 'X', schoolId: 'nope', joinedOn: '01/09/2020', role: 'wizard' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['firstName', 'joinedOn', 'role', 'schoolId']);

    const exec = await join('Priya', 'Shah', schoolA, 'executive-headteacher', '2016-09-01', 'P.Shah@Example.org');
    await http()
      .post(`${base}/staff/${exec}/roles`)
      .send({ role: 'executive-headteacher', schoolId: schoolB, startedOn: '2019-09-01' })
      .expect(201);
    await http()
      .post(`${base}/staff`)
      .send({ firstName: 'Dup', lastName: 'Email', workEmail: 'p.shah@example.org', schoolId: schoolA, joinedOn: '2020-09-01' })
      .expect(409);
    const clash = await http()
      .post(`${base}/staff/${exec}/roles`)
      .send({ role: 'executive-headteacher', schoolId: schoolB, startedOn: '2020-09-01' })
      .expect(422);
    expect(clash.body.errors[0]).toMatchObject({ field: 'role', problems: [expect.stringContaining('overlaps the same role')] });
    await join('Tom', 'Baker', schoolB, 'teacher', '2021-09-01');

    const page = (await http().get(`${base}/staff?role=executive-headteacher&limit=1`).expect(200)).body;
    expect(page).toMatchObject({ total: 1, limit: 1, offset: 0 });
    expect(page.items[0]).toMatchObject({ firstName: 'Priya', workEmail: 'p.shah@example.org' });
    expect(page.items[0].roles.map((r: { schoolId: string }) => r.schoolId).sort()).toEqual([schoolA, schoolB].sort());
    expect((await http().get(`${base}/staff?q=bak`).expect(200)).body.items.map((s: { lastName: string }) => s.lastName)).toEqual([
      'Baker',
    ]);
    expect((await http().get(`${base}/staff?schoolId=${schoolB}`).expect(200)).body.total).toBe(1);
    await expectEventually(() => {
      expect(events('people.staff.joined', exec)).toHaveLength(1);
      expect(events('people.role.started', exec)).toHaveLength(2);
    });
    expect(events('people.staff.joined', exec)[0].data).toEqual({
      staffId: exec,
      schoolId: schoolA,
      displayName: 'Priya Shah',
      joinedOn: '2016-09-01',
    });
  });

  it('takes a designation from application through approval to an active term, and announces each step', async () => {
    const head = await join('Grace', 'Hopper', schoolA, 'headteacher');
    const id = (
      await http()
        .post(`${base}/designations`)
        .send({ staffId: head, type: 'lle', reason: 'Nominated by the CEO', decidedBy: 'hr-user-1' })
        .expect(201)
    ).body.id;
    await http().post(`${base}/designations`).send({ staffId: head, type: 'lle', reason: 'again', decidedBy: 'hr-user-1' }).expect(409);
    const approved = (await http().post(`${base}/designations/${id}/approve`).send(approval(schoolA)).expect(200)).body;
    expect(approved).toMatchObject({ status: 'approved', termStartsOn: today, releaseDaysPerYear: 20, version: 2 });
    // The expiry run (every 250 ms here) may start the term first; then this is a 409 and the step is the scheduler's.
    const activated = await http().post(`${base}/designations/${id}/activate`).send({ reason: 'Term begins', decidedBy: 'hr-user-1' });
    expect([200, 409]).toContain(activated.status);

    const got = (await http().get(`${base}/designations/${id}`).expect(200)).body;
    expect(got.history.map((h: { action: string; to: string }) => `${h.action}:${h.to}`)).toEqual([
      'apply:applied',
      'approve:approved',
      'activate:active',
    ]);
    expect(got.history[1]).toMatchObject({ decidedBy: { kind: 'user', id: 'hr-user-1' }, reason: 'Panel of 12 March: strong evidence' });
    expect(got.commitments).toEqual([{ schoolId: schoolA, daysPerYear: 20, signedBy: 'chair-of-governors', signedOn: '2025-01-01' }]);
    expect(
      (await http().get(`${base}/designations?status=active&type=lle&schoolId=${schoolA}`).expect(200)).body.items.map(
        (d: { id: string }) => d.id,
      ),
    ).toContain(id);
    expect((await http().get(`${base}/capacity/${head}?academicYear=${year}`).expect(200)).body.items).toEqual([
      { staffId: head, academicYear: year, availableDays: 20, committedDays: 0, remainingDays: 20, status: 'idle' },
    ]);

    await expectEventually(() =>
      expect(
        topic
          .events()
          .filter((e) => e.aggregateId === id)
          .map((e) => e.type),
      ).toEqual(['people.designation.applied', 'people.designation.approved', 'people.designation.activated']),
    );
    const [approvedEvent] = events('people.designation.approved', id);
    expect(approvedEvent.data).toMatchObject({
      designationId: id,
      staffId: head,
      designationType: 'lle',
      from: 'applied',
      to: 'approved',
      releaseDaysPerYear: 20,
    });
    expect(JSON.stringify(approvedEvent.data)).not.toContain('Panel'); // reasons stay here
  });

  it('refuses an illegal transition (409) and an ineligible approval (422), each with the rule and its reason', async () => {
    const head = await join('Ada', 'Lovelace', schoolB, 'headteacher');
    const id = await designate(head, schoolB);
    const illegal = await http().post(`${base}/designations/${id}/reinstate`).send({ reason: 'Back', decidedBy: 'hr-user-1' }).expect(409);
    expect(illegal.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: expect.stringContaining('only a suspended designation can be reinstated'),
      errors: [{ field: 'status', problems: [expect.stringContaining('it is active')] }],
    });

    const teacher = await join('Nina', 'Newcomer', schoolB, 'teacher', '2024-09-01');
    const sle = (
      await http()
        .post(`${base}/designations`)
        .send({ staffId: teacher, type: 'sle', specialisms: ['maths'], reason: 'Keen', decidedBy: 'hr-user-1' })
        .expect(201)
    ).body.id;
    const ineligible = await http()
      .post(`${base}/designations/${sle}/approve`)
      .send(approval(schoolA, { outcomes: undefined }))
      .expect(422);
    expect(ineligible.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['commitment', 'experience', 'outcomes', 'role']);
    expect(ineligible.body.errors.find((e: { field: string }) => e.field === 'role').problems[0]).toContain('they are a teacher');
    expect((await http().get(`${base}/designations/${sle}`).expect(200)).body.status).toBe('applied');
  });

  it('lets one of several concurrent transitions win and answers the others with a clear 409', async () => {
    const deputy = await join('Alan', 'Turing', schoolA, 'deputy-headteacher', '2015-09-01');
    const id = (
      await http()
        .post(`${base}/designations`)
        .send({ staffId: deputy, type: 'sle', specialisms: ['maths'], reason: 'Nominated', decidedBy: 'hr-user-1' })
        .expect(201)
    ).body.id;
    const attempts = await Promise.all([
      ...Array.from({ length: 3 }, () =>
        http().post(`${base}/designations/${id}/refuse`).send({ reason: 'Not this year', decidedBy: 'hr-user-2' }),
      ),
      ...Array.from({ length: 3 }, () =>
        http().post(`${base}/designations/${id}/revoke`).send({ reason: 'Withdrawn', decidedBy: 'hr-user-3' }),
      ),
    ]);
    expect(attempts.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    for (const lost of attempts.filter((r) => r.status === 409)) {
      expect(lost.body.errors).toEqual([
        { field: 'status', problems: [expect.stringMatching(/^Cannot (refuse|revoke) this .*: it is (refused|revoked)/)] },
      ]);
    }
    const stale = await http()
      .post(`${base}/designations/${id}/revoke`)
      .send({ reason: 'x', decidedBy: 'hr', expectedVersion: 1 })
      .expect(409);
    expect(stale.body.errors[0].field).toBe('expectedVersion');
    const got = (await http().get(`${base}/designations/${id}`).expect(200)).body;
    expect(got.history).toHaveLength(2);
    await expectEventually(() =>
      expect([...events('people.designation.refused', id), ...events('people.designation.revoked', id)]).toHaveLength(1),
    );
  });

  it('flags a term near its end for renewal and lapses one that ended, by itself', async () => {
    const head = await join('Katherine', 'Johnson', schoolA, 'headteacher', '2017-09-01');
    const id = await designate(head, schoolA);
    // Time passes: the term now ends in 30 days, then it has ended. Nobody asks; the scheduled run acts.
    await db.query(`UPDATE designations SET term_ends_on = $2 WHERE id = $1`, [id, addDays(today, 30)]);
    await expectEventually(() => expect(events('people.designation.due-for-renewal', id)).toHaveLength(1));
    expect(events('people.designation.due-for-renewal', id)[0].data).toMatchObject({
      designationId: id,
      termEndsOn: addDays(today, 30),
      daysLeft: 30,
    });
    await db.query(`UPDATE designations SET term_starts_on = '2020-09-01', term_ends_on = '2024-08-31' WHERE id = $1`, [id]);
    await expectEventually(async () => expect((await http().get(`${base}/designations/${id}`).expect(200)).body.status).toBe('lapsed'));
    const got = (await http().get(`${base}/designations/${id}`).expect(200)).body;
    expect(got.history.at(-1)).toMatchObject({
      action: 'lapse',
      from: 'active',
      to: 'lapsed',
      decidedBy: { kind: 'system', id: 'designation-expiry' },
    });
    await expectEventually(() => expect(events('people.designation.lapsed', id)).toHaveLength(1));
    expect(events('people.designation.due-for-renewal', id)).toHaveLength(1);
    expect((await http().get(`${base}/capacity/${head}?academicYear=${year}`).expect(200)).body.items[0]).toMatchObject({
      availableDays: 0,
      status: 'no-release',
    });
  });

  it('moves committed days when a deployment is applied, announces over-commitment once, and ignores a redelivery', async () => {
    const head = await join('Dorothy', 'Vaughan', schoolB, 'headteacher', '2016-01-01');
    await designate(head, schoolB);
    const capacity = app.get(CapacityService);
    const deploy = (deploymentId: string, days: number) =>
      db.transaction((m) =>
        capacity.applyDeployment(m, { trustId, deploymentId, staffId: head, daysByYear: [{ academicYear: year, days }] }),
      );
    const first = randomUUID();
    await deploy(first, 15);
    expect((await http().get(`${base}/capacity?academicYear=${year}&staffId=${head}`).expect(200)).body.items).toEqual([
      { staffId: head, academicYear: year, availableDays: 20, committedDays: 15, remainingDays: 5, status: 'available' },
    ]);
    await deploy(randomUUID(), 10);
    await deploy(first, 15); // redelivered
    expect((await http().get(`${base}/capacity?status=over-committed`).expect(200)).body.items).toEqual([
      { staffId: head, academicYear: year, availableDays: 20, committedDays: 25, remainingDays: -5, status: 'over-committed' },
    ]);
    await expectEventually(() => {
      expect(events('people.capacity.over-committed', head).map((e) => e.data)).toEqual([
        { staffId: head, academicYear: year, availableDays: 20, committedDays: 25, overByDays: 5 },
      ]);
      const thisYear = events('people.capacity.changed', head).filter((e) => (e.data as { academicYear: string }).academicYear === year);
      expect(thisYear.map((e) => (e.data as { committedDays: number }).committedDays)).toEqual([0, 15, 25]);
    });
  });

  it('keeps a renewed leader released in the current term, and refuses a repeated renewal with a 409', async () => {
    const head = await join('Annie', 'Easley', schoolA, 'headteacher', '2016-01-01');
    const id = await designate(head, schoolA);
    const { termStartsOn: _, ...renewal } = approval(schoolA, {
      commitment: { schoolId: schoolA, daysPerYear: 15, signedBy: 'chair-of-governors', signedOn: '2026-01-01' },
    });
    const renewed = (await http().post(`${base}/designations/${id}/renew`).send(renewal).expect(200)).body;
    expect(renewed.termStartsOn > today).toBe(true);
    expect((await http().get(`${base}/capacity/${head}?academicYear=${year}`).expect(200)).body.items[0]).toMatchObject({
      availableDays: 15,
      status: 'idle',
    });
    const again = await http().post(`${base}/designations/${id}/renew`).send(renewal).expect(409);
    expect(again.body.errors[0]).toMatchObject({ field: 'status', problems: [expect.stringContaining('it has been renewed already')] });
  });

  it('records self-assessments and reports gaps for a person and a group', async () => {
    const deputy = await join('Mary', 'Jackson', schoolB, 'deputy-headteacher', '2019-09-01');
    await http()
      .post(`${base}/staff/${deputy}/assessments`)
      .send({ role: 'lle', aspiring: true, assessedOn: today, confidences: { communication: 11, juggling: 5 } })
      .expect(400);
    await http()
      .post(`${base}/staff/${deputy}/assessments`)
      .send({ role: 'lle', aspiring: true, assessedOn: today, confidences: { communication: 9, 'data-analysis': 6 } })
      .expect(201);
    const gaps = (await http().get(`${base}/staff/${deputy}/gaps?role=lle`).expect(200)).body;
    expect(gaps.gaps).toEqual([
      expect.objectContaining({ skill: 'communication', importance: 9.35, confidence: 9, gap: -0.35, significant: false }),
      expect.objectContaining({ skill: 'data-analysis', importance: 8.5, confidence: 6, gap: -2.5, significant: true }),
    ]);
    const group = (
      await http().get(`${base}/skills/gaps?role=lle&aspiring=true&staffRole=deputy-headteacher&schoolId=${schoolB}`).expect(200)
    ).body;
    expect(group).toMatchObject({ people: 1, significant: [expect.objectContaining({ skill: 'data-analysis' })] });
    expect((await http().get(`${base}/skills/framework`).expect(200)).body).toMatchObject({ isDefault: false, version: 1 });
  });

  it('erases a former member of staff so that no table holds their name or email, and announces it', async () => {
    const id = await join('Zebedee', 'Quixley', schoolA, 'assistant-headteacher', '2019-09-01', 'z.quixley@example.org');
    await http()
      .post(`${base}/staff/${id}/assessments`)
      .send({ role: 'sip', aspiring: true, assessedOn: today, confidences: { communication: 7 } })
      .expect(201);
    const sle = (
      await http()
        .post(`${base}/designations`)
        .send({ staffId: id, type: 'sle', specialisms: ['send'], reason: 'Zebedee Quixley asked to apply', decidedBy: 'hr-user-1' })
        .expect(201)
    ).body.id;
    await http().post(`${base}/staff/${id}/erase`).expect(409); // still employed
    const blocked = await http().post(`${base}/staff/${id}/leave`).send({ leftOn: today }).expect(409);
    expect(blocked.body.errors[0].field).toBe('designations');
    await http()
      .post(`${base}/designations/${sle}/revoke`)
      .send({ reason: 'Zebedee Quixley is leaving', decidedBy: 'hr-user-1' })
      .expect(200);
    await http().post(`${base}/staff/${id}/leave`).send({ leftOn: today }).expect(200);
    const exported = (await http().get(`${base}/staff/${id}/export`).expect(200)).body;
    expect(exported).toMatchObject({
      person: { firstName: 'Zebedee', workEmail: 'z.quixley@example.org' },
      skillsAssessments: [expect.objectContaining({ role: 'sip' })],
    });
    expect(exported.designations[0].history.map((h: { action: string }) => h.action)).toEqual(['apply', 'revoke']);
    await expectEventually(() => expect(events('people.staff.joined', id)).toHaveLength(1));

    const erased = (await http().post(`${base}/staff/${id}/erase`).expect(200)).body;
    expect(erased).toMatchObject({ id, status: 'erased', firstName: null, lastName: null, workEmail: null });
    const tables: { table_name: string }[] = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['staff', 'designation_transitions', 'skills_assessments', 'outbox_events']),
    );
    for (const { table_name } of tables) {
      const [{ n }] = await db.query(
        `SELECT COUNT(*)::int AS n FROM "${table_name}" t WHERE t::text ILIKE '%quixley%' OR t::text ILIKE '%zebedee%'`,
      );
      expect({ table: table_name, rows: n }).toEqual({ table: table_name, rows: 0 });
    }
    expect((await http().get(`${base}/staff/${id}/export`).expect(200)).body).toMatchObject({
      person: { firstName: null },
      skillsAssessments: [],
    });
    await expectEventually(() => expect(events('people.staff.erased', id).map((e) => e.data)).toEqual([{ staffId: id }]));
  });
});
