import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { configureHttp, startConsumers } from '@trustwide/common';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule } from '../src/app.module';
import { STAFF_IMPORT_UPLOADS } from '../src/staff-imports/staff-imports.controller';
import type { LatestInspection } from '../src/designations/inspection-standing';

/** The people service as it runs, on the suite's own database and topics. */
export async function startPeopleApp(
  env: TestEnvironment,
  extra: Record<string, string> = {},
  options: { consumers?: boolean } = {},
): Promise<INestApplication> {
  return withEnv(env.env('people', extra), async () => {
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
    configureHttp(app, { streamedBodies: STAFF_IMPORT_UPLOADS });
    await app.init();
    // Without consumers a suite puts what they would keep in place itself (knowSchool).
    if (options.consumers) await startConsumers(app);
    return app;
  });
}

/**
 * Puts a school in what people's consumers keep (the shared directory's row, its latest inspection) as
 * they would from the schools service's events; schools-backbone.e2e-spec.ts drives the real consumers.
 */
export async function knowSchool(
  app: INestApplication,
  trustId: string,
  schoolId: string,
  inspection?: LatestInspection,
  urn?: number,
): Promise<void> {
  const db = app.get(DataSource);
  urn ??= 100000 + (parseInt(schoolId.slice(0, 7), 16) % 900000);
  await db.query(
    `INSERT INTO school_directory (trust_id, school_id, urn, name, phase, membership, as_of) VALUES ($1, $2, $3, $4, 'primary', 'member', now())
     ON CONFLICT (trust_id, school_id) DO UPDATE SET membership = 'member'`,
    [trustId, schoolId, urn, `School ${urn}`],
  );
  if (inspection) {
    await db.query(
      `INSERT INTO school_inspections (inspection_id, trust_id, school_id, start_date, inspection, as_of) VALUES ($1, $2, $3, $4, $5::jsonb, now())`,
      [randomUUID(), trustId, schoolId, inspection.startDate, JSON.stringify(inspection)],
    );
  }
}
