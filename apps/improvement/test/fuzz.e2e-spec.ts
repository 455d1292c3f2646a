import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import { halfWritten } from './consistency';
import { improvementRoutes, type ImprovementFuzzContext } from './fuzz-routes';
import { Producer, startImprovementApp } from './improvement-app';
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
  let ctx: ImprovementFuzzContext;

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

  const send = sendTo(() => app.getHttpServer());

  it('answers every generated request below 500, errors in the one shape, and leaves nothing half-written', async () => {
    const routes = improvementRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(250) });
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    expect(await halfWritten(db)).toEqual([]);
  });
});
