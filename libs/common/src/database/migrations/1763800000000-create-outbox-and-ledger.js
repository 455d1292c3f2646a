"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateOutboxAndLedger1763800000000 = void 0;
/** The backbone's own tables, in every service's database. */
class CreateOutboxAndLedger1763800000000 {
    name = 'CreateOutboxAndLedger1763800000000';
    async up(q) {
        await q.query(`
      CREATE TABLE outbox_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_type text NOT NULL,
        trust_id uuid NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
        await q.query(`CREATE INDEX outbox_events_unsent ON outbox_events (id) WHERE sent_at IS NULL`);
        await q.query(`CREATE INDEX outbox_events_sent_at ON outbox_events (sent_at) WHERE sent_at IS NOT NULL`);
        await q.query(`
      CREATE TABLE processed_events (
        consumer_group text NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        trust_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer_group, event_id)
      )`);
    }
    async down(q) {
        await q.query(`DROP TABLE processed_events`);
        await q.query(`DROP TABLE outbox_events`);
    }
}
exports.CreateOutboxAndLedger1763800000000 = CreateOutboxAndLedger1763800000000;
//# sourceMappingURL=1763800000000-create-outbox-and-ledger.js.map