import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SCHOOL_DIRECTORY_CONSUMER, ServiceOutbox, todayInEngland, topicName, Topics } from '@trustwide/common';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import { RedeliveryProbe, tableSnapshot } from '@trustwide/common/testing/redelivery';
import { MEASURES_CONSUMER, STAFF_CONSUMER } from '../src/projections/people.projection';
import { addDays } from '@trustwide/common/util/calendar';
import { PeopleProducer, programmeBody, SchoolsProducer, startCpdApp } from './cpd-app';

jest.setTimeout(120_000);

/**
 * At-least-once delivery made safe: the relays' batches (schools and people events) delivered a second
 * time, same event ids, as after a crash of a relay, leave the CPD service's tables as they were, the
 * withdrawal a leaver caused included (its outbox event is not recorded twice).
 */
describe('CPD consumers under redelivery', () => {
  const env = testEnvironment('cpd_redelivery');
  let app: INestApplication;
  let people: PeopleProducer;
  let schools: SchoolsProducer;
  let probe: RedeliveryProbe;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await env.createDatabases('people', 'schools');
    probe = await RedeliveryProbe.watch(env.env('x').KAFKA_BROKERS, [
      topicName(env.topicPrefix, Topics.schools),
      topicName(env.topicPrefix, Topics.people),
    ]);
    people = await PeopleProducer.start(env);
    schools = await SchoolsProducer.start(env);
    app = await startCpdApp(env);
  });

  afterAll(async () => {
    await probe?.stop();
    await people?.close();
    await schools?.close();
    await app?.close();
    await env.cleanup();
  });

  it('changes no table of the staff, measures and school projections when a batch arrives twice', async () => {
    const trustId = randomUUID();
    const schoolId = randomUUID();
    await schools.app.get(DataSource).transaction((m) =>
      schools.app.get(ServiceOutbox).record(m, 'schools.school.registered', {
        trustId,
        aggregateId: schoolId,
        data: {
          school: {
            schoolId,
            urn: 161001,
            name: 'Redelivery Primary',
            phase: 'primary',
            membership: 'member',
            joinedTrustOn: '2015-09-01',
            joinRoute: 'converter',
          },
        } as never,
      }),
    );
    await schools.measures(trustId, schoolId, 161001, '2024/25', [{ name: 'attendance', value: 94.2 }]);
    const facilitator = await people.join(trustId, schoolId, 'middle-leader');
    const leaver = await people.join(trustId, schoolId);
    // The leaver is enrolled first, so that leaving withdraws them: an effect with an event of its own.
    const programmeId = (await http().post(`/trusts/${trustId}/programmes`).send(programmeBody('REDELIVER')).expect(201)).body.id;
    const cohort = {
      programmeId,
      places: 4,
      sessions: [{ date: addDays(todayInEngland(), 30), title: 'Day 1' }],
      venue: { name: 'Town hall' },
      facilitatorIds: [facilitator],
    };
    const cohortId = await expectEventually(async () => {
      const res = await http().post(`/trusts/${trustId}/cohorts`).send(cohort);
      expect(res.status).toBe(201);
      return res.body.id as string;
    });
    await expectEventually(async () =>
      expect((await http().post(`/trusts/${trustId}/enrolments`).send({ cohortId, staffId: leaver })).status).toBe(201),
    );
    await people.leave(trustId, leaver, schoolId, addDays(todayInEngland(), 1));
    // 1 school + 1 measures; 2 × 2 staff events; 1 leaving.
    await probe.caughtUp(app, 7);
    const before = await tableSnapshot(app.get(DataSource));
    expect(before.staff).toHaveLength(2);
    expect(before.enrolments.map((row) => JSON.parse(row).status)).toEqual(['withdrawn']);
    const appliedAgain = await probe.redeliver(app);
    expect(appliedAgain).toEqual({ [STAFF_CONSUMER]: 0, [MEASURES_CONSUMER]: 0, [SCHOOL_DIRECTORY_CONSUMER]: 0 });
    expect(await tableSnapshot(app.get(DataSource))).toEqual(before);
  });
});
