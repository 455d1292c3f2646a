import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CALLER_HEADER,
  configureHttp,
  EventConsumerService,
  SCHOOL_DIRECTORY_CONSUMER,
  ServiceConfig,
  ServiceOutbox,
  startConsumers,
  Topics,
  TrustwideModule,
} from '@trustwide/common';
import type { EventData, EventType } from '@trustwide/common';
import { TestCallerKeys, testCallerKeys, TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule } from '../src/app.module';
import { PEOPLE_CONSUMER } from '../src/leaders/people.handlers';

/** Stands in for the gateway's keys: the app verifies caller tokens signed with them (requests without one still pass). */
const callers: Promise<TestCallerKeys> = testCallerKeys();

/**
 * The header of a caller signed in with an account linked to staff record `staffId` (the QA lead approving, a
 * reviewer completing): those steps take the actor from the caller token, never from the body.
 */
export async function asStaff(trustId: string, staffId: string): Promise<Record<string, string>> {
  return { [CALLER_HEADER]: await (await callers).mint({ trustId, roles: ['qa-lead'], staffId }) };
}

/** The improvement service as it runs (HTTP, its consumers, its scheduled run), on the suite's own database and topics. */
export async function startImprovementApp(env: TestEnvironment, extra: Record<string, string> = {}): Promise<INestApplication> {
  const { jwks } = await callers;
  return withEnv(env.env('improvement', { IMPROVEMENT_SCHEDULE_INTERVAL_MS: '0', GATEWAY_JWKS: jwks, ...extra }), async () => {
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
    configureHttp(app);
    await app.init();
    await startConsumers(app);
    const consumers = app.get(EventConsumerService);
    await consumers.get(PEOPLE_CONSUMER).joined;
    await consumers.get(SCHOOL_DIRECTORY_CONSUMER).joined;
    return app;
  });
}

/**
 * Stands in for the people and schools services on the broker: it publishes their events through a
 * real outbox and relay, so the improvement service learns schools and leaders only as it would in
 * production, from events.
 */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'producer',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.people, Topics.schools],
    }),
  ],
})
class ProducerModule {}

export class Producer {
  private constructor(readonly app: INestApplication) {}

  static async start(env: TestEnvironment): Promise<Producer> {
    return withEnv(env.env('producer'), async () => {
      const ref = await Test.createTestingModule({ imports: [ProducerModule] }).compile();
      const app = ref.createNestApplication({ logger: ['error'] });
      await app.init();
      return new Producer(app);
    });
  }

  async publish(trustId: string, events: { type: EventType; aggregateId: string; data: unknown }[]): Promise<void> {
    const outbox = this.app.get(ServiceOutbox);
    await this.app.get(DataSource).transaction(async (m) => {
      for (const e of events)
        await outbox.record(m, e.type, { trustId, aggregateId: e.aggregateId, data: e.data as EventData<typeof e.type> });
    });
  }

  /** A member school of the trust with its GIAS coordinates. */
  async school(trustId: string, name: string, easting = 533498, northing = 181201): Promise<string> {
    const schoolId = randomUUID();
    await this.publish(trustId, [
      {
        type: 'schools.school.registered',
        aggregateId: schoolId,
        data: {
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
            town: null,
            postcode: null,
            easting,
            northing,
            pupilsOnRoll: 276,
            capacity: 300,
            lowAge: 3,
            highAge: 11,
            membership: 'member',
            joinedTrustOn: '2015-09-01',
            leftTrustOn: null,
            joinRoute: 'converter',
            leadershipModel: 'A',
            predecessorUrn: null,
            openedOn: null,
            closedOn: null,
          },
        },
      },
    ]);
    return schoolId;
  }

  /** A member of staff employed at `schoolId`. */
  async staff(trustId: string, schoolId: string, role?: { role: string; schoolIds: string[] }): Promise<string> {
    const staffId = randomUUID();
    await this.publish(trustId, [
      { type: 'people.staff.joined', aggregateId: staffId, data: { staffId, schoolId, displayName: 'A Leader', joinedOn: '2015-09-01' } },
      ...(role?.schoolIds ?? []).map((s) => ({
        type: 'people.role.started' as const,
        aggregateId: staffId,
        data: { staffId, roleId: randomUUID(), role: role!.role, schoolId: s, startedOn: '2020-09-01' },
      })),
    ]);
    return staffId;
  }

  /** A designation applied for, approved with `releaseDays` a year over a four-year term from `termStartsOn`, and activated. */
  async designate(
    trustId: string,
    staffId: string,
    schoolId: string,
    type: 'lle' | 'nle' | 'sle',
    releaseDays: number,
    termStartsOn: string,
    termEndsOn: string,
  ): Promise<string> {
    const designationId = randomUUID();
    const base = { designationId, staffId, designationType: type, effectiveOn: termStartsOn };
    await this.publish(trustId, [
      {
        type: 'people.designation.applied',
        aggregateId: designationId,
        data: { designationId, staffId, designationType: type, specialisms: [], schoolId },
      },
      {
        type: 'people.designation.approved',
        aggregateId: designationId,
        data: { ...base, from: 'applied', to: 'approved', termStartsOn, termEndsOn, releaseDaysPerYear: releaseDays },
      },
      { type: 'people.designation.activated', aggregateId: designationId, data: { ...base, from: 'approved', to: 'active' } },
    ]);
    return designationId;
  }

  async revoke(trustId: string, staffId: string, designationId: string, type: 'lle' | 'nle' | 'sle', effectiveOn: string): Promise<void> {
    await this.publish(trustId, [
      {
        type: 'people.designation.revoked',
        aggregateId: designationId,
        data: { designationId, staffId, designationType: type, from: 'active', to: 'revoked', effectiveOn },
      },
    ]);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}
