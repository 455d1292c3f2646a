import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import { fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import { halfWritten } from './consistency';
import { schoolsRoutes } from './fuzz-routes';
import { startSchoolsApp } from './schools-app';

/**
 * Generated requests over every route of the schools service (fixed seed, small budget; a larger run:
 * `npm run fuzz -- --runs N --seed S`): no 5xx, every error in the one shape, nothing half-written.
 */
describe('schools API under generated requests', () => {
  const env = testEnvironment('schools_fuzz');
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const ctx = { trustIds: [] as string[], urns: [145001, 145002, 145003], importIds: [] as string[] };

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    db = app.get(DataSource);
    for (const name of ['Fuzz Trust A', 'Fuzz Trust B'])
      ctx.trustIds.push((await http().post('/trusts').send({ name }).expect(201)).body.id);
    for (const urn of ctx.urns)
      await http()
        .post(`/trusts/${ctx.trustIds[0]}/schools`)
        .send({ urn, name: `Fuzz ${urn}`, phase: 'primary' })
        .expect(201);
    const csv = `URN,EstablishmentName,PhaseOfEducation (name)\r\n${ctx.urns[0]},Fuzz ${ctx.urns[0]},Primary\r\n`;
    ctx.importIds.push(
      (await http().post(`/trusts/${ctx.trustIds[0]}/imports?scope=all&wait=true`).set('content-type', 'text/csv').send(csv).expect(200))
        .body.id,
    );
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  const send = sendTo(() => app.getHttpServer());

  it('answers every generated request below 500, errors in the one shape, and leaves nothing half-written', async () => {
    const routes = schoolsRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(250) });
    // Every route of the table was exercised (a route added later cannot be silently left out).
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    await expectEventually(async () =>
      expect(Number((await db.query(`SELECT count(*) AS n FROM import_jobs WHERE status IN ('queued', 'running')`))[0].n)).toBe(0),
    );
    expect(await halfWritten(db)).toEqual([]);
  });
});
