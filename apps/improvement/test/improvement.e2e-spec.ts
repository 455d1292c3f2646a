import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { todayInEngland, topicName, Topics } from '@trustwide/common';
import { documentedHttp, expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { academicYearOf, addDays } from '@trustwide/common/util/calendar';
import { asStaff, Producer, startImprovementApp } from './improvement-app';

/**
 * The improvement service on real PostgreSQL and Kafka, knowing schools and leaders only from the
 * schools and people services' events (published by a stand-in producer through a real outbox).
 */
describe('improvement service', () => {
  const env = testEnvironment('improvement_api');
  const trustId = randomUUID();
  const today = todayInEngland();
  const year = academicYearOf(today);
  const termStart = addDays(today, -400);
  const termEnd = addDays(today, 1000);
  let app: INestApplication;
  let producer: Producer;
  let topic: TopicReader;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const base = `/trusts/${trustId}`;
  const events = (type: string, id?: string) =>
    topic.events().filter((e) => e.type === type && e.trustId === trustId && (id === undefined || JSON.stringify(e.data).includes(id)));
  let supported: string;
  let supporting: string;
  let elsewhere: string;
  let qaLead: string;
  let helper: string;
  let bulk: string;

  /** A complete draft starting a month ago, so it can be agreed and started today. */
  const draft = (overrides: object = {}) => ({
    supportedSchoolIds: [supported],
    supportingSchoolIds: [supporting],
    priorityAreas: [{ kind: 'inspection-area', framework: 'report-card', area: 'achievement' }],
    responsibilities: [
      { party: 'supported', text: 'Release the English lead fortnightly' },
      { party: 'supporting', text: 'Coach the English lead' },
    ],
    impact: [{ measure: 'KS2 reading at expected standard (%)', baseline: 52, target: 65, byWhen: addDays(today, 150) }],
    schedule: {
      startsOn: addDays(today, -30),
      endsOn: addDays(today, 150),
      interimReportsDue: [addDays(today, 60)],
      finalReportDue: addDays(today, 160),
    },
    funding: { source: 'strategic-improvement-fund', amountPence: 1_500_000 },
    qaLeadId: qaLead,
    ...overrides,
  });
  const inThisYear = (days: number) => ({ days, daysByYear: { [year]: days } });

  /** Drafted, one helper day deployed, agreed by the QA lead. */
  async function agreed(overrides: object = {}): Promise<string> {
    const drafted = await http().post(`${base}/agreements`).send(draft(overrides));
    expect(drafted.status === 201 ? 201 : drafted.body).toBe(201);
    const id = drafted.body.id as string;
    await http()
      .post(`${base}/agreements/${id}/deployments`)
      .send({ leaderId: helper, ...inThisYear(1) })
      .expect(201);
    const agree = await http()
      .post(`${base}/agreements/${id}/agree`)
      .set(await asStaff(trustId, qaLead));
    expect(agree.status === 200 ? 200 : agree.body).toBe(200);
    return id;
  }

  beforeAll(async () => {
    await env.createDatabases('producer');
    producer = await Producer.start(env);
    app = await startImprovementApp(env, { IMPROVEMENT_SCHEDULE_INTERVAL_MS: '300' });
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.improvement));
    supported = await producer.school(trustId, 'Fenland Primary');
    supporting = await producer.school(trustId, 'March Academy', 533498 + 60_000, 181201);
    elsewhere = await producer.school(trustId, 'Wisbech Primary');
    bulk = await producer.school(trustId, 'Chatteris Academy');
    qaLead = await producer.staff(trustId, elsewhere);
    await producer.designate(trustId, qaLead, elsewhere, 'lle', 20, termStart, termEnd);
    helper = await producer.staff(trustId, supporting);
    await producer.designate(trustId, helper, supporting, 'nle', 366, termStart, termEnd);
    await expectEventually(
      async () => {
        const h = (await http().get(`${base}/support/leaders/${helper}`).expect(200)).body;
        expect(h.designations.map((d: { status: string }) => d.status)).toEqual(['active']);
        const q = (await http().get(`${base}/support/leaders/${qaLead}`).expect(200)).body;
        expect(q.designations.map((d: { status: string }) => d.status)).toEqual(['active']);
      },
      { timeoutMs: 60_000 },
    );
    // The schools come on another topic than the leaders: wait until the service's directory knows all four, or a
    // draft naming them is refused as "not a school of this trust" on a busy machine.
    const directory = app.get(DataSource);
    await expectEventually(
      async () => {
        const [{ n }] = await directory.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM school_directory WHERE school_id = ANY($1::uuid[])`,
          [[supported, supporting, elsewhere, bulk]],
        );
        expect(n).toBe(4);
      },
      { timeoutMs: 60_000 },
    );
    await http().put(`${base}/support/settings`).send({ maxConcurrentSupportingAgreements: 50 }).expect(200);
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await producer?.close();
    await env.cleanup();
  });

  it('cannot deploy a leader who is not designated; once the people service announces the designation, it can', async () => {
    const leader = await producer.staff(trustId, supporting);
    const id = (await http().post(`${base}/agreements`).send(draft()).expect(201)).body.id as string;
    // Known only from events: an unknown person, then an employed one with no designation.
    const refused = await http().post(`${base}/agreements/${id}/deployments`).send({ leaderId: leader, days: 5 }).expect(422);
    expect(refused.body).toMatchObject({
      statusCode: 422,
      errors: [{ field: 'designation', problems: [expect.stringContaining('only leaders with an active designation')] }],
    });
    await producer.designate(trustId, leader, supporting, 'sle', 20, termStart, termEnd);
    await expectEventually(async () => {
      await http()
        .post(`${base}/agreements/${id}/deployments`)
        .send({ leaderId: leader, ...inThisYear(5) })
        .expect(201);
    });
    const got = (await http().get(`${base}/agreements/${id}`).expect(200)).body;
    expect(got.deployments).toEqual([expect.objectContaining({ leaderId: leader, days: 5, daysByYear: { [year]: 5 } })]);
    // A draft commits nothing: nothing is announced until the QA lead agrees.
    expect(events('improvement.deployment.leader-deployed', id)).toEqual([]);
    await http()
      .post(`${base}/agreements/${id}/agree`)
      .set(await asStaff(trustId, qaLead))
      .expect(200);
    await expectEventually(() => expect(events('improvement.deployment.leader-deployed', id)).toHaveLength(1));
    expect(events('improvement.deployment.leader-deployed', id)[0].data).toMatchObject({
      agreementId: id,
      staffId: leader,
      totalDays: 5,
      daysByYear: [{ academicYear: year, days: 5 }],
    });
  });

  it('refuses an approval by anyone but an independent QA lead, with every rule that fails', async () => {
    const id = (
      await http()
        .post(`${base}/agreements`)
        .send(draft({ qaLeadId: helper }))
        .expect(201)
    ).body.id as string;
    await http()
      .post(`${base}/agreements/${id}/deployments`)
      .send({ leaderId: helper, ...inThisYear(1) })
      .expect(201);
    const res = await http()
      .post(`${base}/agreements/${id}/agree`)
      .set(await asStaff(trustId, helper))
      .expect(422);
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['qa-designation', 'qa-independence']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'qa-independence').problems).toEqual([
      expect.stringContaining('employed at the supporting school'),
      expect.stringContaining('also deployed in this agreement (1 day)'),
    ]);
    const wrong = await http().post(`${base}/agreements/${id}/start`).send({ by: 'ceo' }).expect(409);
    expect(wrong.body.errors[0].field).toBe('status');
  });

  it('takes the approver from the caller’s linked staff record: another member of staff 422, no link 403, a body naming one 400', async () => {
    const id = (await http().post(`${base}/agreements`).send(draft()).expect(201)).body.id as string;
    await http()
      .post(`${base}/agreements/${id}/deployments`)
      .send({ leaderId: helper, ...inThisYear(1) })
      .expect(201);
    const agree = () => http().post(`${base}/agreements/${id}/agree`);
    expect(
      (
        await agree()
          .set(await asStaff(trustId, helper))
          .expect(422)
      ).body.errors,
    ).toEqual([{ field: 'qa-lead', problems: ['Only the agreement’s QA lead can approve it.'] }]);
    expect((await agree().send({ approvedBy: qaLead }).expect(403)).body.message).toContain('not linked to a staff record');
    expect(
      (
        await agree()
          .set(await asStaff(trustId, qaLead))
          .send({ approvedBy: qaLead })
          .expect(400)
      ).body.errors,
    ).toEqual([{ field: 'approvedBy', problems: [expect.stringContaining('approvedBy is not sent any more')] }]);
    const approved = await agree()
      .set(await asStaff(trustId, qaLead))
      .expect(200);
    expect(approved.body.status).toBe('agreed');
    await expectEventually(() =>
      expect(events('improvement.agreement.agreed', id).map((e) => [e.data, e.actor])).toEqual([
        [expect.objectContaining({ qaLeadId: qaLead }), expect.objectContaining({ kind: 'user' })],
      ]),
    );
  });

  it('never takes a leader past their days: 50 concurrent deployments of one leader on 50 agreed agreements', async () => {
    const leader = await producer.staff(trustId, supporting);
    await producer.designate(trustId, leader, supporting, 'nle', 30, termStart, termEnd);
    const ids: string[] = [];
    // Their own supporting school, so the other tests' agreements stay within the trust's limit.
    for (let i = 0; i < 50; i++) ids.push(await agreed({ supportingSchoolIds: [bulk] }));
    await expectEventually(async () =>
      expect((await http().get(`${base}/support/leaders/${leader}`).expect(200)).body.designations).toHaveLength(1),
    );
    const answers = await Promise.all(
      ids.map((id) =>
        http()
          .post(`${base}/agreements/${id}/deployments`)
          .send({ leaderId: leader, ...inThisYear(5) }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(6);
    expect(statuses.filter((s) => s === 422)).toHaveLength(44);
    const refusal = answers.find((a) => a.status === 422)!.body;
    expect(refusal.errors).toEqual([
      {
        field: 'capacity',
        problems: [`Deploying leader ${leader} for 5 days would be 35 of 30 days in ${year} (30 days already in 6 other agreements).`],
      },
    ]);
    const view = (await http().get(`${base}/support/leaders/${leader}`).expect(200)).body;
    expect(view.capacity.find((c: { academicYear: string }) => c.academicYear === year)).toEqual({
      academicYear: year,
      availableDays: 30,
      committedDays: 30,
      remainingDays: 0,
    });
    await expectEventually(() => expect(events('improvement.deployment.leader-deployed', leader)).toHaveLength(6));
  });

  it('flags every agreement using a leader at once when their designation is revoked, and announces why', async () => {
    const leader = await producer.staff(trustId, supporting);
    const designationId = await producer.designate(trustId, leader, supporting, 'sle', 40, termStart, termEnd);
    await expectEventually(async () =>
      expect((await http().get(`${base}/support/leaders/${leader}`).expect(200)).body.designations).toHaveLength(1),
    );
    const a = await agreed();
    const b = await agreed();
    for (const id of [a, b])
      await http()
        .post(`${base}/agreements/${id}/deployments`)
        .send({ leaderId: leader, ...inThisYear(4) })
        .expect(201);
    await http().post(`${base}/agreements/${a}/start`).send({ by: 'ceo' }).expect(200);
    await producer.revoke(trustId, leader, designationId, 'sle', today);
    await expectEventually(async () => {
      const flagged = (await http().get(`${base}/agreements?flagged=true&leaderId=${leader}`).expect(200)).body;
      expect(flagged.items.map((x: { id: string }) => x.id).sort()).toEqual([a, b].sort());
    });
    await expectEventually(() =>
      expect(
        events('improvement.agreement.flagged', leader)
          .map((e) => e.aggregateId)
          .sort(),
      ).toEqual([a, b].sort()),
    );
    const [flag] = (events('improvement.agreement.flagged', a)[0].data as { flags: unknown[] }).flags as {
      cause: string;
      as: string;
      reason: string;
    }[];
    expect(flag).toMatchObject({
      as: 'deployed-leader',
      cause: 'designation-revoked',
      reason: expect.stringContaining('SLE designation was revoked'),
    });
    const detail = (await http().get(`${base}/agreements/${a}`).expect(200)).body;
    expect(detail.flags).toEqual([expect.objectContaining({ staffId: leader, cause: 'designation-revoked' })]);
    // And a revoked leader can no longer be deployed.
    const c = (await http().post(`${base}/agreements`).send(draft()).expect(201)).body.id;
    await http().post(`${base}/agreements/${c}/deployments`).send({ leaderId: leader, days: 1 }).expect(422);
  });

  it('flags an overdue impact report by itself, with no request', async () => {
    const id = await agreed({
      schedule: {
        startsOn: addDays(today, -90),
        endsOn: addDays(today, 120),
        interimReportsDue: [addDays(today, -3)],
        finalReportDue: addDays(today, 130),
      },
      impact: [{ measure: 'Persistent absence (%)', baseline: 22, target: 15, byWhen: addDays(today, 120) }],
    });
    await expectEventually(() => expect(events('improvement.impact-report.overdue', id)).toHaveLength(1));
    const [overdue] = events('improvement.impact-report.overdue', id);
    expect(overdue.data).toMatchObject({ agreementId: id, kind: 'interim', dueOn: addDays(today, -3), daysOverdue: 3 });
    expect(overdue.actor).toEqual({ kind: 'system', id: 'improvement-schedule' });
    const list = (await http().get(`${base}/impact-reports?overdue=true&agreementId=${id}`).expect(200)).body;
    expect(list.items).toEqual([expect.objectContaining({ kind: 'interim', overdue: true, status: 'due' })]);
  });

  it('runs an agreement to completion: start, reports submitted and judged, final signed off by the QA lead only, spend within the funding', async () => {
    const id = await agreed({
      schedule: {
        startsOn: addDays(today, -200),
        endsOn: today,
        interimReportsDue: [addDays(today, -100)],
        finalReportDue: addDays(today, 10),
      },
      impact: [{ measure: 'Attendance (%)', baseline: 90, target: 95, byWhen: today }],
    });
    await http().post(`${base}/agreements/${id}/start`).send({ by: 'ceo' }).expect(200);
    const detail = (await http().get(`${base}/agreements/${id}`).expect(200)).body;
    const criterion = detail.impact[0].id;
    const [interim, final] = detail.reports;
    await http()
      .post(`${base}/impact-reports/${interim.id}/submit`)
      .send({ measured: { [criterion]: 93 }, narrative: 'Half way', submittedBy: 'head' })
      .expect(200);
    const submitted = (
      await http()
        .post(`${base}/impact-reports/${final.id}/submit`)
        .send({ measured: { [criterion]: 95.5 }, narrative: 'Met', submittedBy: 'head' })
        .expect(200)
    ).body;
    expect(submitted).toMatchObject({ status: 'submitted', overall: 'met' });
    await http().post(`${base}/agreements/${id}/complete`).send({ by: 'ceo' }).expect(422);
    // Whoever signs off is the caller's linked staff record: not the QA lead 422, no link 403, a staff id in the body 400.
    const signOff = () => http().post(`${base}/impact-reports/${final.id}/sign-off`);
    expect(
      (
        await signOff()
          .set(await asStaff(trustId, helper))
          .expect(422)
      ).body.errors,
    ).toEqual([{ field: 'qa-lead', problems: ['Only the agreement’s QA lead can sign off the final report.'] }]);
    expect((await signOff().expect(403)).body.errors).toEqual([
      { field: 'staffId', problems: [expect.stringContaining('your account is not linked to a staff record')] },
    ]);
    expect(
      (
        await signOff()
          .set(await asStaff(trustId, qaLead))
          .send({ signedOffBy: qaLead })
          .expect(400)
      ).body.errors,
    ).toEqual([{ field: 'signedOffBy', problems: [expect.stringContaining('signedOffBy is not sent any more')] }]);
    expect(
      (
        await signOff()
          .set(await asStaff(trustId, qaLead))
          .expect(200)
      ).body,
    ).toMatchObject({ status: 'signed-off', signedOffBy: qaLead });

    // Twenty spends of £1,000 at once against £15,000: fifteen are recorded, never more.
    const spends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http()
          .post(`${base}/agreements/${id}/spends`)
          .send({ amountPence: 100_000, spentOn: today, description: `Supply cover ${i}` }),
      ),
    );
    expect(spends.filter((s) => s.status === 201)).toHaveLength(15);
    expect(spends.filter((s) => s.status === 422).every((s) => s.body.errors[0].field === 'funding-cap')).toBe(true);
    await http().post(`${base}/agreements/${id}/complete`).send({ by: 'ceo' }).expect(200);
    const done = (await http().get(`${base}/agreements/${id}`).expect(200)).body;
    expect(done).toMatchObject({ status: 'completed', funding: { amountPence: 1_500_000, spentPence: 1_500_000, remainingPence: 0 } });
    expect(done.history.map((h: { action: string }) => h.action)).toEqual(['draft', 'agree', 'start', 'complete']);
    const funding = (await http().get(`${base}/funding`).expect(200)).body.sources;
    expect(funding.find((s: { source: string }) => s.source === 'strategic-improvement-fund').spentPence).toBeGreaterThanOrEqual(1_500_000);
    const support = (await http().get(`${base}/support/schools/${supported}`).expect(200)).body;
    expect(support.received.map((a: { id: string }) => a.id)).toContain(id);
    expect(support.given).toEqual([]);
    await expectEventually(() => expect(events('improvement.funding.spent', id)).toHaveLength(15));
  });

  it('ends support early with a reason and releases its leaders', async () => {
    const id = await agreed();
    await http().post(`${base}/agreements/${id}/end`).send({ reason: '', by: 'ceo' }).expect(400);
    await http().post(`${base}/agreements/${id}/end`).send({ reason: 'The school joined another trust', by: 'ceo' }).expect(200);
    await expectEventually(() =>
      expect(events('improvement.deployment.leader-released', id)).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ cause: 'agreement-ended', staffId: helper }) }),
      ]),
    );
  });

  it('keeps one live plan per school and year, rolls progress up, and flags an overdue action by itself', async () => {
    const plan = (await http().post(`${base}/plans`).send({ schoolId: supported, academicYear: year }).expect(201)).body;
    await http().post(`${base}/plans`).send({ schoolId: supported, academicYear: year }).expect(409);
    await http().post(`${base}/plans`).send({ schoolId: randomUUID(), academicYear: year }).expect(422);
    const withPriority = (
      await http()
        .post(`${base}/plans/${plan.id}/priorities`)
        .send({ title: 'Reading', link: { kind: 'measure', measure: 'attendance' } })
        .expect(201)
    ).body;
    const priorityId = withPriority.priorities[0].id;
    const withActions = (
      await http()
        .post(`${base}/plans/${plan.id}/priorities/${priorityId}/actions`)
        .send({ title: 'Phonics training', ownerId: qaLead, dueOn: addDays(today, -2) })
        .expect(201)
    ).body;
    const actionId = withActions.priorities[0].actions[0].id;
    await expectEventually(() =>
      expect(
        events('improvement.plan.action-status-changed', actionId).filter((e) => (e.data as { overdue?: boolean }).overdue === true),
      ).toHaveLength(1),
    );
    await expectEventually(() => expect(events('improvement.plan.at-risk', plan.id)).toHaveLength(1));
    const refused = await http().post(`${base}/plans/${plan.id}/actions/${actionId}/status`).send({ status: 'done' }).expect(422);
    expect(refused.body.errors[0].field).toBe('evidence');
    const done = (
      await http()
        .post(`${base}/plans/${plan.id}/actions/${actionId}/status`)
        .send({ status: 'done', evidence: ['Training log'] })
        .expect(200)
    ).body;
    expect(done).toMatchObject({ progress: { status: 'done', completion: 100 }, atRisk: false });
  });

  it('commissions a review from a trained, external reviewer', async () => {
    await http()
      .put(`${base}/reviews/reviewers/${qaLead}`)
      .send({ trainedFor: ['pupil-premium'] })
      .expect(200);
    const res = await http()
      .post(`${base}/reviews`)
      .send({ schoolId: supported, kind: 'send', reviewerId: qaLead, dueOn: addDays(today, 30) })
      .expect(422);
    expect(res.body.errors[0].problems[0]).toContain('not trained for SEND reviews');
    const review = (
      await http()
        .post(`${base}/reviews`)
        .send({ schoolId: supported, kind: 'pupil-premium', reviewerId: qaLead, dueOn: addDays(today, 30) })
        .expect(201)
    ).body;
    await http()
      .post(`${base}/reviews`)
      .send({ schoolId: supported, kind: 'pupil-premium', reviewerId: qaLead, dueOn: addDays(today, 30) })
      .expect(409);
    const complete = () => http().post(`${base}/reviews/${review.id}/complete`);
    await complete()
      .set(await asStaff(trustId, helper))
      .send({ summary: 'x' })
      .expect(422);
    await complete().send({ summary: 'x' }).expect(403);
    await complete()
      .set(await asStaff(trustId, qaLead))
      .send({ reviewerId: qaLead, summary: 'x' })
      .expect(400);
    expect(
      (
        await complete()
          .set(await asStaff(trustId, qaLead))
          .send({ summary: 'Well spent' })
          .expect(200)
      ).body.status,
    ).toBe('completed');
  });
});
