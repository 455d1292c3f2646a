import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { type FuzzRequest, fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import { halfWritten } from './consistency';
import { improvementRoutes } from './fuzz-routes';
import { asStaff, Producer, startImprovementApp } from './improvement-app';
import { seedTrust } from './seed';

/**
 * Generated requests over every route of the improvement service (fixed seed, small budget; a larger
 * run: `npm run fuzz -- --runs N --seed S`): no 5xx, every error in the one shape, nothing half-written.
 */
describe('improvement API under generated requests', () => {
  const env = testEnvironment('improvement_fuzz');
  let app: INestApplication;
  let producer: Producer;
  let db: DataSource;
  let ctx: Awaited<ReturnType<typeof seedTrust>>;

  beforeAll(async () => {
    await env.createDatabases('producer');
    producer = await Producer.start(env);
    app = await startImprovementApp(env);
    db = app.get(DataSource);
    ctx = await seedTrust(app, producer);
  });

  afterAll(async () => {
    await app?.close();
    await producer?.close();
    await env.cleanup();
  });

  /**
   * The steps that take their actor from the caller's linked staff record (approve, sign off, complete a review) are
   * sent in turn as the QA lead, as another leader and unsigned, so each of their answers is reached.
   */
  let turn = 0;
  const send = async (r: FuzzRequest) => {
    const signed = /\/(agree|sign-off|complete)$/.test(r.url.split('?')[0]) ? [ctx.qaLead, ctx.helper, null][turn++ % 3] : null;
    const headers = signed ? await asStaff(ctx.trustIds[0], signed) : {};
    return sendTo(
      () => app.getHttpServer(),
      () => headers,
    )(r);
  };

  it('answers every generated request below 500, errors in the one shape, and leaves nothing half-written', async () => {
    const routes = improvementRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(250) });
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    expect(await halfWritten(db)).toEqual([]);
  });
});
