import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { configureHttp, GATEWAY_HTTP } from '@trustwide/common';
import { hardenHttpServer } from '@trustwide/common/bootstrap/client-errors';
import { documentedHttp, testEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule as SchoolsModule } from '../../schools/src/app.module';
import { IMPORT_UPLOADS } from '../../schools/src/imports/imports.controller';
import { AppModule as GatewayModule } from '../src/app.module';

/** The public API: requests through the gateway reach the schools service and its answers come back as they are. */
describe('gateway API forwarding', () => {
  const env = testEnvironment('gateway_proxy');
  let schools: INestApplication;
  let gateway: INestApplication;
  const http = documentedHttp(() => gateway.getHttpServer());

  async function start(module: unknown, service: string, extra: Record<string, string> = {}) {
    return withEnv(env.env(service, extra), async () => {
      const app = (await Test.createTestingModule({ imports: [module as never] }).compile()).createNestApplication({
        logger: ['error'],
        bodyParser: false,
      });
      configureHttp(app, service === 'gateway' ? GATEWAY_HTTP : { streamedBodies: IMPORT_UPLOADS });
      await app.listen(0, '127.0.0.1');
      hardenHttpServer(app.getHttpServer()); // as bootstrapService does
      return app;
    });
  }

  beforeAll(async () => {
    schools = await start(SchoolsModule, 'schools');
    const url = await schools.getUrl();
    gateway = await start(GatewayModule, 'gateway', {
      SCHOOLS_URL: url.replace('[::1]', '127.0.0.1'),
      PEOPLE_URL: 'http://127.0.0.1:1',
      IMPROVEMENT_URL: 'http://127.0.0.1:1',
      CPD_URL: 'http://127.0.0.1:1',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await schools?.close();
    await env.cleanup();
  });

  it('forwards commands and reads, with the correlation id, and passes 4xx answers back', async () => {
    const trust = await http().post('/api/trusts').set('x-correlation-id', 'gw-1').send({ name: 'Gateway Trust' }).expect(201);
    expect(trust.headers['x-correlation-id']).toBe('gw-1');
    const trustId = trust.body.id;
    await http().post(`/api/trusts/${trustId}/schools`).send({ urn: 160001, name: 'Through The Gateway', phase: 'primary' }).expect(201);
    const bad = await http().post(`/api/trusts/${trustId}/schools`).send({ urn: 'x', phase: 'primary' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'urn']);
    const list = await http().get(`/api/trusts/${trustId}/schools?phase=primary`).expect(200);
    expect(list.body.items.map((s: { urn: number }) => s.urn)).toEqual([160001]);
  });

  it('streams an import file through to the schools service', async () => {
    const trustId = (await http().post('/api/trusts').send({ name: 'Import Trust' }).expect(201)).body.id;
    const file = readFileSync(join(process.cwd(), '..', 'shared', 'data', 'gias', 'edubasealldata-sample-99.csv'));
    const job = await http()
      .post(`/api/trusts/${trustId}/imports?scope=all&wait=true`)
      .set('content-type', 'text/csv')
      .send(file)
      .expect(200);
    expect(job.body).toMatchObject({ status: 'completed', kind: 'gias-establishments' });
    expect(job.body.created).toBeGreaterThan(90);
    await http().get(`/api/trusts/${trustId}/imports/${job.body.id}`).expect(200);
  });

  it('passes form-encoded and other bodies on untouched', async () => {
    const trustId = (await http().post('/api/trusts').send({ name: 'Form Trust' }).expect(201)).body.id;
    // Not JSON: the schools service answers for itself, the gateway does not rewrite the body into something else.
    const res = await http().patch(`/api/trusts/${trustId}`).type('form').send('name=Renamed').expect(415);
    expect(res.body.message).toContain('application/json');
    expect((await http().get(`/api/trusts/${trustId}`).expect(200)).body.name).toBe('Form Trust');
  });

  it('refuses paths with dot segments or encoded slashes instead of routing them', async () => {
    await http()
      .get('/api/trusts/6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11/schools/%2e%2e/%2e%2e/00000000-0000-4000-8000-000000000000/schools')
      .expect(400);
    await http().get('/api/trusts/a%2Fb/schools').expect(400);
  });

  const inTheShape = (status: number) =>
    expect.objectContaining({
      statusCode: status,
      message: expect.any(String),
      errors: [{ field: expect.any(String), problems: [expect.any(String)] }],
    });

  it('refuses empty segments and names of Object.prototype in the one shape', async () => {
    for (const [path, status] of [
      ['/api//trusts/6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11', 400],
      ['/api/trusts//schools', 400],
      ['/api/constructor', 404],
      ['/api/__proto__', 404],
      ['/api/toString', 404],
      ['/api/trusts/6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11/constructor', 404],
    ] as const) {
      const res = await http().get(path);
      expect({ path, status: res.status, body: res.body }).toEqual({ path, status, body: inTheShape(status) });
    }
  });

  it('answers a URL over 16 kB with a JSON 431 in the shape, from a service and from the gateway', async () => {
    const long = `/trusts?groupUid=${'1'.repeat(17 * 1024)}`;
    for (const res of [await request(schools.getHttpServer()).get(long), await http().get(`/api${long}`)]) {
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual(inTheShape(431));
    }
  });

  it('answers 404 in the shape for paths no service owns and 502 when the owner is down', async () => {
    const missing = await http().get('/api/nothing-here').expect(404);
    expect(missing.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no API at GET /api/nothing-here',
      errors: [{ field: 'path', problems: ['no service answers GET /api/nothing-here'] }],
    });
    await schools.close();
    const res = await http().get('/api/trusts/6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11').expect(502);
    expect(res.body).toEqual({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'the schools service did not answer; try again shortly',
      errors: [],
    });
  });
});
