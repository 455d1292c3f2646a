import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  EventConsumerService,
  SCHOOL_DIRECTORY_CONSUMER,
  SCHOOL_DIRECTORY_ENTITIES,
  SCHOOL_DIRECTORY_MIGRATIONS,
  SchoolDirectory,
  SchoolDirectoryModule,
  ServiceConfig,
  startConsumers,
  topicName,
  Topics,
  TrustwideModule,
} from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader, withEnv } from '@trustwide/common/testing';
import { startSchoolsApp } from '../../../apps/schools/test/schools-app';

/** Another service that keeps a school directory, as people, improvement, cpd and the gateway will. */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'directory-test',
      config: ServiceConfig,
      entities: [...SCHOOL_DIRECTORY_ENTITIES],
      migrations: [...SCHOOL_DIRECTORY_MIGRATIONS],
    }),
    SchoolDirectoryModule.forConsumer(),
  ],
})
class DirectoryTestAppModule {}

/**
 * The school directory against the real broker and database: the real schools service announces, another
 * app's directory follows; a relay batch delivered twice changes nothing; a reset rebuilds the same table.
 */
describe('school directory', () => {
  const env = testEnvironment('directory');
  const brokers = env.env('x').KAFKA_BROKERS;
  let schools: INestApplication;
  let directoryApp: INestApplication;
  let directoryDb: DataSource;
  let directory: SchoolDirectory;
  let topic: TopicReader;
  let trustId: string;
  const http = () => request(schools.getHttpServer());
  const consumer = () => directoryApp.get(EventConsumerService).get(SCHOOL_DIRECTORY_CONSUMER);
  const table = () => directoryDb.query(`SELECT * FROM school_directory ORDER BY trust_id, urn`);

  beforeAll(async () => {
    schools = await startSchoolsApp(env);
    directoryApp = await withEnv(env.env('directory'), async () => {
      const ref = await Test.createTestingModule({ imports: [DirectoryTestAppModule] }).compile();
      const app = ref.createNestApplication({ logger: ['error'] });
      await app.init();
      await startConsumers(app);
      return app;
    });
    directoryDb = directoryApp.get(DataSource);
    directory = directoryApp.get(SchoolDirectory);
    topic = await readTopic(brokers, topicName(env.topicPrefix, Topics.schools));
    await consumer().joined;
    trustId = (await http().post('/trusts').send({ name: 'Fenland Directory Trust', groupUid: '7001' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await topic?.stop();
    await directoryApp?.close();
    await schools?.close();
    await env.cleanup();
  });

  it('follows registration, profile changes, leaving, joining and risk into its own table', async () => {
    await http()
      .post(`/trusts/${trustId}/schools`)
      .send({
        urn: 140101,
        name: 'Wisbech Primary',
        phase: 'primary',
        localAuthorityCode: '873',
        localAuthority: 'Cambridgeshire',
        leadershipModel: 'A',
        joinedTrustOn: '2015-09-01',
        joinRoute: 'converter',
      })
      .expect(201);
    await http()
      .post(`/trusts/${trustId}/schools`)
      .send({
        urn: 140102,
        name: 'March Academy',
        phase: 'secondary',
        leadershipModel: 'B',
        joinedTrustOn: '2012-09-01',
        joinRoute: 'sponsored',
      })
      .expect(201);
    const [registered] = await expectEventually(async () => {
      const found = await directory.schoolsOfTrust(trustId);
      expect(found.map((s) => s.urn)).toEqual([140102, 140101]);
      return found.filter((s) => s.urn === 140101);
    });
    expect(registered).toMatchObject({
      trustId,
      name: 'Wisbech Primary',
      phase: 'primary',
      membership: 'member',
      joinedTrustOn: '2015-09-01',
      leadershipModel: 'A',
      location: { localAuthorityCode: '873', localAuthority: 'Cambridgeshire' },
      risk: { level: null, reasons: [] },
    });

    await http().patch(`/trusts/${trustId}/schools/140101`).send({ name: 'Wisbech C of E Primary', leadershipModel: 'C' }).expect(200);
    await http().post(`/trusts/${trustId}/schools/140102/leave`).send({ leftOn: '2024-08-31', reason: 'Transferred' }).expect(201);
    await http().post(`/trusts/${trustId}/schools/140102/join`).send({ joinedOn: '2025-09-01', route: 'transfer' }).expect(201);
    await http().post(`/trusts/${trustId}/schools/140101/leave`).send({ leftOn: '2025-12-31' }).expect(201);
    await http()
      .post(`/trusts/${trustId}/schools/140102/inspections`)
      .send({
        framework: 'oeif',
        inspectionNumber: '10300001',
        startDate: '2025-03-01',
        overallEffectiveness: 4,
        categoryOfConcern: 'special-measures',
        safeguarding: 'effective',
        judgements: [{ area: 'quality-of-education', grade: '4' }],
      })
      .expect(201);

    await expectEventually(async () => {
      const wisbech = await directory.byUrn(trustId, 140101);
      expect(wisbech).toMatchObject({
        name: 'Wisbech C of E Primary',
        leadershipModel: 'C',
        membership: 'former-member',
        leftTrustOn: '2025-12-31',
      });
      const march = await directory.byUrn(trustId, 140102);
      expect(march).toMatchObject({ membership: 'member', joinedTrustOn: '2025-09-01', leftTrustOn: null, risk: { level: 'red' } });
      expect(march!.risk.reasons.length).toBeGreaterThan(0);
    });
    expect((await directory.schoolsOfTrust(trustId)).map((s) => s.urn)).toEqual([140102]);
    expect((await directory.schoolsOfTrust(trustId, { membership: 'any' })).map((s) => s.urn).sort()).toEqual([140101, 140102]);
    const march = (await directory.byUrn(trustId, 140102))!;
    expect(await directory.get(trustId, march.schoolId)).toEqual(march);
  });

  it('changes nothing when the relay delivers the same batch again (same event ids, after a crash)', async () => {
    const before = await table();
    const stats = consumer().stats;
    const duplicates = stats.duplicates;
    // What the relay sent, exactly (key, value, headers), as it would send it again after a kill -9.
    const sent = topic.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
    const relevant = topic.events().filter((e) => e.type.startsWith('schools.school.') || e.type === 'schools.risk-status.changed').length;
    expect(relevant).toBeGreaterThan(5);
    const producer = new Kafka({ clientId: 'test-redelivery', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      await producer.send({ topic: topicName(env.topicPrefix, Topics.schools), acks: -1, messages: sent });
    } finally {
      await producer.disconnect();
    }
    await expectEventually(() => expect(stats.duplicates).toBe(duplicates + relevant));
    expect(await table()).toEqual(before);
  });

  it('rebuilds the same table from the log after a reset', async () => {
    const before = await table();
    const service = directoryApp.get(EventConsumerService);
    await service.reset(SCHOOL_DIRECTORY_CONSUMER);
    await expectEventually(async () => expect(await table()).toEqual(before), { timeoutMs: 60_000 });
    const [{ rows }] = await directoryDb.query(`SELECT count(*)::int AS rows FROM processed_events WHERE consumer_group = $1`, [
      consumer().options.groupId,
    ]);
    expect(rows).toBeGreaterThan(5);
    const [description] = await service.describe();
    expect(description).toMatchObject({
      name: SCHOOL_DIRECTORY_CONSUMER,
      group: `${env.topicPrefix}directory-test.school-directory`,
      joined: true,
      paused: [],
      refused: null,
    });
    expect(description.deadLetterTopic).toBe(`${env.topicPrefix}trustwide.dlq.directory-test.school-directory`);
  });
});
