import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { configureHttp } from '@trustwide/common';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule } from '../src/app.module';
import type { LatestInspection } from '../src/designations/inspection-standing';
import { KnownSchools } from '../src/school-directory/school-directory';

/** The people service as it runs, on the suite's own database and topics. */
export async function startPeopleApp(env: TestEnvironment, extra: Record<string, string> = {}): Promise<INestApplication> {
  return withEnv(env.env('people', extra), async () => {
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
    configureHttp(app);
    await app.init();
    return app;
  });
}

/** What the school directory consumer will do on schools.school.joined-trust and schools.inspection.recorded. */
export async function knowSchool(app: INestApplication, trustId: string, schoolId: string, inspection?: LatestInspection): Promise<void> {
  const schools = app.get(KnownSchools);
  await app.get(DataSource).transaction(async (m) => {
    await schools.record(m, { trustId, schoolId, member: true });
    if (inspection) await schools.recordInspection(m, trustId, schoolId, inspection);
  });
}
