import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { addDays } from '@trustwide/common/util/calendar';
import { halfWritten } from './consistency';
import { knowSchool, knowStaff, programmeBody, startCpdApp } from './cpd-app';

type Answer = { status: number; body: { errors?: unknown } };

/**
 * Many valid writes at once, per write route and all together: only 2xx and honest 409/422 (a
 * status, a duplicate, a budget) may come back, and nothing may be half-written (seats over places,
 * a ledger that does not sum, an unannounced change).
 */
describe('concurrent writes to one trust (CPD)', () => {
  const env = testEnvironment('cpd_concurrency');
  const t = randomUUID();
  const school = randomUUID();
  let app: INestApplication;
  let db: DataSource;
  let staff: string[];
  let programmeId: string;
  let cohortId: string;
  let commissionId: string;
  let enrolments: string[] = [];
  const http = () => request(app.getHttpServer());
  const start = addDays(todayInEngland(), 40);
  const cohort = (places: number) => ({
    programmeId,
    places,
    sessions: [{ date: start, title: 'Day 1' }],
    venue: { schoolId: school },
    facilitatorIds: [staff[0]],
  });

  beforeAll(async () => {
    app = await startCpdApp(env);
    db = app.get(DataSource);
    await knowSchool(app, t, school, 'Concurrency Primary', 170001);
    staff = await knowStaff(app, t, school, 80);
    programmeId = (await http().post(`/trusts/${t}/programmes`).send(programmeBody('TRUST-CONC')).expect(201)).body.id;
    cohortId = (await http().post(`/trusts/${t}/cohorts`).send(cohort(5)).expect(201)).body.id;
    commissionId = (
      await http()
        .post(`/trusts/${t}/commissions`)
        .send({ programmeId, schoolIds: [school], budgetPence: 300_000 })
        .expect(201)
    ).body.id;
    for (const s of staff.slice(1, 13))
      enrolments.push((await http().post(`/trusts/${t}/enrolments`).send({ cohortId, staffId: s }).expect(201)).body.id);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  async function expectOnlyHonest(requests: request.Test[]): Promise<Answer[]> {
    const answers = (await Promise.all(requests)) as unknown as Answer[];
    const unexpected = answers.filter((a) => !(a.status >= 200 && a.status < 300) && a.status !== 409 && a.status !== 422);
    expect(unexpected.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    for (const a of answers.filter((x) => x.status >= 400)) expect(Array.isArray(a.body.errors)).toBe(true);
    expect(await halfWritten(db)).toEqual([]);
    return answers;
  }

  let round = 0;
  const writes: Record<string, (i: number) => request.Test> = {
    'POST programmes': (i) =>
      http()
        .post(`/trusts/${t}/programmes`)
        .send(programmeBody(`TRUST-P${round}-${i % 4}`)),
    'PUT programmes/:id': (i) =>
      http()
        .put(`/trusts/${t}/programmes/${programmeId}`)
        .send(programmeBody('TRUST-CONC', { name: `Renamed ${round}.${i}` })),
    'POST programmes/defaults': () => http().post(`/trusts/${t}/programmes/defaults`),
    'POST cohorts': () => http().post(`/trusts/${t}/cohorts`).send(cohort(3)),
    'POST enrolments': (i) =>
      http()
        .post(`/trusts/${t}/enrolments`)
        .send({ cohortId, staffId: staff[20 + ((round * 12 + i) % 60)], commissionId: i % 2 ? commissionId : undefined }),
    // Feedback before withdrawals: only participants give it.
    'POST enrolments/:id/feedback': (i) =>
      http()
        .post(`/trusts/${t}/enrolments/${enrolments[i % enrolments.length]}/feedback`)
        .send({ ratings: { overall: 4, relevance: 4, impactOnPractice: 3 }, wouldRecommend: true }),
    'POST enrolments/:id/withdraw': (i) => http().post(`/trusts/${t}/enrolments/${enrolments[i % enrolments.length]}/withdraw`),
    'POST commissions': () =>
      http()
        .post(`/trusts/${t}/commissions`)
        .send({ programmeId, schoolIds: [school], budgetPence: 100_000 }),
    'POST commissions/:id/costs': (i) =>
      http()
        .post(`/trusts/${t}/commissions/${commissionId}/costs`)
        .send({ amountPence: 7_000 + i, description: `Venue ${round}.${i}` }),
    'POST evaluations': () =>
      http().post(`/trusts/${t}/evaluations`).send({ programmeId, measure: 'attendance', before: '2023/24', after: '2024/25' }),
    'POST cohorts/:id/cancel': () => http().post(`/trusts/${t}/cohorts/${cohortId}/cancel`).send({ reason: 'Facilitator unavailable' }),
  };

  it.each(Object.keys(writes))('%s: twelve at once', async (route) => {
    round++;
    const answers = await expectOnlyHonest(Array.from({ length: 12 }, (_, i) => writes[route](i)));
    expect(answers.some((a) => a.status < 300)).toBe(true);
  });

  it('every write route at once on a fresh cohort (110 requests)', async () => {
    round++;
    cohortId = (await http().post(`/trusts/${t}/cohorts`).send(cohort(4)).expect(201)).body.id;
    enrolments = [];
    for (const s of staff.slice(1, 7))
      enrolments.push((await http().post(`/trusts/${t}/enrolments`).send({ cohortId, staffId: s }).expect(201)).body.id);
    const routes = Object.keys(writes);
    const answers = await expectOnlyHonest(Array.from({ length: 110 }, (_, i) => writes[routes[i % routes.length]](i)));
    expect(answers.filter((a) => a.status < 300).length).toBeGreaterThan(30);
  });
});
