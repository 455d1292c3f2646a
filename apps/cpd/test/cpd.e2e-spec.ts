import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { todayInEngland, topicName, Topics } from '@trustwide/common';
import { addDays } from '@trustwide/common/util/calendar';
import { documentedHttp, expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { knowSchool, knowStaff, PeopleProducer, programmeBody, SchoolsProducer, startCpdApp } from './cpd-app';

type Enrolment = { id: string; status: string; arrival: number; position: number | null; staffId: string };

/** The CPD API against real PostgreSQL and Kafka: seats under concurrency, waitlists, budgets, leavers, qualifications, impact and reports. */
describe('CPD API', () => {
  const env = testEnvironment('cpd_api');
  const trustId = randomUUID();
  const schoolA = randomUUID();
  const schoolB = randomUUID();
  const today = todayInEngland();
  let app: INestApplication;
  let db: DataSource;
  let people: PeopleProducer;
  let schools: SchoolsProducer;
  let topic: TopicReader;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const base = `/trusts/${trustId}`;
  type Data = Record<string, unknown>;
  const events = (type: string) =>
    topic.events().filter((e) => e.type === type && e.trustId === trustId) as Array<{ type: string; data: Data }>;
  let facilitator: string;

  const publish = async (code: string, extra: object = {}) =>
    (await http().post(`${base}/programmes`).send(programmeBody(code, extra)).expect(201)).body.id as string;
  const schedule = async (programmeId: string, places: number, start = addDays(today, 30)) =>
    (
      await http()
        .post(`${base}/cohorts`)
        .send({
          programmeId,
          places,
          sessions: [
            { date: start, title: 'Day 1' },
            { date: addDays(start, 7), title: 'Day 2' },
          ],
          venue: { schoolId: schoolA },
          facilitatorIds: [facilitator],
        })
        .expect(201)
    ).body.id as string;
  const enrol = (cohortId: string, staffId: string, commissionId?: string) =>
    http().post(`${base}/enrolments`).send({ cohortId, staffId, commissionId });

  beforeAll(async () => {
    app = await startCpdApp(env);
    db = app.get(DataSource);
    people = await PeopleProducer.start(env);
    schools = await SchoolsProducer.start(env);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.cpd));
    await knowSchool(app, trustId, schoolA, 'Abbey Primary', 150001);
    await knowSchool(app, trustId, schoolB, 'Brook Academy', 150002);
    [facilitator] = await knowStaff(app, trustId, schoolA, 1, 'middle-leader');
  });

  afterAll(async () => {
    await topic?.stop();
    await people?.close();
    await schools?.close();
    await app?.close();
    await env.cleanup();
  });

  it('200 simultaneous requests for a 30-place cohort: exactly 30 enrolled, 170 waitlisted in the order they were accepted', async () => {
    const programmeId = await publish('TRUST-RACE');
    const cohortId = await schedule(programmeId, 30);
    const staff = await knowStaff(app, trustId, schoolA, 200);
    const answers = await Promise.all(staff.map((s) => enrol(cohortId, s)));
    expect(answers.map((a) => a.status)).toEqual(staff.map(() => 201));
    const byArrival = answers.map((a) => a.body as Enrolment).sort((a, b) => a.arrival - b.arrival);
    // Arrival is the order the cohort's lock granted the requests: 1..200 with no gaps or repeats.
    expect(byArrival.map((e) => e.arrival)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(byArrival.slice(0, 30).every((e) => e.status === 'enrolled' && e.position === null)).toBe(true);
    expect(byArrival.slice(30).map((e) => [e.status, e.position])).toEqual(Array.from({ length: 170 }, (_, i) => ['waitlisted', i + 1]));

    const counts = await db.query(
      `SELECT status, count(*)::int AS n FROM enrolments WHERE cohort_id = $1 GROUP BY status ORDER BY status`,
      [cohortId],
    );
    expect(counts).toEqual([
      { status: 'enrolled', n: 30 },
      { status: 'waitlisted', n: 170 },
    ]);
    const waitlist = (await http().get(`${base}/cohorts/${cohortId}/waitlist`).expect(200)).body as Enrolment[];
    expect(waitlist.map((e) => e.id)).toEqual(byArrival.slice(30).map((e) => e.id));
    expect(waitlist.map((e) => e.position)).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));
    // The enrolments list pages in arrival order; a waiting one's position counts the whole waitlist, not the page.
    const page = (await http().get(`${base}/enrolments?cohortId=${cohortId}&limit=20&offset=25`).expect(200)).body;
    expect(page).toMatchObject({ total: 200, limit: 20, offset: 25 });
    expect(page.items.map((e: Enrolment) => [e.arrival, e.position])).toEqual(
      Array.from({ length: 20 }, (_, i) => [26 + i, 26 + i > 30 ? 26 + i - 30 : null]),
    );
    const lastWaiting = (await http().get(`${base}/enrolments?cohortId=${cohortId}&status=waitlisted&limit=50&offset=160`).expect(200))
      .body;
    expect(lastWaiting).toMatchObject({ total: 170, limit: 50, offset: 160 });
    expect(lastWaiting.items.map((e: Enrolment) => e.position)).toEqual(Array.from({ length: 10 }, (_, i) => 161 + i));
    expect((await http().get(`${base}/cohorts/${cohortId}`).expect(200)).body).toMatchObject({
      places: 30,
      placesLeft: 0,
      enrolled: 30,
      waitlisted: 170,
    });
    // A list counts the seats of the whole page at once: the same figures as the cohort's own answer.
    const listed = (await http().get(`${base}/cohorts?limit=500`).expect(200)).body as { items: { id: string }[] };
    expect(listed.items.find((c) => c.id === cohortId)).toMatchObject({ places: 30, placesLeft: 0, enrolled: 30, waitlisted: 170 });

    // The announcements, in topic order, say the same: 30 places, one "full", then positions 1..170 in order.
    await expectEventually(() => expect(events('cpd.enrolment.waitlisted').filter((e) => e.data.cohortId === cohortId)).toHaveLength(170));
    const mine = topic.events().filter((e) => e.trustId === trustId && (e.data as Data).cohortId === cohortId);
    expect(mine.filter((e) => e.type === 'cpd.enrolment.created')).toHaveLength(30);
    expect(mine.filter((e) => e.type === 'cpd.cohort.full')).toHaveLength(1);
    expect(mine.filter((e) => e.type === 'cpd.enrolment.waitlisted').map((e) => (e.data as { position: number }).position)).toEqual(
      Array.from({ length: 170 }, (_, i) => i + 1),
    );

    // A withdrawal frees a place: the first waiting (arrival 31) takes it, the rest move up by one.
    const leaving = byArrival[4];
    const withdrawn = (await http().post(`${base}/enrolments/${leaving.id}/withdraw`).expect(200)).body;
    expect(withdrawn.enrolment).toMatchObject({ status: 'withdrawn', withdrawalReason: 'requested' });
    expect(withdrawn.promoted).toMatchObject({ id: byArrival[30].id, status: 'enrolled', arrival: 31 });
    const after = (await http().get(`${base}/cohorts/${cohortId}/waitlist`).expect(200)).body as Enrolment[];
    expect(after.map((e) => e.id)).toEqual(byArrival.slice(31).map((e) => e.id));
    expect(after[0].position).toBe(1);
    await http().post(`${base}/enrolments/${leaving.id}/withdraw`).expect(409);
    await expectEventually(() => expect(events('cpd.enrolment.promoted').map((e) => e.data.enrolmentId)).toContain(byArrival[30].id));
  });

  it('never overspends a commission under concurrent enrolments, and announces near-budget and spent once', async () => {
    const programmeId = await publish('TRUST-BUDGET', { costPerPlacePence: 40_000 });
    const cohortId = await schedule(programmeId, 60);
    const commission = (
      await http()
        .post(`${base}/commissions`)
        .send({ programmeId, schoolIds: [schoolA], budgetPence: 410_000 })
        .expect(201)
    ).body;
    expect(commission).toMatchObject({ committedPence: 0, remainingPence: 410_000 });
    const staff = await knowStaff(app, trustId, schoolA, 40);
    const answers = await Promise.all(staff.map((s) => enrol(cohortId, s, commission.id)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused).toHaveLength(30);
    for (const r of refused) {
      expect(r.status).toBe(422);
      expect(r.body.errors).toEqual([
        {
          field: 'budget',
          problems: [
            'A place costs £400 and £100 of the £4,100 budget is left (£4,000 committed): the commission would be overspent by £300.',
          ],
        },
      ]);
    }
    const stored = (await http().get(`${base}/commissions/${commission.id}`).expect(200)).body;
    expect(stored).toMatchObject({ committedPence: 400_000, remainingPence: 10_000, spent: true, nearBudget: true });
    expect(stored.charges).toHaveLength(10);
    await expectEventually(() => {
      expect(events('cpd.commission.near-budget').filter((e) => e.data.commissionId === commission.id)).toHaveLength(1);
      expect(events('cpd.commission.spent').filter((e) => e.data.commissionId === commission.id)).toHaveLength(1);
    });
    // A person of a school the commission does not name is refused whatever the budget.
    const [other] = await knowStaff(app, trustId, schoolB, 1);
    expect((await enrol(cohortId, other, commission.id).expect(422)).body.errors[0].field).toBe('school');
  });

  it('withdraws a person who leaves the trust in the people service, and gives their place to the first waiting', async () => {
    const programmeId = await publish('TRUST-LEAVERS');
    const cohortId = await schedule(programmeId, 1);
    const leaver = await people.join(trustId, schoolA);
    const waiting = await people.join(trustId, schoolA);
    await expectEventually(async () =>
      expect((await db.query(`SELECT count(*)::int AS n FROM staff_roles WHERE staff_id = ANY($1)`, [[leaver, waiting]]))[0].n).toBe(2),
    );
    const held = (await enrol(cohortId, leaver).expect(201)).body as Enrolment;
    const next = (await enrol(cohortId, waiting).expect(201)).body as Enrolment;
    expect([held.status, next.status, next.position]).toEqual(['enrolled', 'waitlisted', 1]);

    // Their last day was yesterday: from today they are no longer staff.
    await people.leave(trustId, leaver, schoolA, addDays(today, -1));
    await expectEventually(async () => {
      expect((await http().get(`${base}/enrolments/${held.id}`).expect(200)).body).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'left-trust',
      });
      expect((await http().get(`${base}/enrolments/${next.id}`).expect(200)).body).toMatchObject({ status: 'enrolled' });
    });
    await expectEventually(() =>
      expect(events('cpd.enrolment.withdrawn').find((e) => e.data.enrolmentId === held.id)?.data).toMatchObject({ reason: 'left-trust' }),
    );
    // A leaver cannot enrol again.
    const other = await schedule(programmeId, 5);
    expect((await enrol(other, leaver).expect(422)).body.errors[0]).toMatchObject({
      field: 'person',
      problems: [expect.stringContaining('left the trust')],
    });
  });

  it('announces a passed NPQ as a qualification awarded, on the topic the people service reads', async () => {
    const programmeId = await publish('NPQ-TEST', {
      kind: 'npq',
      assessed: true,
      awardsQualification: true,
      name: 'National Professional Qualification in Testing',
      prerequisites: [{ kind: 'role-held', roles: ['teacher'] }],
    });
    const cohortId = await schedule(programmeId, 5);
    const [teacher] = await knowStaff(app, trustId, schoolA, 1, 'teacher');
    const [head] = await knowStaff(app, trustId, schoolA, 1, 'headteacher');
    expect((await enrol(cohortId, head).expect(422)).body.errors[0]).toMatchObject({ field: 'prerequisite' });
    const e = (await enrol(cohortId, teacher).expect(201)).body as Enrolment;
    expect((await http().post(`${base}/enrolments/${e.id}/complete`).expect(422)).body.errors[0].field).toBe('dates');
    // The cohort ran: its sessions are now in the past (time passing, set in the row).
    await db.query(`UPDATE cohorts SET first_session = $2, last_session = $3 WHERE id = $1`, [
      cohortId,
      addDays(today, -60),
      addDays(today, -1),
    ]);
    await http().post(`${base}/enrolments/${e.id}/assess`).send({ passed: true }).expect(409);
    await http().post(`${base}/enrolments/${e.id}/complete`).expect(200);
    const assessed = (await http().post(`${base}/enrolments/${e.id}/assess`).send({ passed: true }).expect(200)).body;
    expect(assessed).toMatchObject({ status: 'passed', qualificationAwarded: true });
    await expectEventually(() =>
      expect(events('cpd.qualification.awarded').map((x) => x.data)).toContainEqual(
        expect.objectContaining({
          staffId: teacher,
          enrolmentId: e.id,
          programmeCode: 'NPQ-TEST',
          qualification: 'National Professional Qualification in Testing',
          awardedOn: today,
        }),
      ),
    );
  });

  it("measures impact from the schools' measures events, with feedback, and reports take-up, completion and impact as CSV", async () => {
    const programmeId = await publish('TRUST-READING-E2E', { skills: ['leading-learning-in-other-schools'] });
    const cohortId = await schedule(programmeId, 5);
    const [a] = await knowStaff(app, trustId, schoolA, 1);
    const [b] = await knowStaff(app, trustId, schoolB, 1);
    const ea = (await enrol(cohortId, a).expect(201)).body as Enrolment;
    await enrol(cohortId, b).expect(201);
    await http()
      .post(`${base}/enrolments/${ea.id}/feedback`)
      .send({ ratings: { overall: 5, relevance: 4, impactOnPractice: 4 }, wouldRecommend: true })
      .expect(201);
    await http()
      .post(`${base}/enrolments/${ea.id}/feedback`)
      .send({ ratings: { overall: 5, relevance: 4, impactOnPractice: 4 }, wouldRecommend: true })
      .expect(409);
    await schools.measures(trustId, schoolA, 150001, '2023/24', [{ name: 'attainmentExpectedStandard', value: 61 }]);
    await schools.measures(trustId, schoolA, 150001, '2024/25', [{ name: 'attainmentExpectedStandard', value: 70 }]);
    await schools.measures(trustId, schoolB, 150002, '2023/24', [{ name: 'attainmentExpectedStandard', value: 50 }]);
    await schools.measures(trustId, schoolB, 150002, '2024/25', [{ name: 'attainmentExpectedStandard', value: 53 }]);
    await expectEventually(async () =>
      expect((await db.query(`SELECT count(*)::int AS n FROM school_measures WHERE trust_id = $1`, [trustId]))[0].n).toBe(4),
    );
    const evaluation = (
      await http()
        .post(`${base}/evaluations`)
        .send({ programmeId, measure: 'attainmentExpectedStandard', before: '2023/24', after: '2024/25' })
        .expect(201)
    ).body;
    expect(evaluation.result).toMatchObject({ meanChange: 6, improvedIn: 2, feedback: { responses: 1, recommendPercent: 100 } });
    await http()
      .post(`${base}/evaluations`)
      .send({ programmeId, measure: 'attainmentExpectedStandard', before: '2024/25', after: '2023/24' })
      .expect(422);
    await expectEventually(() => expect(events('cpd.evaluation.recorded').map((e) => e.data.evaluationId)).toContain(evaluation.id));

    const impact = (await http().get(`${base}/cpd-reports/impact`).expect(200)).body;
    expect(impact.rows).toContainEqual(
      expect.objectContaining({ programmeCode: 'TRUST-READING-E2E', meanChange: 6, improvedIn: 2, feedbackResponses: 1 }),
    );
    const csv = await http()
      .get(`${base}/cpd-reports/take-up.csv`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body as string).toMatch(/^\uFEFFschool_id,school,participants,/);
    expect(csv.body as string).toContain(`${schoolB},Brook Academy,`);
    const completion = await http().get(`${base}/cpd-reports/completion?format=csv`).expect(200);
    expect(completion.text.split('\r\n')[0]).toBe(
      '\uFEFFprogramme,finished,completed,withdrawn_requested,withdrawn_left_trust,completion_percent,assessed,passed,pass_percent,in_progress',
    );
    expect((await http().get(`${base}/cpd-reports/nonsense`).expect(404)).body.errors[0].field).toBe('report');
  });

  it("recommends programmes for a person's significant gaps, given the gap report or the confidences", async () => {
    await http().post(`${base}/programmes/defaults`).expect(200);
    const again = (await http().post(`${base}/programmes/defaults`).expect(200)).body;
    expect(again.published).toEqual([]);
    const [head] = await knowStaff(app, trustId, schoolA, 1, 'headteacher');
    const byGaps = (
      await http()
        .post(`${base}/recommendations`)
        .send({ staffId: head, gaps: [{ skill: 'leading-change-in-other-schools', gap: -2.29 }] })
        .expect(200)
    ).body;
    expect(byGaps.recommendations.map((r: { code: string }) => r.code)).toContain('NPQEL');
    const byConfidence = (
      await http()
        .post(`${base}/recommendations`)
        .send({ staffId: head, role: 'executive-headteacher', confidences: { 'leading-change-in-other-schools': 7 } })
        .expect(200)
    ).body;
    expect(byConfidence.significantGaps).toEqual([{ skill: 'leading-change-in-other-schools', gap: -2.29 }]);
    expect((await http().post(`${base}/recommendations`).send({ staffId: head }).expect(422)).body.errors[0].field).toBe('gaps');
    await http().post(`${base}/recommendations`).send({ staffId: randomUUID(), gaps: [] }).expect(404);
  });

  it('answers every list as a page {items, total, limit, offset} in a stable order, and refuses a bad limit or offset', async () => {
    const pagedTrust = randomUUID();
    const t = `/trusts/${pagedTrust}`;
    const venue = randomUUID();
    await knowSchool(app, pagedTrust, venue, 'Paging Primary', 150009);
    const [lead] = await knowStaff(app, pagedTrust, venue, 1, 'middle-leader');
    const own = async (path: string, body: object) => (await http().post(`${t}${path}`).send(body).expect(201)).body.id as string;
    // Published out of order: the catalogue pages by code.
    for (const code of ['PAGE-C', 'PAGE-A', 'PAGE-B']) await own('/programmes', programmeBody(code));
    const programmes = (await http().get(`${t}/programmes?limit=2`).expect(200)).body;
    expect(programmes).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(programmes.items.map((p: { code: string }) => p.code)).toEqual(['PAGE-A', 'PAGE-B']);
    const rest = (await http().get(`${t}/programmes?limit=2&offset=2`).expect(200)).body;
    expect(rest).toMatchObject({ total: 3, limit: 2, offset: 2, items: [expect.objectContaining({ code: 'PAGE-C' })] });
    expect((await http().get(`${t}/programmes?status=retired`).expect(200)).body).toEqual({ total: 0, limit: 50, offset: 0, items: [] });

    // Cohorts by first session (scheduled out of order), filtered by programme.
    const programmeId = programmes.items[0].id as string;
    const starts = [40, 20, 30].map((d) => addDays(today, d));
    for (const start of starts)
      await own('/cohorts', {
        programmeId,
        places: 5,
        sessions: [{ date: start, title: 'Day 1' }],
        venue: { schoolId: venue },
        facilitatorIds: [lead],
      });
    const cohorts = (await http().get(`${t}/cohorts?programmeId=${programmeId}&limit=2&offset=1`).expect(200)).body;
    expect(cohorts).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(cohorts.items.map((c: { firstSession: string }) => c.firstSession)).toEqual([addDays(today, 30), addDays(today, 40)]);
    expect((await http().get(`${t}/cohorts?programmeId=${programmes.items[1].id}`).expect(200)).body).toMatchObject({
      total: 0,
      items: [],
    });

    // Commissions oldest first.
    const made = [];
    for (const budgetPence of [100_000, 200_000, 300_000])
      made.push(await own('/commissions', { programmeId, schoolIds: [venue], budgetPence }));
    const secondCommission = (await http().get(`${t}/commissions?programmeId=${programmeId}&limit=1&offset=1`).expect(200)).body;
    expect(secondCommission).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: made[1], budgetPence: 200_000 }] });

    // The evaluations of this file's trust (the impact test above recorded them): total counts them all.
    const [{ n: evaluations }] = await db.query(`SELECT count(*)::int AS n FROM evaluations WHERE trust_id = $1`, [trustId]);
    expect(evaluations).toBeGreaterThan(0);
    const lastEvaluation = (
      await http()
        .get(`${base}/evaluations?limit=500&offset=${evaluations - 1}`)
        .expect(200)
    ).body;
    expect(lastEvaluation).toMatchObject({ total: evaluations, limit: 500, offset: evaluations - 1 });
    expect(lastEvaluation.items).toHaveLength(1);

    // limit 1..500 and offset from 0, refused in the one error shape like every other list's.
    for (const route of ['programmes', 'cohorts', 'enrolments', 'commissions', 'evaluations']) {
      for (const [query, field] of [
        ['limit=0', 'limit'],
        ['limit=501', 'limit'],
        ['limit=ten', 'limit'],
        ['offset=-1', 'offset'],
      ]) {
        const bad = await http().get(`${t}/${route}?${query}`).expect(400);
        expect(bad.body).toMatchObject({
          statusCode: 400,
          errors: [{ field, problems: expect.arrayContaining([expect.stringMatching(field)]) }],
        });
      }
    }
  });
});
