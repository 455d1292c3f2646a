import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff list imports: each job with its progress, counts and first row errors. */
export class PeopleStaffImports1763900000300 implements MigrationInterface {
  name = 'PeopleStaffImports1763900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_import_jobs (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        file_name text,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'interrupted')),
        total_bytes bigint NOT NULL,
        processed_bytes bigint NOT NULL,
        rows_read integer NOT NULL,
        created integer NOT NULL,
        updated integer NOT NULL,
        unchanged integer NOT NULL,
        error_count integer NOT NULL,
        errors jsonb NOT NULL,
        message text,
        owner text NOT NULL,
        heartbeat_at timestamptz NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX staff_import_jobs_trust ON staff_import_jobs (trust_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_import_jobs`);
  }
}
