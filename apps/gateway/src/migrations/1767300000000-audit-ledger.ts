import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model's audit trail becomes its ledger: the consumer writes each event's audit row as it records the run
 * (`ON CONFLICT (event_id) DO NOTHING RETURNING event_id` tells it which events are new), so `rm_processed_events`, a
 * second row per event in the same transaction, goes. `processed_at` keeps when each event was applied (taken from
 * the ledger for the rows it still had). The audit trail is never pruned, so the ledger forgets nothing.
 */
export class AuditLedger1767300000000 implements MigrationInterface {
  name = 'AuditLedger1767300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_audit ADD COLUMN processed_at timestamptz`);
    await q.query(`UPDATE rm_audit a SET processed_at = p.processed_at FROM rm_processed_events p WHERE p.event_id = a.event_id`);
    await q.query(`ALTER TABLE rm_audit ALTER COLUMN processed_at SET DEFAULT now()`);
    await q.query(`DROP TABLE rm_processed_events`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_processed_events (
      event_id uuid PRIMARY KEY, event_type text NOT NULL, trust_id uuid NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO rm_processed_events (event_id, event_type, trust_id, processed_at)
      SELECT event_id, type, trust_id, coalesce(processed_at, occurred_at) FROM rm_audit`);
    await q.query(`ALTER TABLE rm_audit DROP COLUMN processed_at`);
  }
}
