import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EventConsumerService, startConsumers, todayInEngland, topicName, Topics } from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, type TopicReader } from '@trustwide/common/testing';
import { addDays } from '@trustwide/common/util/calendar';
import { AppModule as ImprovementModule } from '../../improvement/src/app.module';
import { AppModule as PeopleModule } from '../../people/src/app.module';
import { READ_MODEL_CONSUMER } from '../src/read-model/ingest/read-model.handlers';
import { BOOTSTRAP_ADMIN, freePort, startGateway, startService, TestClock } from './auth-harness';
import { drafts, Producer } from './read-model-harness';

/**
 * A sign-in linked to a staff record, end to end on real Kafka and PostgreSQL: the gateway checks the link against
 * its read model (fed by the people service's events), tokens carry it, and the improvement service takes the QA
 * lead from it; the people and improvement services keep a headteacher to their own school. Staff are added through
 * the gateway to the people service; schools and designations come from a stand-in producer.
 */
describe('a sign-in linked to a staff record', () => {
  const env = testEnvironment('staff_link');
  const apps: INestApplication[] = [];
  let gateway: INestApplication;
  let producer: Producer;
  let audit: TopicReader;
  const trustId = randomUUID();
  const [supported, supporting, elsewhere] = [randomUUID(), randomUUID(), randomUUID()];
  const today = todayInEngland();
  const T = `/api/trusts/${trustId}`;
  const PASSWORD = 'velvet otter compass harbour';
  const http = () => request(gateway.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokens: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  let qaLead: string; // staff at `elsewhere`, named QA lead
  let helper: string; // staff at `supporting`, deployed
  let erased: string;

  async function user(name: string, roles: string[], schoolIds: string[] = []): Promise<void> {
    const created = await http()
      .post(`${T}/users`)
      .set(bearer(tokens.admin ?? tokens.platform))
      .send({ email: `${name}@link.test`, roles, schoolIds, password: PASSWORD })
      .expect(201);
    userIds[name] = created.body.user.id;
    await signIn(name);
  }
  async function signIn(name: string): Promise<string> {
    tokens[name] = (
      await http()
        .post('/api/auth/sign-in')
        .send({ email: `${name}@link.test`, password: PASSWORD })
        .expect(200)
    ).body.accessToken;
    return tokens[name];
  }
  const link = (name: string, staffId: string | null) =>
    http().patch(`${T}/users/${userIds[name]}`).set(bearer(tokens.admin)).send({ staffId });
  async function staff(firstName: string, schoolId: string): Promise<string> {
    const res = await http()
      .post(`${T}/staff`)
      .set(bearer(tokens.hr))
      .send({ firstName, lastName: 'Link', schoolId, joinedOn: '2018-09-01' });
    expect(res.status === 201 ? 201 : res.body).toBe(201);
    return res.body.id as string;
  }

  beforeAll(async () => {
    await env.createDatabases('gateway', 'producer', 'people', 'improvement');
    const [gatewayPort, peoplePort, improvementPort] = [await freePort(), await freePort(), await freePort()];
    const service = { AUTH_REQUIRED: 'true', GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` };
    gateway = await startGateway(
      env,
      new TestClock(),
      {
        AUTH_REQUIRED: 'true',
        SCHOOLS_URL: 'http://127.0.0.1:1',
        PEOPLE_URL: `http://127.0.0.1:${peoplePort}`,
        IMPROVEMENT_URL: `http://127.0.0.1:${improvementPort}`,
      },
      gatewayPort,
    );
    await startConsumers(gateway);
    await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).joined;
    apps.push(
      await startService(env, 'people', PeopleModule, service, peoplePort, { consumers: true }),
      await startService(env, 'improvement', ImprovementModule, { ...service, IMPROVEMENT_SCHEDULE_INTERVAL_MS: '0' }, improvementPort, {
        consumers: true,
      }),
    );
    producer = await Producer.start(env);
    audit = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.gateway));
    await producer.publish(trustId, [
      drafts.school(supported, 'Link Primary'),
      drafts.school(supporting, 'Link Academy'),
      drafts.school(elsewhere, 'Link Infants'),
    ]);

    tokens.platform = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken;
    await user('admin', ['trust-admin']);
    await user('hr', ['hr']);
    await user('ceo', ['ceo']);
    await user('qa', ['qa-lead']);
    await user('qa2', ['qa-lead']);
    await user('unlinked', ['qa-lead']);
    await user('head', ['headteacher'], [elsewhere]);

    // The people service learns the schools from the producer's events: until then a new member of staff is a 422.
    qaLead = await expectEventually(() => staff('Quinn', elsewhere), { timeoutMs: 60_000 });
    helper = await staff('Hana', supporting);
    erased = await staff('Eric', supported);
    await http().post(`${T}/staff/${erased}/leave`).set(bearer(tokens.hr)).send({ leftOn: '2024-08-31' }).expect(200);
    await http().post(`${T}/staff/${erased}/erase`).set(bearer(tokens.hr)).expect(200);
    await producer.publish(trustId, [
      // A QA lead holds an LLE designation (the harness's drafts are NLE).
      ...drafts
        .designation(randomUUID(), qaLead, elsewhere, 20)
        .map((d) => ({ ...d, data: { ...(d.data as object), designationType: 'lle' } })),
      ...drafts.designation(randomUUID(), helper, supporting, 200),
    ]);
  }, 240_000);

  afterAll(async () => {
    await audit?.stop();
    await producer?.close();
    await gateway?.close();
    for (const app of apps) await app.close();
    await env.cleanup();
  });

  it('links a sign-in to a staff record the read model knows, shows it, carries it in the token, and unlinks it', async () => {
    // The gateway knows the record once the people service's event has reached its read model.
    const linked = await expectEventually(async () => (await link('qa', qaLead).expect(200)).body, { timeoutMs: 60_000 });
    expect(linked).toMatchObject({ id: userIds.qa, staffId: qaLead, roles: ['qa-lead'] });
    expect((await http().get(`${T}/users/${userIds.qa}`).set(bearer(tokens.admin)).expect(200)).body.staffId).toBe(qaLead);
    expect((await http().get(`${T}/users/${userIds.ceo}`).set(bearer(tokens.admin)).expect(200)).body.staffId).toBeNull();

    // The old token no longer matches the account (the link is part of what it claims): sign in again.
    await http().get('/api/auth/me').set(bearer(tokens.qa)).expect(401);
    const token = await signIn('qa');
    expect(decodeJwt(token)).toMatchObject({ sub: userIds.qa, tid: trustId, stf: qaLead });
    expect(decodeJwt(tokens.ceo).stf).toBeUndefined();
    expect((await http().get('/api/auth/me').set(bearer(token)).expect(200)).body.caller).toMatchObject({ staffId: qaLead });

    // Unlink, then link again.
    expect((await link('qa', null).expect(200)).body.staffId).toBeNull();
    expect(decodeJwt(await signIn('qa')).stf).toBeUndefined();
    await link('qa', qaLead).expect(200);
    await signIn('qa');
    await expectEventually(() =>
      expect(
        audit
          .events()
          .filter((e) => e.type === 'gateway.user.staff-link-changed' && e.trustId === trustId)
          .map((e) => e.data),
      ).toEqual([
        { userId: userIds.qa, staffIdFrom: null, staffIdTo: qaLead },
        { userId: userIds.qa, staffIdFrom: qaLead, staffIdTo: null },
        { userId: userIds.qa, staffIdFrom: null, staffIdTo: qaLead },
      ]),
    );
  });

  it('refuses a record it does not know or that was erased (422), and one linked to another account (409, also in a race)', async () => {
    await expectEventually(async () => link('qa', qaLead).expect(200), { timeoutMs: 60_000 });
    const unknown = randomUUID();
    expect((await link('qa2', unknown).expect(422)).body).toMatchObject({
      statusCode: 422,
      errors: [
        {
          field: 'staffId',
          problems: [`no staff record ${unknown} in this trust (a record just added may take a moment to arrive: try again)`],
        },
      ],
    });
    await expectEventually(
      async () =>
        expect((await link('qa2', erased).expect(422)).body.errors).toEqual([
          { field: 'staffId', problems: [`staff record ${erased} has been erased: it cannot sign in`] },
        ]),
      { timeoutMs: 60_000 },
    );
    expect((await link('qa2', qaLead).expect(409)).body.errors).toEqual([
      { field: 'staffId', problems: [`staff record ${qaLead} is already linked to another account: unlink it there first`] },
    ]);
    await http()
      .post(`${T}/users`)
      .set(bearer(tokens.admin))
      .send({ email: 'late@link.test', roles: ['qa-lead'], staffId: qaLead, password: PASSWORD })
      .expect(409);

    // Two administrators link the same record to two accounts at once: one wins, the other is a 409.
    await expectEventually(async () => {
      await link('qa2', helper).expect(200);
      await link('qa2', null).expect(200);
    });
    const race = await Promise.all([link('qa2', helper), link('unlinked', helper)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    for (const res of race.filter((r) => r.status === 409)) expect(res.body.errors[0].field).toBe('staffId');
    const loser = race[0].status === 409 ? 'qa2' : 'unlinked';
    const winner = loser === 'qa2' ? 'unlinked' : 'qa2';
    await link(winner, null).expect(200);
    await link('qa2', helper).expect(200); // qa2: a QA lead linked to someone else's record from here on
    await signIn('qa2');
    await signIn('unlinked');
  });

  it('accepts an approval and a sign-off through the gateway only from the linked, named QA lead', async () => {
    await expectEventually(async () => link('qa', qaLead).expect(200), { timeoutMs: 60_000 });
    await signIn('qa');
    const schedule = {
      startsOn: addDays(today, -30),
      endsOn: addDays(today, 150),
      interimReportsDue: [addDays(today, 60)],
      finalReportDue: addDays(today, 160),
    };
    const draft = await http()
      .post(`${T}/agreements`)
      .set(bearer(tokens.ceo))
      .send({
        supportedSchoolIds: [supported],
        supportingSchoolIds: [supporting],
        priorityAreas: [{ kind: 'measure', measure: 'attendance' }],
        responsibilities: [
          { party: 'supported', text: 'Release staff' },
          { party: 'supporting', text: 'Coach' },
        ],
        impact: [{ measure: 'Attendance (%)', baseline: 90, target: 95, byWhen: addDays(today, 150) }],
        schedule,
        funding: { source: 'trust-budget', amountPence: 500_000 },
        qaLeadId: qaLead,
      })
      .expect(201);
    const id = draft.body.id as string;
    await expectEventually(
      async () => http().post(`${T}/agreements/${id}/deployments`).set(bearer(tokens.ceo)).send({ leaderId: helper, days: 2 }).expect(201),
      { timeoutMs: 60_000 },
    );
    const agree = (who: string) => http().post(`${T}/agreements/${id}/agree`).set(bearer(tokens[who])).send({});

    expect((await agree('unlinked').expect(403)).body).toMatchObject({
      statusCode: 403,
      errors: [{ field: 'staffId', problems: [expect.stringContaining('your account is not linked to a staff record')] }],
    });
    expect((await agree('qa2').expect(422)).body.errors).toEqual([
      { field: 'qa-lead', problems: ['Only the agreement’s QA lead can approve it.'] },
    ]);
    await agree('ceo').expect(403); // no override: the route is the QA lead's
    await http().post(`${T}/agreements/${id}/agree`).set(bearer(tokens.qa)).send({ approvedBy: qaLead }).expect(400);
    const agreed = await expectEventually(async () => (await agree('qa').expect(200)).body, { timeoutMs: 60_000 });
    expect(agreed.status).toBe('agreed');
    const detail = (await http().get(`${T}/agreements/${id}`).set(bearer(tokens.ceo)).expect(200)).body;
    expect(detail.history.find((h: { action: string }) => h.action === 'agree')).toMatchObject({ by: qaLead });

    // Support starts; the final report is submitted, then signed off only by the linked QA lead.
    await http().post(`${T}/agreements/${id}/start`).set(bearer(tokens.ceo)).send({ by: 'ceo' }).expect(200);
    const final = detail.reports.find((r: { kind: string }) => r.kind === 'final');
    const criterion = detail.impact[0].id;
    await http()
      .post(`${T}/impact-reports/${final.id}/submit`)
      .set(bearer(tokens.ceo))
      .send({ measured: { [criterion]: 96 }, narrative: 'Met', submittedBy: 'head' })
      .expect(200);
    const signOff = (who: string) => http().post(`${T}/impact-reports/${final.id}/sign-off`).set(bearer(tokens[who])).send({});
    await signOff('unlinked').expect(403);
    await signOff('qa2').expect(422);
    expect((await signOff('qa').expect(200)).body).toMatchObject({ status: 'signed-off', signedOffBy: qaLead });
  });

  it('keeps a headteacher to their own school: staff, agreements, impact reports and reviews', async () => {
    // An agreement between two other schools (active, with reports) and one their school is party to (a draft).
    const theirs = (await http().get(`${T}/agreements`).set(bearer(tokens.ceo)).expect(200)).body.items.find(
      (a: { supportedSchoolIds: string[] }) => a.supportedSchoolIds.includes(supported),
    );
    expect(theirs).toBeDefined();
    const mine = (
      await http()
        .post(`${T}/agreements`)
        .set(bearer(tokens.ceo))
        .send({
          supportedSchoolIds: [elsewhere],
          supportingSchoolIds: [supporting],
          schedule: {
            startsOn: addDays(today, 30),
            endsOn: addDays(today, 200),
            interimReportsDue: [],
            finalReportDue: addDays(today, 210),
          },
          funding: { source: 'trust-budget', amountPence: 100_000 },
        })
        .expect(201)
    ).body.id as string;
    // Reviews at the other school and at theirs.
    for (const reviewer of [qaLead, helper])
      await http()
        .put(`${T}/reviews/reviewers/${reviewer}`)
        .set(bearer(tokens.ceo))
        .send({ trainedFor: ['send'] })
        .expect(200);
    const review = (schoolId: string, reviewerId: string) =>
      expectEventually(
        async () =>
          (
            await http()
              .post(`${T}/reviews`)
              .set(bearer(tokens.ceo))
              .send({ schoolId, kind: 'send', reviewerId, dueOn: addDays(today, 30) })
              .expect(201)
          ).body.id as string,
      );
    const otherReview = await review(supported, qaLead);
    const ownReview = await review(elsewhere, helper);

    const head = bearer(tokens.head);
    const get = (path: string) => http().get(`${T}${path}`).set(head);

    const staffList = (await get('/staff').expect(200)).body;
    expect(staffList.items.map((s: { id: string }) => s.id)).toEqual([qaLead]);
    expect(staffList.total).toBe(1);
    await get(`/staff/${qaLead}`).expect(200);
    expect((await get(`/staff/${helper}`).expect(404)).body.errors[0].field).toBe('staffId');

    expect((await get('/agreements').expect(200)).body.items.map((a: { id: string }) => a.id)).toEqual([mine]);
    await get(`/agreements/${mine}`).expect(200);
    expect((await get(`/agreements/${theirs.id}`).expect(404)).body.errors[0].field).toBe('agreementId');

    const allReports = (await http().get(`${T}/impact-reports?agreementId=${theirs.id}`).set(bearer(tokens.ceo)).expect(200)).body;
    expect(allReports.total).toBeGreaterThan(0);
    expect((await get('/impact-reports').expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await get(`/impact-reports/${allReports.items[0].id}`).expect(404)).body.errors[0].field).toBe('reportId');

    expect((await get('/reviews').expect(200)).body.items.map((r: { id: string }) => r.id)).toEqual([ownReview]);
    await get(`/reviews/${ownReview}`).expect(200);
    expect((await get(`/reviews/${otherReview}`).expect(404)).body.errors[0].field).toBe('reviewId');

    // The CEO sees every one.
    expect((await http().get(`${T}/reviews`).set(bearer(tokens.ceo)).expect(200)).body.total).toBe(2);
    expect((await http().get(`${T}/staff`).set(bearer(tokens.ceo)).expect(200)).body.total).toBeGreaterThanOrEqual(3);
  });
});
