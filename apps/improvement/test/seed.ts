import { expect } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { todayInEngland } from '@trustwide/common';
import { expectEventually } from '@trustwide/common/testing';
import { academicYearOf, addDays } from '@trustwide/common/util/calendar';
import type { ImprovementFuzzContext } from './fuzz-routes';
import { asStaff, type Producer } from './improvement-app';

/** One trust with schools, designated leaders, an agreed agreement, a draft, a plan with an action and a review: what the generated and concurrent requests work on. */
export async function seedTrust(
  app: INestApplication,
  producer: Producer,
): Promise<ImprovementFuzzContext & { qaLead: string; helper: string; supported: string; supporting: string }> {
  const http = () => request(app.getHttpServer());
  const trustId = randomUUID();
  const t = `/trusts/${trustId}`;
  const today = todayInEngland();
  const [supported, supporting, elsewhere] = [
    await producer.school(trustId, 'Seed Primary'),
    await producer.school(trustId, 'Seed Academy'),
    await producer.school(trustId, 'Seed Infants'),
  ];
  const qaLead = await producer.staff(trustId, elsewhere);
  const helper = await producer.staff(trustId, supporting);
  await producer.designate(trustId, qaLead, elsewhere, 'lle', 20, addDays(today, -400), addDays(today, 1000));
  await producer.designate(trustId, helper, supporting, 'nle', 200, addDays(today, -400), addDays(today, 1000));
  await expectEventually(
    async () => {
      for (const id of [qaLead, helper])
        expect((await http().get(`${t}/support/leaders/${id}`).expect(200)).body.designations).toHaveLength(1);
      expect(
        (
          await http()
            .post(`${t}/plans`)
            .send({ schoolId: supported, academicYear: academicYearOf(today) })
        ).status,
      ).toBe(201);
    },
    { timeoutMs: 60_000 },
  );
  const body = {
    supportedSchoolIds: [supported],
    supportingSchoolIds: [supporting],
    priorityAreas: [{ kind: 'measure', measure: 'attendance' }],
    responsibilities: [
      { party: 'supported', text: 'Release staff' },
      { party: 'supporting', text: 'Coach' },
    ],
    impact: [{ measure: 'Attendance (%)', baseline: 90, target: 95, byWhen: addDays(today, 100) }],
    schedule: {
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 100),
      interimReportsDue: [addDays(today, 50)],
      finalReportDue: addDays(today, 110),
    },
    funding: { source: 'trust-budget', amountPence: 500_000 },
    qaLeadId: qaLead,
  };
  const agreed = (await http().post(`${t}/agreements`).send(body).expect(201)).body.id;
  await http()
    .post(`${t}/agreements/${agreed}/deployments`)
    .send({ leaderId: helper, days: 5, daysByYear: { [academicYearOf(today)]: 5 } })
    .expect(201);
  await http()
    .post(`${t}/agreements/${agreed}/agree`)
    .set(await asStaff(trustId, qaLead))
    .expect(200);
  const draft = (await http().post(`${t}/agreements`).send(body).expect(201)).body.id;
  const plan = (await http().get(`${t}/plans`).expect(200)).body.items[0];
  const withPriority = (
    await http()
      .post(`${t}/plans/${plan.id}/priorities`)
      .send({ title: 'Attendance', link: { kind: 'measure', measure: 'attendance' } })
      .expect(201)
  ).body;
  const priorityId = withPriority.priorities[0].id;
  const withAction = (
    await http()
      .post(`${t}/plans/${plan.id}/priorities/${priorityId}/actions`)
      .send({ title: 'Call home', ownerId: qaLead, dueOn: addDays(today, 30) })
      .expect(201)
  ).body;
  await http()
    .put(`${t}/reviews/reviewers/${qaLead}`)
    .send({ trainedFor: ['pupil-premium', 'send'] })
    .expect(200);
  const review = (
    await http()
      .post(`${t}/reviews`)
      .send({ schoolId: supported, kind: 'send', reviewerId: qaLead, dueOn: addDays(today, 20) })
      .expect(201)
  ).body.id;
  const reports = (await http().get(`${t}/impact-reports?agreementId=${agreed}`).expect(200)).body.items.map((r: { id: string }) => r.id);
  return {
    trustIds: [trustId],
    schoolIds: [supported, supporting, elsewhere],
    leaderIds: [qaLead, helper],
    agreementIds: [agreed, draft],
    planIds: [plan.id],
    priorityIds: [priorityId],
    actionIds: [withAction.priorities[0].actions[0].id],
    reportIds: reports,
    reviewIds: [review],
    qaLead,
    helper,
    supported,
    supporting,
  };
}
