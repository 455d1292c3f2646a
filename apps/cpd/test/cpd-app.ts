import { INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  configureHttp,
  ServiceConfig,
  ServiceOutbox,
  startConsumers,
  Topics,
  TrustwideModule,
  type MeasureName,
  type StaffRole,
} from '@trustwide/common';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule } from '../src/app.module';

/** The CPD service as it runs (its consumers started), on the suite's own database and topics. */
export async function startCpdApp(env: TestEnvironment, extra: Record<string, string> = {}): Promise<INestApplication> {
  return withEnv(env.env('cpd', extra), async () => {
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
    configureHttp(app);
    await app.init();
    await startConsumers(app);
    return app;
  });
}

/**
 * Stands in for the people service on the wire: a service named `people` whose outbox and relay put
 * real `people.*` events on the suite's people topic, as the people service does.
 */
@Module({
  imports: [
    TrustwideModule.forService({ service: 'people', config: ServiceConfig, entities: [], migrations: [], publishes: [Topics.people] }),
  ],
})
class PeopleProducerModule {}

export class PeopleProducer {
  constructor(readonly app: INestApplication) {}

  static async start(env: TestEnvironment): Promise<PeopleProducer> {
    const app = await withEnv(env.env('people'), async () => {
      const ref = await Test.createTestingModule({ imports: [PeopleProducerModule] }).compile();
      const a = ref.createNestApplication({ logger: ['error'] });
      await a.init();
      return a;
    });
    return new PeopleProducer(app);
  }

  private record<T extends 'people.staff.joined' | 'people.staff.left' | 'people.role.started' | 'people.staff.moved'>(
    trustId: string,
    staffId: string,
    type: T,
    data: never,
  ): Promise<void> {
    const outbox = this.app.get(ServiceOutbox);
    return this.app.get(DataSource).transaction(async (m) => {
      await outbox.record(m, type, { trustId, aggregateId: staffId, data });
    });
  }

  /** A member of staff joins a school in a role (two events, as the people service announces them). */
  async join(trustId: string, schoolId: string, role: StaffRole = 'teacher', startedOn = '2015-09-01'): Promise<string> {
    const staffId = randomUUID();
    const outbox = this.app.get(ServiceOutbox);
    await this.app.get(DataSource).transaction(async (m) => {
      await outbox.record(m, 'people.staff.joined', {
        trustId,
        aggregateId: staffId,
        data: { staffId, schoolId, displayName: 'Staff Member', joinedOn: startedOn },
      });
      await outbox.record(m, 'people.role.started', {
        trustId,
        aggregateId: staffId,
        data: { staffId, roleId: randomUUID(), role, schoolId, startedOn },
      });
    });
    return staffId;
  }

  leave(trustId: string, staffId: string, schoolId: string, leftOn: string): Promise<void> {
    return this.record(trustId, staffId, 'people.staff.left', { staffId, schoolId, leftOn } as never);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

@Module({
  imports: [
    TrustwideModule.forService({ service: 'schools', config: ServiceConfig, entities: [], migrations: [], publishes: [Topics.schools] }),
  ],
})
class SchoolsProducerModule {}

/** Stands in for the schools service: announces a school's measures for a period. */
export class SchoolsProducer {
  constructor(readonly app: INestApplication) {}

  static async start(env: TestEnvironment): Promise<SchoolsProducer> {
    const app = await withEnv(env.env('schools'), async () => {
      const ref = await Test.createTestingModule({ imports: [SchoolsProducerModule] }).compile();
      const a = ref.createNestApplication({ logger: ['error'] });
      await a.init();
      return a;
    });
    return new SchoolsProducer(app);
  }

  measures(
    trustId: string,
    schoolId: string,
    urn: number,
    period: string,
    measures: Array<{ name: MeasureName; value: number }>,
  ): Promise<void> {
    const outbox = this.app.get(ServiceOutbox);
    return this.app.get(DataSource).transaction(async (m) => {
      await outbox.record(m, 'schools.measures.recorded', { trustId, aggregateId: schoolId, data: { schoolId, urn, period, measures } });
    });
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** What the school directory consumer writes on schools.school.registered (the schools service is not under test here). */
export async function knowSchool(app: INestApplication, trustId: string, schoolId: string, name: string, urn: number): Promise<void> {
  await app
    .get(DataSource)
    .query(
      `INSERT INTO school_directory (trust_id, school_id, urn, name, phase, membership, as_of) VALUES ($1, $2, $3, $4, 'primary', 'member', now())`,
      [trustId, schoolId, urn, name],
    );
}

/**
 * Many staff at once, as the staff consumer records them from people.staff.joined and role.started:
 * fixtures for the concurrency tests and the benchmark, where 1,000 people arriving through Kafka is not what is measured.
 */
export async function knowStaff(
  app: INestApplication,
  trustId: string,
  schoolId: string,
  count: number,
  role: StaffRole = 'teacher',
): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await app
    .get(DataSource)
    .query(`INSERT INTO staff (staff_id, trust_id, school_id) SELECT unnest($1::uuid[]), $2, $3`, [ids, trustId, schoolId]);
  await app
    .get(DataSource)
    .query(
      `INSERT INTO staff_roles (role_id, trust_id, staff_id, role, school_id, started_on) SELECT gen_random_uuid(), $2, s, $3, $4, '2015-09-01' FROM unnest($1::uuid[]) s`,
      [ids, trustId, role, schoolId],
    );
  return ids;
}

/** A programme for the tests: `places` irrelevant, no prerequisites unless given. */
export const programmeBody = (code: string, extra: object = {}) => ({
  code,
  kind: 'trust',
  name: `Programme ${code}`,
  provider: 'Trust CPD team',
  fundingSource: 'trust-cpd-budget',
  costPerPlacePence: 50_000,
  skills: ['data-analysis'],
  lengthMonths: 6,
  assessed: false,
  awardsQualification: false,
  ...extra,
});
