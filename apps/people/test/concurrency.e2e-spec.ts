import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { DEFAULT_SKILLS_FRAMEWORK } from '../src/skills/default-framework';
import { halfWritten } from './consistency';
import { knowSchool, startPeopleApp } from './people-app';

type Answer = { status: number; body: { errors?: unknown; id?: string } };

/**
 * Many valid writes at once to one trust, per write route and all routes together: only 2xx and honest
 * 409s (the state said no, or another request won), and nothing half-written.
 */
describe('concurrent writes to one trust (people)', () => {
  const env = testEnvironment('people_concurrency');
  const t = randomUUID();
  const [schoolA, schoolB] = [randomUUID(), randomUUID()];
  const today = todayInEngland();
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const good = {
    framework: 'oeif' as const,
    startDate: '2023-05-10',
    overallEffectiveness: 1 as const,
    judgements: { 'leadership-and-management': 1 as const },
  };
  let round = 0;

  const join = async (first: string, role = 'headteacher', schoolId = schoolA) =>
    (
      await http()
        .post(`/trusts/${t}/staff`)
        .send({
          firstName: first,
          lastName: `R${round}`,
          workEmail: `${first}.${round}.${randomUUID().slice(0, 6)}@c.sch.uk`,
          schoolId,
          joinedOn: '2015-09-01',
          role,
        })
        .expect(201)
    ).body as { id: string; roles: { id: string }[] };
  const decision = (i: number) => ({ reason: `decision ${i}`, decidedBy: 'hr-1' });
  const approval = (i: number) => ({
    ...decision(i),
    termStartsOn: today,
    outcomes: 'KS2 reading rose',
    commitment: { schoolId: schoolA, daysPerYear: 10 + i, signedBy: 'chair', signedOn: '2025-01-01' },
  });
  /** A designation of a head of school A, brought to `status` through the API. */
  const designation = async (status: 'applied' | 'approved' | 'active' | 'suspended') => {
    const head = await join(`Head${randomUUID().slice(0, 4)}`);
    const id = (
      await http()
        .post(`/trusts/${t}/designations`)
        .send({ staffId: head.id, type: 'lle', reason: 'Nominated', decidedBy: 'hr-1' })
        .expect(201)
    ).body.id as string;
    if (status === 'applied') return id;
    await http().post(`/trusts/${t}/designations/${id}/approve`).send(approval(0)).expect(200);
    if (status === 'approved') return id;
    await http().post(`/trusts/${t}/designations/${id}/activate`).send(decision(0)).expect(200);
    if (status === 'suspended') await http().post(`/trusts/${t}/designations/${id}/suspend`).send(decision(0)).expect(200);
    return id;
  };
  const weights = (w: number) =>
    Object.fromEntries(
      Object.entries(DEFAULT_SKILLS_FRAMEWORK.importance).map(([role, skills]) => [
        role,
        Object.fromEntries(Object.keys(skills).map((s) => [s, w])),
      ]),
    );
  const staffCsv = (tag: string) =>
    [
      'Staff ID,First Name,Last Name,Work Email,URN,Job Title,Start Date',
      ...[1, 2, 3].map((n) => `S${n},Imported,${tag}${n},imported${n}@c.sch.uk,${n === 3 ? 140002 : 140001},Teacher,01/09/2020`),
    ].join('\r\n') + '\r\n';

  beforeAll(async () => {
    app = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '0', IMPORT_MAX_QUEUED: '200', IMPORT_MAX_CONCURRENT_UPLOADS: '200' });
    db = app.get(DataSource);
    await knowSchool(app, t, schoolA, good, 140001);
    await knowSchool(app, t, schoolB, good, 140002);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  async function expectOnly2xxAnd409(requests: request.Test[]): Promise<Answer[]> {
    const answers = (await Promise.all(requests)) as unknown as Answer[];
    const unexpected = answers.filter((a) => !(a.status >= 200 && a.status < 300) && a.status !== 409);
    expect(unexpected.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
    for (const a of answers.filter((x) => x.status === 409)) expect(Array.isArray(a.body.errors)).toBe(true);
    expect(await halfWritten(db)).toEqual([]);
    return answers;
  }

  /** Per route: a fixture made once per round, then the i-th of the requests sent at once. */
  const writes: Record<
    string,
    { setup: () => Promise<Record<string, string>>; send: (f: Record<string, string>, i: number) => request.Test; winners?: number }
  > = {
    'POST /staff (some with the same email)': {
      setup: () => Promise.resolve({}),
      send: (_f, i) =>
        http()
          .post(`/trusts/${t}/staff`)
          .send({
            firstName: 'Many',
            lastName: `${i}`,
            workEmail: `many.${round}.${i % 6}@c.sch.uk`,
            schoolId: i % 2 ? schoolA : schoolB,
            joinedOn: '2020-09-01',
            role: 'teacher',
          }),
      winners: 6,
    },
    'POST /staff/:id/move': {
      setup: async () => ({ p: (await join('Mover', 'teacher')).id }),
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/staff/${f.p}/move`)
          .send({ schoolId: i % 2 ? schoolA : schoolB, movedOn: '2024-09-01' }),
    },
    'POST /staff/:id/leave': {
      setup: async () => ({ p: (await join('Leaver', 'teacher')).id }),
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/staff/${f.p}/leave`)
          .send({ leftOn: `2025-08-${10 + i}` }),
      winners: 1,
    },
    'POST /staff/:id/roles': {
      setup: async () => ({ p: (await join('Roles', 'teacher')).id }),
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/staff/${f.p}/roles`)
          .send({ role: 'middle-leader', schoolId: schoolA, startedOn: `${2000 + i}-01-01`, endedOn: `${2000 + i}-06-30` }),
      winners: 12,
    },
    'POST /staff/:id/roles/:roleId/end': {
      setup: async () => {
        const p = await join('Ender', 'teacher');
        return { p: p.id, r: p.roles[0].id };
      },
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/staff/${f.p}/roles/${f.r}/end`)
          .send({ endedOn: `2025-07-${10 + i}` }),
      winners: 1,
    },
    'POST /staff/:id/erase': {
      setup: async () => {
        const p = (await join('Eraser', 'teacher')).id;
        await http().post(`/trusts/${t}/staff/${p}/leave`).send({ leftOn: '2025-08-31' }).expect(200);
        return { p };
      },
      send: (f) => http().post(`/trusts/${t}/staff/${f.p}/erase`),
      winners: 1,
    },
    'POST /staff/:id/assessments': {
      setup: async () => ({ p: (await join('Assessed', 'deputy-headteacher')).id }),
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/staff/${f.p}/assessments`)
          .send({ role: 'lle', aspiring: true, assessedOn: today, confidences: { communication: 1 + (i % 10) } }),
      winners: 12,
    },
    'PUT /skills/framework': {
      setup: () => Promise.resolve({}),
      send: (_f, i) =>
        http()
          .put(`/trusts/${t}/skills/framework`)
          .send({ name: `framework ${i}`, importance: weights(1 + (i % 10)) }),
      winners: 12,
    },
    'POST /designations (the same application)': {
      setup: async () => ({ p: (await join('Applicant')).id }),
      send: (f, i) =>
        http()
          .post(`/trusts/${t}/designations`)
          .send({ staffId: f.p, type: 'lle', reason: `application ${i}`, decidedBy: 'hr-1' }),
      winners: 1,
    },
    'POST …/approve': {
      setup: async () => ({ d: await designation('applied') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/approve`).send(approval(i)),
      winners: 1,
    },
    'POST …/refuse': {
      setup: async () => ({ d: await designation('applied') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/refuse`).send(decision(i)),
      winners: 1,
    },
    'POST …/activate': {
      setup: async () => ({ d: await designation('approved') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/activate`).send(decision(i)),
      winners: 1,
    },
    'POST …/suspend': {
      setup: async () => ({ d: await designation('active') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/suspend`).send(decision(i)),
      winners: 1,
    },
    'POST …/reinstate': {
      setup: async () => ({ d: await designation('suspended') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/reinstate`).send(decision(i)),
      winners: 1,
    },
    'POST …/revoke': {
      setup: async () => ({ d: await designation('active') }),
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/revoke`).send(decision(i)),
      winners: 1,
    },
    'POST …/lapse (a term that has ended)': {
      setup: async () => {
        const d = await designation('active');
        // Time passes (the expiry run is off here): the term has ended, and HR records the lapse.
        await db.query(`UPDATE designations SET term_starts_on = '2019-09-01', term_ends_on = '2023-08-31' WHERE id = $1`, [d]);
        return { d };
      },
      send: (f, i) => http().post(`/trusts/${t}/designations/${f.d}/lapse`).send(decision(i)),
      winners: 1,
    },
    'POST …/renew': {
      setup: async () => ({ d: await designation('active') }),
      send: (f, i) => {
        const { termStartsOn: _, ...evidence } = approval(i);
        return http().post(`/trusts/${t}/designations/${f.d}/renew`).send(evidence);
      },
      winners: 1,
    },
    'POST /staff/imports': {
      setup: () => Promise.resolve({}),
      send: (_f, i) =>
        http()
          .post(`/trusts/${t}/staff/imports?wait=true`)
          .set('content-type', 'text/csv')
          .send(staffCsv(`R${round}.${i % 2}`)),
      winners: 12,
    },
  };

  it.each(Object.keys(writes))('%s: twelve at once', async (route) => {
    round++;
    const fixture = await writes[route].setup();
    const answers = await expectOnly2xxAnd409(Array.from({ length: 12 }, (_, i) => writes[route].send(fixture, i)));
    const won = answers.filter((a) => a.status < 300).length;
    if (writes[route].winners !== undefined) expect(won).toBe(writes[route].winners);
    else expect(won).toBeGreaterThan(0);
  });

  it('every write route at once (about 120 requests)', async () => {
    round++;
    const routes = Object.keys(writes);
    const fixtures: Record<string, string>[] = [];
    for (const route of routes) fixtures.push(await writes[route].setup());
    const requests = Array.from({ length: routes.length * 7 }, (_, i) =>
      writes[routes[i % routes.length]].send(fixtures[i % routes.length], Math.floor(i / routes.length)),
    );
    const answers = await expectOnly2xxAnd409(requests);
    expect(answers.filter((a) => a.status < 300).length).toBeGreaterThan(routes.length);
  });
});
