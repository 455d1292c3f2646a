import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parking for rows the broker refuses for good (see OutboxRelay), and each row's size so the relay can
 * pick a batch under its byte budget without reading the payloads it will not send.
 */
export class OutboxParking1764900000000 implements MigrationInterface {
  name = 'OutboxParking1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events ADD COLUMN parked_at timestamptz, ADD COLUMN payload_bytes int`);
    // The relay skips an aggregate with a parked row ahead of it: this finds those rows at once.
    await q.query(
      `CREATE INDEX outbox_events_parked ON outbox_events (topic, message_key, id) WHERE parked_at IS NOT NULL AND sent_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_events_parked`);
    await q.query(`ALTER TABLE outbox_events DROP COLUMN parked_at, DROP COLUMN payload_bytes`);
  }
}
