import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trace context of the request or event that recorded the row, sent on as the message's `traceparent` header. */
export class OutboxTraceparent1767000000000 implements MigrationInterface {
  name = 'OutboxTraceparent1767000000000';

  async up(q: QueryRunner): Promise<void> {
    // Nullable, no default: rows written before it (and work with no trace) simply carry none. No table rewrite.
    await q.query(`ALTER TABLE outbox_events ADD COLUMN traceparent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN traceparent`);
  }
}
