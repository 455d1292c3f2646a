import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which instance runs an import and when it last said so, so replicas can tell a dead import from a live one. */
export class ImportJobHeartbeat1763800000200 implements MigrationInterface {
  name = 'ImportJobHeartbeat1763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_jobs ADD COLUMN owner text, ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX import_jobs_active ON import_jobs (heartbeat_at) WHERE status IN ('queued', 'running')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX import_jobs_active`);
    await q.query(`ALTER TABLE import_jobs DROP COLUMN owner, DROP COLUMN heartbeat_at`);
  }
}
