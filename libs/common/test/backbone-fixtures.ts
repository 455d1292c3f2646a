import { afterAll, beforeAll } from '@jest/globals';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Ctx, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  ConsumerContext,
  EventData,
  EventNotReadyError,
  OnEvent,
  ServiceConfig,
  ServiceOutbox,
  startConsumers,
  Topics,
  TrustwideModule,
} from '../src';
import { type TestEnvironment, withEnv } from '../src/testing';
import type { TrustwideEvent } from '../src';

/** The effect table of the test consumer: one row per applied event. */
export class CreateTestEffects1763800000001 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(`CREATE TABLE test_effects (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      event_id uuid NOT NULL,
      aggregate_id text NOT NULL,
      name text NOT NULL
    )`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE test_effects`);
  }
}

/** A projection as a real service would write one: a Nest event handler writing through `ctx.manager`. */
@Controller()
export class TestProjection {
  /** Names that make the handler fail as if the database hiccuped, for as many attempts as given. */
  failures = new Map<string, number>();
  /** Names whose handler meets a database that is restarting, as many times as given. */
  outages = new Map<string, number>();
  /** Names whose handler says what it needs has not arrived yet, until the test lets it through. */
  notReady = new Set<string>();

  @OnEvent('schools.school.registered', { consumer: 'backbone-test' })
  async onRegistered(@Payload() event: TrustwideEvent<'schools.school.registered'>, @Ctx() ctx: ConsumerContext) {
    if (this.notReady.has(event.data.school.name)) throw new EventNotReadyError(`${event.data.school.name} waits for another event`);
    const down = this.outages.get(event.data.school.name) ?? 0;
    if (down > 0) {
      this.outages.set(event.data.school.name, down - 1);
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    }
    const left = this.failures.get(event.data.school.name) ?? 0;
    if (left > 0) {
      this.failures.set(event.data.school.name, left - 1);
      throw new Error('simulated transient failure');
    }
    await ctx.manager.query(`INSERT INTO test_effects (event_id, aggregate_id, name) VALUES ($1, $2, $3)`, [
      event.eventId,
      event.aggregateId,
      event.data.school.name,
    ]);
  }
}

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'producer',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.schools],
    }),
  ],
})
export class ProducerAppModule {}

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'consumer',
      config: ServiceConfig,
      entities: [],
      migrations: [CreateTestEffects1763800000001],
      consumer: { group: 'backbone-test', topics: [Topics.schools], transactionBatchSize: 50 },
    }),
  ],
  controllers: [TestProjection],
})
export class ConsumerAppModule {}

export const TRUST_ID = '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';

export function schoolRegistered(name: string, schoolId: string = randomUUID()): EventData<'schools.school.registered'> {
  return {
    school: {
      schoolId,
      urn: 100000 + Math.floor(Math.random() * 800000),
      name,
      phase: 'primary',
      establishmentType: 'Academy converter',
      status: 'Open',
      localAuthorityCode: '201',
      localAuthority: 'City of London',
      street: null,
      town: 'London',
      postcode: 'EC3A 5DE',
      easting: 533498,
      northing: 181201,
      pupilsOnRoll: 276,
      capacity: 300,
      lowAge: 3,
      highAge: 11,
      membership: 'member',
      joinedTrustOn: '2020-09-01',
      leftTrustOn: null,
      joinRoute: 'converter',
      leadershipModel: 'A',
      predecessorUrn: null,
      openedOn: '2020-09-01',
      closedOn: null,
    },
  };
}

export async function effects(dataSource: DataSource): Promise<{ event_id: string; aggregate_id: string; name: string }[]> {
  return dataSource.query(`SELECT event_id, aggregate_id, name FROM test_effects ORDER BY id`);
}

/** Starts one of the test apps as `service` of the environment, its consumers running. */
export async function startApp(env: TestEnvironment, module: unknown, service: string): Promise<INestApplication> {
  return withEnv(env.env(service), async () => {
    const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await app.init();
    await startConsumers(app);
    return app;
  });
}

/**
 * The apps of a suite: a producer started before its tests (its database and outbox at hand), and the apps its tests
 * start, closed newest first after them before the suite's databases are dropped.
 */
export function suiteApps(env: TestEnvironment) {
  const apps: INestApplication[] = [];
  const suite = {
    producerDb: undefined as unknown as DataSource,
    outbox: undefined as unknown as ServiceOutbox,
    async start(module: unknown, service: string): Promise<INestApplication> {
      const app = await startApp(env, module, service);
      apps.push(app);
      return app;
    },
    /** Closes an app before the suite ends (a replica leaving). */
    async stop(app: INestApplication): Promise<void> {
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    },
  };
  beforeAll(async () => {
    const producer = await suite.start(ProducerAppModule, 'producer');
    suite.producerDb = producer.get(DataSource);
    suite.outbox = producer.get(ServiceOutbox);
  });
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await env.cleanup();
  });
  return suite;
}
