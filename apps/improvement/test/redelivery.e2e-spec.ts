import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SCHOOL_DIRECTORY_CONSUMER, topicName, Topics } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { RedeliveryProbe, tableSnapshot } from '@trustwide/common/testing/redelivery';
import { PEOPLE_CONSUMER } from '../src/leaders/people.handlers';
import { Producer, startImprovementApp } from './improvement-app';

jest.setTimeout(120_000);

/**
 * At-least-once delivery made safe: the relays' batches (schools and people events) delivered a second
 * time, same event ids, as after a crash of a relay, leave the improvement service's tables as they were.
 */
describe('improvement consumers under redelivery', () => {
  const env = testEnvironment('improvement_redelivery');
  let app: INestApplication;
  let producer: Producer;
  let probe: RedeliveryProbe;

  beforeAll(async () => {
    await env.createDatabases('producer');
    const brokers = env.env('x').KAFKA_BROKERS;
    probe = await RedeliveryProbe.watch(brokers, [topicName(env.topicPrefix, Topics.schools), topicName(env.topicPrefix, Topics.people)]);
    producer = await Producer.start(env);
    app = await startImprovementApp(env);
  });

  afterAll(async () => {
    await probe?.stop();
    await producer?.close();
    await app?.close();
    await env.cleanup();
  });

  it('changes no table of the people projection or the school directory when a batch arrives twice', async () => {
    const trustId = randomUUID();
    const school = await producer.school(trustId, 'Fenland Primary');
    const other = await producer.school(trustId, 'March Academy');
    const leader = await producer.staff(trustId, school, { role: 'headteacher', schoolIds: [school] });
    const designation = await producer.designate(trustId, leader, school, 'nle', 40, '2025-09-01', '2029-08-31');
    await producer.staff(trustId, other);
    await producer.revoke(trustId, leader, designation, 'nle', '2026-01-01');
    // 2 schools; 2 + 1 staff events; 3 designation events; 1 revocation.
    await probe.caughtUp(app, 9);
    const before = await tableSnapshot(app.get(DataSource));
    expect(Object.values(before).flat().length).toBeGreaterThan(9);
    const appliedAgain = await probe.redeliver(app);
    expect(appliedAgain).toEqual({ [PEOPLE_CONSUMER]: 0, [SCHOOL_DIRECTORY_CONSUMER]: 0 });
    expect(await tableSnapshot(app.get(DataSource))).toEqual(before);
  });
});
