import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model's own processed-events ledger, `rm_processed_events`, keyed by the event alone: a rebuild fills a
 * copy beside it and the swap renames it with the model's other tables (moving every row of the rebuild's group to
 * the live one in the shared `processed_events` took most of a swap at England scale). The live group's rows move
 * here; a rebuild's leftover rows are dropped (a rebuild does not survive a restart).
 */
export class ReadModelLedger1767000000000 implements MigrationInterface {
  name = 'ReadModelLedger1767000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_processed_events (
      event_id uuid PRIMARY KEY, event_type text NOT NULL, trust_id uuid NOT NULL, processed_at timestamptz NOT NULL DEFAULT now())`);
    // The group carries the deployment's topic prefix: matched by its end.
    await q.query(`INSERT INTO rm_processed_events (event_id, event_type, trust_id, processed_at)
      SELECT event_id, event_type, trust_id, processed_at FROM processed_events WHERE consumer_group LIKE '%gateway.read-model'`);
    await q.query(
      `DELETE FROM processed_events WHERE consumer_group LIKE '%gateway.read-model' OR consumer_group LIKE '%gateway.read-model.rebuild'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Back under the group's unprefixed name (a deployment with KAFKA_TOPIC_PREFIX renames them by hand).
    await q.query(`INSERT INTO processed_events (consumer_group, event_id, event_type, trust_id, processed_at)
      SELECT 'gateway.read-model', event_id, event_type, trust_id, processed_at FROM rm_processed_events`);
    await q.query(`DROP TABLE rm_processed_events`);
  }
}
