import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { academicYearOf, addDays } from '@trustwide/common/util/calendar';
import { halfWritten } from './consistency';
import { asStaff, Producer, startImprovementApp } from './improvement-app';
import { seedTrust } from './seed';

type Answer = { status: number; body: { errors?: unknown } };

/**
 * Many valid writes at once to one trust, per write route and all together: only 2xx and honest
 * refusals (409 for the state, 422 for a rule, in the one shape) come back, never a 5xx, and nothing
 * is half-written.
 */
describe('concurrent writes to one trust', () => {
  const env = testEnvironment('improvement_concurrency');
  let app: INestApplication;
  let producer: Producer;
  let db: DataSource;
  let s: Awaited<ReturnType<typeof seedTrust>>;
  const http = () => request(app.getHttpServer());
  const today = todayInEngland();
  const t = () => `/trusts/${s.trustIds[0]}`;
  /** Signed in as the QA lead's linked account (also the seeded review's reviewer); caller tokens live a minute, so one per test. */
  let asQaLead: Record<string, string>;
  beforeEach(async () => {
    asQaLead = await asStaff(s.trustIds[0], s.qaLead);
  });

  beforeAll(async () => {
    await env.createDatabases('producer');
    producer = await Producer.start(env);
    app = await startImprovementApp(env);
    db = app.get(DataSource);
    s = await seedTrust(app, producer);
    await http().put(`${t()}/support/settings`).send({ maxConcurrentSupportingAgreements: 50 }).expect(200);
  });

  afterAll(async () => {
    await app?.close();
    await producer?.close();
    await env.cleanup();
  });

  const draftBody = () => ({
    supportedSchoolIds: [s.supported],
    supportingSchoolIds: [s.supporting],
    priorityAreas: [{ kind: 'measure', measure: 'attendance' }],
    responsibilities: [
      { party: 'supported', text: 'Release staff' },
      { party: 'supporting', text: 'Coach' },
    ],
    impact: [{ measure: 'Attendance (%)', baseline: 90, target: 95, byWhen: addDays(today, 100) }],
    schedule: {
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 100),
      interimReportsDue: [addDays(today, 50)],
      finalReportDue: addDays(today, 110),
    },
    funding: { source: 'trust-budget', amountPence: 500_000 },
    qaLeadId: s.qaLead,
  });
  const [agreed, draft] = [() => s.agreementIds[0], () => s.agreementIds[1]];
  const plan = () => s.planIds[0];

  const writes: Record<string, (i: number) => request.Test> = {
    'POST /plans': () =>
      http()
        .post(`${t()}/plans`)
        .send({ schoolId: s.supporting, academicYear: academicYearOf(today) }),
    'POST /plans/:id/priorities': (i) =>
      http()
        .post(`${t()}/plans/${plan()}/priorities`)
        .send({
          title: `P${i}`,
          link: {
            kind: 'inspection-area',
            framework: 'oeif',
            area: ['quality-of-education', 'behaviour-and-attitudes', 'leadership-and-management'][i % 3],
          },
        }),
    'POST …/actions': (i) =>
      http()
        .post(`${t()}/plans/${plan()}/priorities/${s.priorityIds[0]}/actions`)
        .send({ title: `A${i}`, ownerId: s.qaLead, dueOn: addDays(today, 10 + i) }),
    'POST …/actions/:id/status': (i) =>
      http()
        .post(`${t()}/plans/${plan()}/actions/${s.actionIds[0]}/status`)
        .send({ status: ['on-track', 'at-risk', 'done'][i % 3], evidence: i % 3 === 2 ? ['log'] : [] }),
    'POST /agreements': () => http().post(`${t()}/agreements`).send(draftBody()),
    'PATCH /agreements/:id': (i) =>
      http()
        .patch(`${t()}/agreements/${draft()}`)
        .send({ funding: { source: 'trust-budget', amountPence: 100_000 + i } }),
    'POST …/deployments': (i) =>
      http()
        .post(`${t()}/agreements/${agreed()}/deployments`)
        .send({ leaderId: s.qaLead, days: 1 + (i % 3) }),
    'POST …/deployments/:leader/release': (i) =>
      i % 2
        ? http().post(`${t()}/agreements/${draft()}/deployments/${s.helper}/release`)
        : http().post(`${t()}/agreements/${draft()}/deployments`).send({ leaderId: s.helper, days: 2 }),
    'POST …/agree': () => http().post(`${t()}/agreements/${draft()}/agree`).set(asQaLead),
    'POST …/start': () => http().post(`${t()}/agreements/${agreed()}/start`).send({ by: 'ceo' }),
    'POST …/spends': (i) =>
      http()
        .post(`${t()}/agreements/${agreed()}/spends`)
        .send({ amountPence: 50_000, spentOn: today, description: `Cover ${i}` }),
    'POST /impact-reports/:id/submit': () =>
      http().post(`${t()}/impact-reports/${s.reportIds[0]}/submit`).send({ measured: {}, narrative: 'x', submittedBy: 'head' }),
    'PUT /support/settings': (i) =>
      http()
        .put(`${t()}/support/settings`)
        .send({ maxConcurrentSupportingAgreements: 40 + (i % 10) }),
    'PUT /reviews/reviewers/:id': (i) =>
      http()
        .put(`${t()}/reviews/reviewers/${s.helper}`)
        .send({ trainedFor: i % 2 ? ['send'] : ['pupil-premium'] }),
    'POST /reviews': () =>
      http()
        .post(`${t()}/reviews`)
        .send({ schoolId: s.supporting, kind: 'pupil-premium', reviewerId: s.qaLead, dueOn: addDays(today, 30) }),
    'POST /reviews/:id/complete': () => http().post(`${t()}/reviews/${s.reviewIds[0]}/complete`).set(asQaLead).send({ summary: 'done' }),
    'POST …/end': () => http().post(`${t()}/agreements/${agreed()}/end`).send({ reason: 'Merged', by: 'ceo' }),
  };

  async function expectOnlyHonestAnswers(requests: request.Test[]): Promise<Answer[]> {
    const answers = (await Promise.all(requests)) as unknown as Answer[];
    const unexpected = answers.filter((a) => !(a.status >= 200 && a.status < 300) && a.status !== 409 && a.status !== 422);
    expect(unexpected.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    for (const a of answers.filter((x) => x.status >= 400)) expect(Array.isArray(a.body.errors)).toBe(true);
    expect(await halfWritten(db)).toEqual([]);
    return answers;
  }

  it.each(Object.keys(writes))('%s: twelve at once', async (route) => {
    await expectOnlyHonestAnswers(Array.from({ length: 12 }, (_, i) => writes[route](i)));
  });

  it('one live plan, one open review, ten spends within the funding, one start, whatever the race', async () => {
    expect((await http().get(`${t()}/plans?schoolId=${s.supporting}&status=live`).expect(200)).body.total).toBe(1);
    expect((await http().get(`${t()}/reviews?schoolId=${s.supporting}&status=commissioned`).expect(200)).body.total).toBe(1);
    const a = (await http().get(`${t()}/agreements/${agreed()}`).expect(200)).body;
    expect(a.spends).toHaveLength(10);
    expect(a.funding).toMatchObject({ amountPence: 500_000, spentPence: 500_000, remainingPence: 0 });
    expect(a.history.filter((h: { action: string }) => h.action === 'start')).toHaveLength(1);
  });

  it('every write route at once', async () => {
    const routes = Object.keys(writes);
    await expectOnlyHonestAnswers(Array.from({ length: 60 }, (_, i) => writes[routes[i % routes.length]](i)));
  });
});
