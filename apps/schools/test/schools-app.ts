import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configureHttp, parseCsvText } from '@trustwide/common';
import { TestEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule } from '../src/app.module';
import { IMPORT_UPLOADS } from '../src/imports/imports.controller';

/** The schools service as it runs, on the suite's own database and topics. */
export async function startSchoolsApp(env: TestEnvironment, extraEnv: Record<string, string> = {}): Promise<INestApplication> {
  return withEnv(env.env('schools', extraEnv), async () => {
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = ref.createNestApplication({ logger: ['error'], bodyParser: false });
    configureHttp(app, { streamedBodies: IMPORT_UPLOADS });
    await app.init();
    return app;
  });
}

export const GIAS_DIR = join(process.cwd(), '..', 'shared', 'data', 'gias');
export const giasSample = (name = 'edubasealldata-sample-99.csv') => readFileSync(join(GIAS_DIR, name));

/** The sample extract as header + rows, to craft variants of it. */
export function giasSampleTable(): { header: string[]; rows: string[][] } {
  const records = parseCsvText(new TextDecoder('windows-1252').decode(giasSample()));
  return { header: records[0].fields, rows: records.slice(1).map((r) => r.fields) };
}

export function toCsv(header: string[], rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
