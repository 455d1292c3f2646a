import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import { fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import { halfWritten } from './consistency';
import { peopleRoutes } from './fuzz-routes';
import { knowSchool, startPeopleApp } from './people-app';

/**
 * Generated requests over every route of the people service (fixed seed, small budget; a larger run:
 * `npm run fuzz -- --runs N --seed S`): no 5xx, every error in the one shape, nothing half-written.
 */
describe('people API under generated requests', () => {
  const env = testEnvironment('people_fuzz');
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const ctx = {
    trustIds: [randomUUID(), randomUUID()],
    schoolIds: [randomUUID(), randomUUID()],
    staffIds: [] as string[],
    roleIds: [] as string[],
    designationIds: [] as string[],
    importIds: [] as string[],
  };
  const good = {
    framework: 'oeif' as const,
    startDate: '2023-05-10',
    overallEffectiveness: 1 as const,
    judgements: { 'leadership-and-management': 1 as const },
  };

  beforeAll(async () => {
    app = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '0' });
    db = app.get(DataSource);
    const [t] = ctx.trustIds;
    for (const [i, s] of ctx.schoolIds.entries()) await knowSchool(app, t, s, good, 140001 + i);
    for (const [first, roleName] of [
      ['Ada', 'headteacher'],
      ['Alan', 'deputy-headteacher'],
      ['Edsger', 'teacher'],
    ]) {
      const res = await http()
        .post(`/trusts/${t}/staff`)
        .send({
          firstName: first,
          lastName: 'Fuzz',
          workEmail: `${first}@fuzz.sch.uk`,
          schoolId: ctx.schoolIds[0],
          joinedOn: '2015-09-01',
          role: roleName,
        })
        .expect(201);
      ctx.staffIds.push(res.body.id);
      ctx.roleIds.push(...res.body.roles.map((r: { id: string }) => r.id));
    }
    const d = await http()
      .post(`/trusts/${t}/designations`)
      .send({ staffId: ctx.staffIds[0], type: 'lle', reason: 'Nominated', decidedBy: 'hr-1' })
      .expect(201);
    ctx.designationIds.push(d.body.id);
    await http()
      .post(`/trusts/${t}/designations/${d.body.id}/approve`)
      .send({
        reason: 'Panel',
        decidedBy: 'hr-1',
        termStartsOn: todayInEngland(),
        outcomes: 'Outcomes',
        commitment: { schoolId: ctx.schoolIds[0], daysPerYear: 20, signedBy: 'chair', signedOn: '2025-01-01' },
      })
      .expect(200);
    ctx.designationIds.push(
      (
        await http()
          .post(`/trusts/${t}/designations`)
          .send({ staffId: ctx.staffIds[1], type: 'sle', reason: 'Nominated', decidedBy: 'hr-1' })
          .expect(201)
      ).body.id,
    );
    const csv =
      'Staff ID,First Name,Last Name,Work Email,URN,Job Title,Start Date\r\nF1,Fuzz,Import,f1@fuzz.sch.uk,140001,Teacher,01/09/2020\r\n';
    ctx.importIds.push(
      (await http().post(`/trusts/${t}/staff/imports?wait=true`).set('content-type', 'text/csv').send(csv).expect(200)).body.id,
    );
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  const send = sendTo(() => app.getHttpServer());

  it('answers every generated request below 500, errors in the one shape, and leaves nothing half-written', async () => {
    const routes = peopleRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(250) });
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    await expectEventually(async () =>
      expect(Number((await db.query(`SELECT count(*) AS n FROM staff_import_jobs WHERE status IN ('queued', 'running')`))[0].n)).toBe(0),
    );
    expect(await halfWritten(db)).toEqual([]);
  });
});
