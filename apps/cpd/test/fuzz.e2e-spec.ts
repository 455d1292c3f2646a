import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import { addDays } from '@trustwide/common/util/calendar';
import { halfWritten } from './consistency';
import { cpdRoutes, type CpdFuzzContext } from './fuzz-routes';
import { knowSchool, knowStaff, programmeBody, startCpdApp } from './cpd-app';

/**
 * Generated requests over every route of the CPD service (fixed seed, small budget; a larger run:
 * `npm run fuzz -- --runs N --seed S`): no 5xx, every error in the one shape, nothing half-written.
 */
describe('CPD API under generated requests', () => {
  const env = testEnvironment('cpd_fuzz');
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());
  const ctx: CpdFuzzContext = {
    trustIds: [randomUUID(), randomUUID()],
    programmeIds: [],
    cohortIds: [],
    enrolmentIds: [],
    commissionIds: [],
    evaluationIds: [],
    staffIds: [],
    schoolIds: [randomUUID()],
  };

  beforeAll(async () => {
    app = await startCpdApp(env);
    db = app.get(DataSource);
    const [t] = ctx.trustIds;
    await knowSchool(app, t, ctx.schoolIds[0], 'Fuzz Primary', 160001);
    ctx.staffIds.push(...(await knowStaff(app, t, ctx.schoolIds[0], 6)));
    const programmeId = (await http().post(`/trusts/${t}/programmes`).send(programmeBody('TRUST-FUZZ-A')).expect(201)).body.id;
    ctx.programmeIds.push(programmeId);
    const start = addDays(todayInEngland(), 20);
    const cohort = {
      programmeId,
      places: 2,
      sessions: [{ date: start, title: 'Day 1' }],
      venue: { name: 'Town hall' },
      facilitatorIds: [ctx.staffIds[0]],
    };
    ctx.cohortIds.push((await http().post(`/trusts/${t}/cohorts`).send(cohort).expect(201)).body.id);
    ctx.commissionIds.push(
      (await http().post(`/trusts/${t}/commissions`).send({ programmeId, schoolIds: ctx.schoolIds, budgetPence: 200_000 }).expect(201)).body
        .id,
    );
    for (const staffId of ctx.staffIds.slice(1, 4))
      ctx.enrolmentIds.push(
        (await http().post(`/trusts/${t}/enrolments`).send({ cohortId: ctx.cohortIds[0], staffId }).expect(201)).body.id,
      );
    ctx.evaluationIds.push(
      (
        await http()
          .post(`/trusts/${t}/evaluations`)
          .send({ programmeId, measure: 'attendance', before: '2023/24', after: '2024/25' })
          .expect(201)
      ).body.id,
    );
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  const send = sendTo(() => app.getHttpServer());

  it('answers every generated request below 500, errors in the one shape, and leaves nothing half-written', async () => {
    const routes = cpdRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(250) });
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    expect(await halfWritten(db)).toEqual([]);
  });
});
