import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { topicName, Topics } from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { startSchoolsApp } from './schools-app';

/** Who did it: the `x-trustwide-actor` of the request is the `actor` of every event it causes. */
describe('the actor of a request', () => {
  const env = testEnvironment('schools_actor');
  let app: INestApplication;
  let topic: TopicReader;
  const http = () => request(app.getHttpServer());
  const registered = (name: string) =>
    expectEventually(() => {
      const event = topic.events().find((e) => e.type === 'schools.trust.registered' && (e.data as { name: string }).name === name);
      expect(event).toBeDefined();
      return event!;
    });

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await env.cleanup();
  });

  it('is the header’s user on the event the request caused', async () => {
    await http()
      .post('/trusts')
      .set('x-trustwide-actor', 'user:9b2e4c1d-5f6a-4b7c-8d9e-0f1a2b3c4d5e')
      .send({ name: 'Signed-in Trust' })
      .expect(201);
    expect((await registered('Signed-in Trust')).actor).toEqual({ kind: 'user', id: '9b2e4c1d-5f6a-4b7c-8d9e-0f1a2b3c4d5e' });
  });

  it('is the service itself without the header', async () => {
    await http().post('/trusts').send({ name: 'Anonymous Trust' }).expect(201);
    expect((await registered('Anonymous Trust')).actor).toEqual({ kind: 'service', id: 'schools' });
  });

  it('refuses a malformed header in the one 4xx shape, and writes nothing', async () => {
    const res = await http()
      .post('/trusts')
      .set('x-trustwide-actor', 'admin:<script>')
      .send({ name: 'Forged Trust', groupUid: '9991' })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, errors: [{ field: 'x-trustwide-actor' }] });
    expect(res.body.errors[0].problems[0]).toContain('<user|service|system>:<id>');
    const list = await http().get('/trusts?groupUid=9991').expect(200);
    expect(JSON.stringify(list.body)).not.toContain('Forged Trust');
  });
});
