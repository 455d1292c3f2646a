import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumerService, startConsumers, topicName, Topics } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { RedeliveryProbe, tableSnapshot } from '@trustwide/common/testing/redelivery';
import { READ_MODEL_CONSUMER } from '../src/read-model/ingest/read-model.handlers';
import { startGateway, TestClock } from './auth-harness';
import { drafts, Producer } from './read-model-harness';

jest.setTimeout(120_000);

/**
 * At-least-once delivery made safe: the four services' batches delivered a second time, same event ids,
 * as after a crash of a relay, leave the read model (schools, leaders, pipeline, alerts) as it was.
 */
describe('the read model under redelivery', () => {
  const env = testEnvironment('read_model_redelivery');
  let gateway: INestApplication;
  let producer: Producer;
  let probe: RedeliveryProbe;

  beforeAll(async () => {
    await env.createDatabases('gateway', 'producer');
    const topics = [Topics.schools, Topics.people, Topics.improvement, Topics.cpd].map((t) => topicName(env.topicPrefix, t));
    probe = await RedeliveryProbe.watch(env.env('x').KAFKA_BROKERS, topics);
    gateway = await startGateway(env, new TestClock(), { SCHOOLS_URL: 'http://127.0.0.1:1' });
    await startConsumers(gateway);
    await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).joined;
    producer = await Producer.start(env);
  });

  afterAll(async () => {
    await probe?.stop();
    await producer?.close();
    await gateway?.close();
    await env.cleanup();
  });

  it('changes no table of the read model when a batch of every service arrives twice', async () => {
    const trustId = randomUUID();
    const [s1, s2, staff, designation, agreement, cohort] = Array.from({ length: 6 }, () => randomUUID());
    const events = [
      drafts.school(s1, 'Abbey Primary'),
      drafts.school(s2, 'Brook Academy', { phase: 'secondary' }),
      drafts.oeif(s1, '2024-03-01', 3),
      drafts.measures(s1, '2024/25', { attendance: 93.2 }),
      drafts.risk(s1, 'amber', 'red', ['inspection grade 3']),
      drafts.staff(staff, s2, 'Grace Hopper'),
      drafts.role(staff, 'headteacher', s2),
      ...drafts.designation(designation, staff, s2, 40),
      drafts.agreement(agreement, s1, s2),
      drafts.agreed(agreement, staff),
      drafts.deployed(agreement, staff, 10, '2026/27'),
      drafts.enrolled(cohort, staff, s2, randomUUID()),
      drafts.nearBudget(randomUUID()),
    ];
    await producer.publish(trustId, events);
    await probe.caughtUp(gateway, events.length);
    const before = await tableSnapshot(gateway.get(DataSource));
    expect(Object.values(before).flat().length).toBeGreaterThan(events.length);
    const appliedAgain = await probe.redeliver(gateway);
    expect(appliedAgain).toEqual({ [READ_MODEL_CONSUMER]: 0 });
    expect(await tableSnapshot(gateway.get(DataSource))).toEqual(before);
  });
});
