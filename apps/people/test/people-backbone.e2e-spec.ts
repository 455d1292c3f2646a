import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, INestApplication, Injectable, Module } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  ConsumerContext,
  EventConsumerService,
  OnEvent,
  ServiceConfig,
  ServiceOutbox,
  startConsumers,
  todayInEngland,
  topicName,
  Topics,
  TrustwideModule,
} from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader, withEnv } from '@trustwide/common/testing';
import { startSchoolsApp } from '../../schools/test/schools-app';
import { academicYearOf, addYears } from '@trustwide/common/util/calendar';
import { startPeopleApp } from './people-app';

/** Another app that follows people's designations, as the gateway's read model and improvement will. */
@Injectable()
class DesignationsSeen {
  readonly events: TrustwideEvent[] = [];
}

@Controller()
class DesignationWatcher {
  constructor(private readonly seen: DesignationsSeen) {}

  @OnEvent('people.designation.applied', { consumer: 'designations' })
  onApplied(@Payload() event: TrustwideEvent<'people.designation.applied'>, @Ctx() _ctx: ConsumerContext): Promise<void> {
    this.seen.events.push(event);
    return Promise.resolve();
  }

  @OnEvent('people.designation.approved', { consumer: 'designations' })
  onApproved(@Payload() event: TrustwideEvent<'people.designation.approved'>, @Ctx() _ctx: ConsumerContext): Promise<void> {
    this.seen.events.push(event);
    return Promise.resolve();
  }
}

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'watcher',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      consumers: [{ name: 'designations', topics: [Topics.people], fromBeginning: true }],
    }),
  ],
  controllers: [DesignationWatcher],
  providers: [DesignationsSeen],
})
class WatcherAppModule {}

/** Stands in for the improvement service: records its deployment events through an outbox, as it does. */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'improvement',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.improvement],
    }),
  ],
})
class ImprovementStandInModule {}

/**
 * People on the real backbone: the real schools service's events make schools (and their inspections)
 * known here; people's designation events reach another app; the improvement service's deployment
 * events move committed days; the same events delivered again change nothing.
 */
describe('people on the backbone', () => {
  const env = testEnvironment('people_backbone');
  const brokers = env.env('x').KAFKA_BROKERS;
  const today = todayInEngland();
  const year = academicYearOf(today);
  const nextYear = academicYearOf(addYears(today, 1));
  let schools: INestApplication;
  let people: INestApplication;
  let watcher: INestApplication;
  let improvement: INestApplication;
  let schoolsTopic: TopicReader;
  let improvementTopic: TopicReader;
  let trustId: string;
  let schoolId: string;
  let headId: string;
  const schoolsHttp = () => request(schools.getHttpServer());
  const peopleHttp = () => request(people.getHttpServer());
  const consumer = (name: string) => people.get(EventConsumerService).get(name);
  const peopleTables = () =>
    people.get(DataSource).query(`SELECT
      (SELECT json_agg(d ORDER BY d.school_id) FROM (SELECT school_id, urn, name, membership FROM school_directory) d) AS directory,
      (SELECT json_agg(i ORDER BY i.inspection_id) FROM (SELECT inspection_id, school_id, start_date, inspection FROM school_inspections) i) AS inspections,
      (SELECT json_agg(c ORDER BY c.staff_id, c.academic_year) FROM (SELECT staff_id, academic_year, available_days, committed_days, status FROM leader_capacity) c) AS capacity,
      (SELECT json_agg(d ORDER BY d.deployment_id, d.academic_year) FROM (SELECT deployment_id, academic_year, days, cancelled FROM deployments) d) AS deployments,
      (SELECT count(*)::int FROM outbox_events) AS outbox`);

  beforeAll(async () => {
    schools = await startSchoolsApp(env);
    people = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '0' }, { consumers: true });
    const start = async (module: unknown, name: string, consumers: boolean) =>
      withEnv(env.env(name), async () => {
        const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
        const app = ref.createNestApplication({ logger: ['error'] });
        await app.init();
        if (consumers) await startConsumers(app);
        return app;
      });
    watcher = await start(WatcherAppModule, 'watcher', true);
    improvement = await start(ImprovementStandInModule, 'improvement', false);
    schoolsTopic = await readTopic(brokers, topicName(env.topicPrefix, Topics.schools));
    improvementTopic = await readTopic(brokers, topicName(env.topicPrefix, Topics.improvement));
    await Promise.all(['school-directory', 'school-inspections', 'deployments', 'qualifications'].map((name) => consumer(name).joined));
    trustId = (await schoolsHttp().post('/trusts').send({ name: 'Fenland People Trust', groupUid: '7101' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await schoolsTopic?.stop();
    await improvementTopic?.stop();
    await watcher?.close();
    await improvement?.close();
    await people?.close();
    await schools?.close();
    await env.cleanup();
  });

  it('makes staff assignable to a school once the schools service has registered it, and not once it has left', async () => {
    const unknown = randomUUID();
    const refused = await peopleHttp()
      .post(`/trusts/${trustId}/staff`)
      .send({ firstName: 'Early', lastName: 'Bird', schoolId: unknown, joinedOn: '2020-09-01' })
      .expect(422);
    expect(refused.body.errors).toEqual([{ field: 'schoolId', problems: [`school ${unknown} is not a school of this trust`] }]);

    const registered = await schoolsHttp()
      .post(`/trusts/${trustId}/schools`)
      .send({
        urn: 141001,
        name: 'Chatteris Primary',
        phase: 'primary',
        leadershipModel: 'A',
        joinedTrustOn: '2015-09-01',
        joinRoute: 'converter',
      })
      .expect(201);
    schoolId = registered.body.id;
    expect(schoolId).toEqual(expect.any(String));
    headId = await expectEventually(async () => {
      const res = await peopleHttp().post(`/trusts/${trustId}/staff`).send({
        firstName: 'Katherine',
        lastName: 'Johnson',
        workEmail: 'k.johnson@chatteris.sch.uk',
        schoolId,
        joinedOn: '2015-09-01',
        role: 'headteacher',
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    });

    // A school that joined and then left: staff can no longer be assigned to it.
    const other = (
      await schoolsHttp()
        .post(`/trusts/${trustId}/schools`)
        .send({ urn: 141002, name: 'Doddington Academy', phase: 'secondary', joinedTrustOn: '2016-09-01', joinRoute: 'sponsored' })
        .expect(201)
    ).body.id;
    await schoolsHttp().post(`/trusts/${trustId}/schools/141002/leave`).send({ leftOn: '2025-08-31', reason: 'Transferred' }).expect(201);
    await expectEventually(async () => {
      const [{ membership }] = await people.get(DataSource).query(`SELECT membership FROM school_directory WHERE school_id = $1`, [other]);
      expect(membership).toBe('former-member');
    });
    const moved = await peopleHttp()
      .post(`/trusts/${trustId}/staff/${headId}/move`)
      .send({ schoolId: other, movedOn: '2025-09-01' })
      .expect(422);
    expect(moved.body.errors).toEqual([{ field: 'schoolId', problems: [`school ${other} is not a school of this trust`] }]);
  });

  it("judges an approval on the school's latest inspection as the schools service recorded it, read per framework", async () => {
    const id = (
      await peopleHttp()
        .post(`/trusts/${trustId}/designations`)
        .send({ staffId: headId, type: 'lle', reason: 'Nominated', decidedBy: 'hr-1' })
        .expect(201)
    ).body.id;
    const approval = {
      reason: 'Panel',
      decidedBy: 'hr-1',
      termStartsOn: today,
      outcomes: 'KS2 reading rose from 61% to 78%',
      commitment: { schoolId, daysPerYear: 20, signedBy: 'chair-of-governors', signedOn: '2025-07-01' },
    };
    const noInspection = await peopleHttp().post(`/trusts/${trustId}/designations/${id}/approve`).send(approval).expect(422);
    expect(noInspection.body.errors.map((e: { field: string }) => e.field)).toContain('inspection');

    // Requires improvement under OEIF: still refused, with the grade named.
    await schoolsHttp()
      .post(`/trusts/${trustId}/schools/141001/inspections`)
      .send({
        framework: 'oeif',
        inspectionNumber: '10400001',
        startDate: '2022-01-12',
        overallEffectiveness: 3,
        safeguarding: 'effective',
        judgements: [{ area: 'leadership-and-management', grade: '3' }],
      })
      .expect(201);
    await expectEventually(async () => {
      const res = await peopleHttp().post(`/trusts/${trustId}/designations/${id}/approve`).send(approval).expect(422);
      expect(JSON.stringify(res.body.errors)).toContain('Requires improvement');
    });
    // A later report card, strong throughout: the latest inspection now meets "good or better".
    await schoolsHttp()
      .post(`/trusts/${trustId}/schools/141001/inspections`)
      .send({
        framework: 'report-card',
        inspectionNumber: '10400002',
        startDate: '2025-11-20',
        safeguarding: 'met',
        judgements: ['inclusion', 'curriculum-and-teaching', 'achievement', 'leadership-and-governance'].map((area) => ({
          area,
          grade: 'strong-standard',
        })),
      })
      .expect(201);
    await expectEventually(async () =>
      expect((await peopleHttp().post(`/trusts/${trustId}/designations/${id}/approve`).send(approval)).status).toBe(200),
    );
    await peopleHttp()
      .post(`/trusts/${trustId}/designations/${id}/activate`)
      .send({ reason: 'Term begins', decidedBy: 'hr-1' })
      .expect(200);

    // The designation's events reach a consumer in another app, in order.
    const seen = watcher.get(DesignationsSeen).events;
    await expectEventually(() =>
      expect(seen.filter((e) => e.aggregateId === id).map((e) => e.type)).toEqual([
        'people.designation.applied',
        'people.designation.approved',
      ]),
    );
    expect(seen.find((e) => e.type === 'people.designation.approved')).toMatchObject({
      trustId,
      source: 'people',
      data: { designationId: id, staffId: headId, releaseDaysPerYear: 20 },
    });
  });

  it("moves committed days on the improvement service's deployment events, and frees them on release", async () => {
    const outbox = improvement.get(ServiceOutbox);
    const record = <T extends 'improvement.deployment.leader-deployed' | 'improvement.deployment.leader-released'>(
      type: T,
      agreementId: string,
      data: TrustwideEvent<T>['data'],
    ) => improvement.get(DataSource).transaction((m) => outbox.record(m, type, { trustId, aggregateId: agreementId, data } as never));
    const capacityOf = async (academicYear: string) =>
      (await peopleHttp().get(`/trusts/${trustId}/capacity/${headId}?academicYear=${academicYear}`).expect(200)).body.items[0];
    const agreementId = randomUUID();
    const deploymentId = randomUUID();

    await record('improvement.deployment.leader-deployed', agreementId, {
      deploymentId,
      agreementId,
      staffId: headId,
      totalDays: 18,
      daysByYear: [
        { academicYear: year, days: 12 },
        { academicYear: nextYear, days: 6 },
      ],
    });
    await expectEventually(async () =>
      expect(await capacityOf(year)).toMatchObject({ availableDays: 20, committedDays: 12, remainingDays: 8, status: 'available' }),
    );
    expect(await capacityOf(nextYear)).toMatchObject({ committedDays: 6 });

    // Amended: more days this year, none next year; a second agreement takes the leader over their release.
    await record('improvement.deployment.leader-deployed', agreementId, {
      deploymentId,
      agreementId,
      staffId: headId,
      totalDays: 15,
      daysByYear: [{ academicYear: year, days: 15 }],
    });
    const second = randomUUID();
    const secondDeployment = randomUUID();
    await record('improvement.deployment.leader-deployed', second, {
      deploymentId: secondDeployment,
      agreementId: second,
      staffId: headId,
      totalDays: 10,
      daysByYear: [{ academicYear: year, days: 10 }],
    });
    await expectEventually(async () =>
      expect(await capacityOf(year)).toMatchObject({ committedDays: 25, remainingDays: -5, status: 'over-committed' }),
    );
    expect(await capacityOf(nextYear)).toMatchObject({ committedDays: 0 });

    await record('improvement.deployment.leader-released', second, {
      deploymentId: secondDeployment,
      agreementId: second,
      staffId: headId,
      cause: 'removed',
    });
    await expectEventually(async () => expect(await capacityOf(year)).toMatchObject({ committedDays: 15, status: 'available' }));
  });

  it('records a qualification the cpd service awarded on the person', async () => {
    const outbox = improvement.get(ServiceOutbox); // the stand-in records the cpd service's event as cpd would
    const enrolmentId = randomUUID();
    await improvement.get(DataSource).transaction((m) =>
      outbox.record(m, 'cpd.qualification.awarded', {
        trustId,
        aggregateId: headId,
        data: {
          staffId: headId,
          enrolmentId,
          programmeId: randomUUID(),
          programmeCode: 'NPQEL',
          qualification: 'NPQ in Executive Leadership',
          awardedOn: '2026-07-15',
        },
      }),
    );
    await expectEventually(async () =>
      expect((await peopleHttp().get(`/trusts/${trustId}/staff/${headId}`).expect(200)).body.qualifications).toEqual([
        { qualification: 'NPQ in Executive Leadership', programmeCode: 'NPQEL', awardedOn: '2026-07-15', enrolmentId },
      ]),
    );
  });

  it('changes nothing when the same events are delivered again', async () => {
    await expectEventually(() => {
      // Everything sent so far has been applied (the relays have caught up and the consumers with them).
      const applied = consumer('deployments').stats.applied;
      expect(applied).toBe(improvementTopic.events().length);
    });
    const before = await peopleTables();
    const duplicatesBefore = ['school-directory', 'school-inspections', 'deployments'].map((n) => consumer(n).stats.duplicates);
    // What the relays sent, exactly (key, value, headers), as they would send it again after a crash.
    const handled = (types: string[]) => schoolsTopic.events().filter((e) => types.includes(e.type)).length;
    const expected = [
      handled([
        'schools.school.registered',
        'schools.school.updated',
        'schools.school.joined-trust',
        'schools.school.left-trust',
        'schools.risk-status.changed',
      ]),
      handled(['schools.inspection.recorded']),
      improvementTopic.events().length,
    ];
    const sent = [
      [Topics.schools, schoolsTopic],
      [Topics.improvement, improvementTopic],
    ].map(([topic, reader]) => ({
      topic: topicName(env.topicPrefix, topic as string),
      messages: (reader as TopicReader).messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
    }));
    const producer = new Kafka({ clientId: 'test-redelivery', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      for (const batch of sent) await producer.send({ ...batch, acks: -1 });
    } finally {
      await producer.disconnect();
    }
    await expectEventually(() =>
      expect(
        ['school-directory', 'school-inspections', 'deployments'].map((n, i) => consumer(n).stats.duplicates - duplicatesBefore[i]),
      ).toEqual(expected),
    );
    expect(await peopleTables()).toEqual(before);
  });
});
