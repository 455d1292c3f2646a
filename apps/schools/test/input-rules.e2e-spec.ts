import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { answerClientErrors, topicName, Topics } from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { startSchoolsApp } from './schools-app';

type ErrorShape = { statusCode: number; message: string; errors: { field: string; problems: string[] }[] };

/** The one error shape, and the fields it names. */
function fieldsOf(res: { status: number; body: ErrorShape }): string[] {
  expect(res.body).toMatchObject({ statusCode: res.status, message: expect.any(String) });
  expect(res.body.errors.length).toBeGreaterThan(0);
  for (const e of res.body.errors) {
    expect(typeof e.field).toBe('string');
    expect(e.problems.length).toBeGreaterThan(0);
  }
  return res.body.errors.map((e) => e.field);
}

const problemsOf = (res: { body: ErrorShape }, field: string) =>
  res.body.errors.filter((e) => e.field === field).flatMap((e) => e.problems);

/**
 * Regression tests for input a caller could use to get a 500 or a record no real school has (issue 7):
 * NUL characters, deep nesting, objects where a value belongs, upper-case ids, impossible ranges and
 * periods, duplicated judgements; and every error answer in the one shape.
 */
describe('input rules and error shape', () => {
  const env = testEnvironment('schools_input_rules');
  let app: INestApplication;
  let db: DataSource;
  let topic: TopicReader;
  let trustId: string;
  const http = () => request(app.getHttpServer());
  const URN = 141001;

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    answerClientErrors(app.getHttpServer()); // what bootstrapService does for a running service
    db = app.get(DataSource);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
    trustId = (await http().post('/trusts').send({ name: 'Input Rules Trust' }).expect(201)).body.id;
    await http()
      .post(`/trusts/${trustId}/schools`)
      .send({ urn: URN, name: 'Abbey Primary', phase: 'primary', lowAge: 4, highAge: 11, openedOn: '2012-09-01' })
      .expect(201);
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await env.cleanup();
  });

  const outboxCount = async () => Number((await db.query(`SELECT count(*) AS n FROM outbox_events`))[0].n);

  it('refuses a NUL character in any body text or query, naming the field, and writes nothing', async () => {
    const before = await outboxCount();
    const cases: [string, string, object][] = [
      ['post', '/trusts', { name: 'a\u0000b' }],
      ['patch', `/trusts/${trustId}`, { name: 'a\u0000b' }],
      ['post', `/trusts/${trustId}/schools`, { urn: 141099, name: 'a\u0000b', phase: 'primary' }],
      ['patch', `/trusts/${trustId}/schools/${URN}`, { name: 'a\u0000b' }],
      ['post', `/trusts/${trustId}/schools/${URN}/leave`, { leftOn: '2025-08-31', reason: 'a\u0000b' }],
      ['put', `/trusts/${trustId}/risk-rules`, { name: 'a\u0000b' }],
    ];
    for (const [method, path, body] of cases) {
      const res = await (http() as unknown as Record<string, (p: string) => request.Test>)[method](path).send(body).expect(400);
      expect(fieldsOf(res)).toEqual(['name' in body ? 'name' : 'reason']);
      expect(problemsOf(res, 'name' in body ? 'name' : 'reason')[0]).toMatch(/NUL/);
    }
    const query = await http().get(`/trusts/${trustId}/schools?q=a%00b`).expect(400);
    expect(fieldsOf(query)).toEqual(['q']);
    const key = await http()
      .put(`/trusts/${trustId}/risk-rules`)
      .set('content-type', 'application/json')
      .send('{"measures":{"a\\u0000":1}}')
      .expect(400);
    expect(fieldsOf(key)).toEqual(['measures']);
    expect(await outboxCount()).toBe(before);
  });

  it('refuses a body nested 5,000 levels deep as a 400 naming the body', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    for (const path of ['/trusts', `/trusts/${trustId}/risk-rules`]) {
      const res = await http().post(path).set('content-type', 'application/json').send(deep);
      expect([400]).toContain(res.status);
      expect(fieldsOf(res)).toEqual(['body']);
    }
    const objects = await http()
      .patch(`/trusts/${trustId}/schools/${URN}`)
      .set('content-type', 'application/json')
      .send('{"name":'.repeat(40) + '"x"' + '}'.repeat(40))
      .expect(400);
    expect(fieldsOf(objects)).toEqual(['body']);
  });

  it('refuses an object where a value belongs, naming the field', async () => {
    const cases: [string, unknown][] = [
      ['predecessorUrn', { toString: 'x' }],
      ['predecessorUrn', { valueOf: 'x' }],
      ['lowAge', []],
      ['name', { toString: 'x' }],
    ];
    for (const [field, value] of cases) {
      const res = await http()
        .patch(`/trusts/${trustId}/schools/${URN}`)
        .send({ [field]: value })
        .expect(400);
      expect(fieldsOf(res)).toEqual([field]);
    }
    // Found by the fuzz test: a rules document whose threshold is an object (its id is built from it).
    const rules = await http()
      .put(`/trusts/${trustId}/risk-rules`)
      .send({
        inspection: {},
        measures: {
          thresholds: [{ measure: 'attendance', below: { toString: 'x' }, level: 'amber' }],
          trends: [{ measure: 'attendance', periods: { toString: 'x' }, worseningBy: 1, level: 'amber' }],
        },
      })
      .expect(400);
    expect(fieldsOf(rules)).toEqual(['rules']);
    const list = await http().get(`/trusts/${trustId}/schools?limit=1&limit=2`).expect(400);
    expect(fieldsOf(list)).toEqual(['limit']);
  });

  it('reaches a trust by the upper-case spelling of its id, and its rows and events carry the canonical id', async () => {
    const upper = trustId.toUpperCase();
    expect((await http().get(`/trusts/${upper}`).expect(200)).body.id).toBe(trustId);
    await http().patch(`/trusts/${upper}`).send({ name: 'Input Rules Trust (renamed)' }).expect(200);
    await http().patch(`/trusts/${upper}/schools/${URN}`).send({ name: 'Abbey Primary Academy' }).expect(200);
    await expectEventually(() => {
      const events = topic.events().filter((e) => e.type === 'schools.trust.updated' || e.type === 'schools.school.updated');
      expect(events).toHaveLength(2);
      for (const e of events) {
        expect(e.trustId).toBe(trustId);
        expect(JSON.stringify(e)).not.toContain(upper);
      }
      expect(events.find((e) => e.type === 'schools.trust.updated')!.aggregateId).toBe(trustId);
      // The message key (the partition) is the canonical id, like every other event of the trust.
      const keys = topic.messages.filter((m) => m.value!.toString().includes('"schools.trust.updated"')).map((m) => m.key!.toString());
      expect(keys).toEqual([trustId]);
    });
    const rows = await db.query(`SELECT trust_id::text AS t FROM outbox_events UNION SELECT trust_id::text FROM schools`);
    for (const r of rows) expect(r.t).toBe(r.t.toLowerCase());
  });

  it('refuses records no real school has: ages and dates out of order, impossible measures and periods, duplicate judgements', async () => {
    const school = `/trusts/${trustId}/schools`;
    let res = await http().post(school).send({ urn: 141002, name: 'X', phase: 'primary', lowAge: 18, highAge: 4 }).expect(400);
    expect(fieldsOf(res)).toEqual(['highAge']);
    res = await http()
      .post(school)
      .send({ urn: 141002, name: 'X', phase: 'primary', openedOn: '2020-09-01', closedOn: '2019-08-31' })
      .expect(400);
    expect(fieldsOf(res)).toEqual(['closedOn']);
    // A PATCH is checked against the record as it would be.
    res = await http().patch(`${school}/${URN}`).send({ highAge: 3 }).expect(400);
    expect(fieldsOf(res)).toEqual(['highAge']);
    res = await http().patch(`${school}/${URN}`).send({ closedOn: '2011-01-01' }).expect(400);
    expect(fieldsOf(res)).toEqual(['closedOn']);

    const measures = `${school}/${URN}/measures`;
    for (const [name, value] of [
      ['exclusions', 1e308],
      ['exclusions', 2.5],
      ['pupilsOnRoll', 1e308],
      ['attendance', 1e308],
      ['progress', -1e308],
      ['inYearBalance', 1e308],
      ['staffTurnover', 101],
    ] as const) {
      res = await http()
        .post(measures)
        .send({ period: '2024/25', values: { [name]: value } })
        .expect(400);
      expect(fieldsOf(res)).toEqual([`values.${name}`]);
    }
    for (const period of ['2099/00', '2024/26', '1899/00', '2024/25-winter']) {
      res = await http()
        .post(measures)
        .send({ period, values: { attendance: 95 } })
        .expect(400);
      expect(fieldsOf(res)).toEqual(['period']);
    }
    expect(
      problemsOf(
        await http()
          .post(measures)
          .send({ period: '2099/00', values: { attendance: 95 } }),
        'period',
      )[0],
    ).toMatch(/between 1990 and/);

    const inspections = `${school}/${URN}/inspections`;
    const judgement = { area: 'quality-of-education', grade: '2' };
    res = await http()
      .post(inspections)
      .send({ framework: 'oeif', startDate: '2024-03-01', judgements: Array(5000).fill(judgement) })
      .expect(400);
    expect(fieldsOf(res)).toEqual(['judgements']);
    res = await http()
      .post(inspections)
      .send({ framework: 'oeif', startDate: '2024-03-01', judgements: [judgement, judgement] })
      .expect(400);
    expect(problemsOf(res, 'judgements')[0]).toMatch(/more than once/);

    res = await http().post(school).send({ urn: '123456abc', name: 'X', phase: 'primary' }).expect(400);
    expect(problemsOf(res, 'urn')).toEqual(['urn must be a whole number (from 100000 to 9999999)']);
    res = await http().get(`${school}/123456abc`).expect(400);
    expect(problemsOf(res, 'urn')).toEqual(['urn must be a whole number (from 100000 to 9999999)']);
    res = await http().post(school).send({ urn: 99999999, name: 'X', phase: 'primary' }).expect(400);
    expect(problemsOf(res, 'urn')).toEqual(['urn must be from 100000 to 9999999']);
    // Still accepted: the valid forms of the same things.
    await http()
      .post(measures)
      .send({ period: '2024/25', values: { exclusions: 12, attendance: 94.5 } })
      .expect(201);
    await http()
      .post(inspections)
      .send({ framework: 'oeif', startDate: '2024-03-01', judgements: [judgement, { area: 'leadership-and-management', grade: '2' }] })
      .expect(201);
  });

  it('answers every error in the one shape: 404, 405-like unknown routes, 409, 413, 415, bad JSON', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(fieldsOf(await http().get(`/trusts/${missing}`).expect(404))).toEqual(['trustId']);
    expect(fieldsOf(await http().get(`/trusts/${trustId}/schools/999999`).expect(404))).toEqual(['urn']);
    expect(fieldsOf(await http().get(`/trusts/${trustId}/imports/${missing}`).expect(404))).toHaveLength(1);
    expect(fieldsOf(await http().delete(`/trusts/${trustId}`).expect(404))).toEqual(['path']);
    expect(fieldsOf(await http().get('/nowhere').expect(404))).toEqual(['path']);
    expect(
      fieldsOf(await http().post(`/trusts/${trustId}/schools`).send({ urn: URN, name: 'Again', phase: 'primary' }).expect(409)),
    ).toEqual(['urn']);
    const big = await http()
      .post('/trusts')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(fieldsOf(big)).toEqual(['body']);
    expect(fieldsOf(await http().post('/trusts').set('content-type', 'text/plain').send('name=x').expect(415))).toEqual(['body']);
    expect(fieldsOf(await http().post('/trusts').set('content-type', 'application/json').send('{"name": ').expect(400))).toEqual(['body']);
    // A URL over Node's 16 kB header limit is refused before any handler, in the same shape.
    const long = await http()
      .get(`/trusts/${trustId}/schools?q=${'x'.repeat(17_000)}`)
      .expect(431);
    expect(fieldsOf(long)).toEqual(['headers']);
  });
});
