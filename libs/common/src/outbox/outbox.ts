import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EVENT_CATALOGUE, EventData, EventType } from '../events/catalogue';
import { Actor, EventEnvelope } from '../events/envelope';
import { newEventId } from '../events/event-id';
import { PermanentEventError } from '../events/errors';
import { validateEventData } from '../events/parse-event';
import { topicName } from '../events/topics';
import { requestContext } from '../logging/request-context';
import { collectUntilCommit } from '../database/transaction';
import { currentTraceparent } from '../tracing/tracing';
import { EventTooLargeError } from './event-too-large.error';

export const OUTBOX_CHANNEL = 'trustwide_outbox';

/** At most this many events of a transaction wait for its end; more are written at once (see `recordMany`). */
const DEFERRED_ROWS_MAX = 1_000;

/** EVENT_MAX_BYTES's default: well below the broker's message.max.bytes (1 MiB by default). */
export const DEFAULT_EVENT_MAX_BYTES = 262_144;

export interface RecordEventInput<T extends EventType> {
  trustId: string;
  aggregateId: string;
  data: EventData<T>;
  /** Defaults to the request's or handled event's actor, else this service. */
  actor?: Actor;
  occurredAt?: Date;
}

/**
 * Writes events into the transactional outbox. Call it with the EntityManager of the transaction that
 * makes the change, so the change and its events commit or roll back together.
 */
export class Outbox {
  constructor(
    private readonly source: string,
    private readonly topicPrefix: string,
    /** Largest envelope (JSON, bytes) recorded; a larger one is refused with an EventTooLargeError (a 413). */
    private readonly maxEventBytes: number = DEFAULT_EVENT_MAX_BYTES,
  ) {}

  /** Builds the envelope for an event (validated against its contract) without storing it. */
  envelope<T extends EventType>(type: T, input: RecordEventInput<T>): EventEnvelope<T, EventData<T>> {
    const def = EVENT_CATALOGUE[type];
    const problems = validateEventData(type, input.data);
    // Our own code produced a payload that breaks its contract: a bug, never something to publish.
    if (problems.length > 0) throw new PermanentEventError('invalid-data', `refusing to publish ${type}: ${problems.join('; ')}`);
    const ctx = requestContext.current();
    return {
      eventId: newEventId(),
      type,
      version: def.version,
      trustId: input.trustId,
      aggregateType: def.aggregateType,
      aggregateId: input.aggregateId,
      occurredAt: (input.occurredAt ?? new Date()).toISOString(),
      correlationId: ctx?.correlationId ?? randomUUID(),
      causationId: ctx?.causationId ?? null,
      actor: input.actor ?? ctx?.actor ?? { kind: 'service', id: this.source },
      source: this.source,
      data: input.data,
    };
  }

  async record<T extends EventType>(manager: EntityManager, type: T, input: RecordEventInput<T>): Promise<EventEnvelope<T, EventData<T>>> {
    const [envelope] = await this.recordMany(manager, [{ type, ...input } as OutboxItem]);
    return envelope as EventEnvelope<T, EventData<T>>;
  }

  /**
   * Stores many events. In a transaction `inTransaction` runs (every write of the services), they are written with
   * the transaction's other events in one statement just before it commits (`collectUntilCommit`); otherwise now, in
   * one statement. Either way they are checked now: an event that breaks its contract or is too large fails here.
   */
  async recordMany(manager: EntityManager, items: OutboxItem[]): Promise<EventEnvelope[]> {
    if (items.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.record must be called inside the transaction that makes the change');
    }
    const envelopes = items.map((item) => this.envelope(item.type, item as RecordEventInput<EventType>));
    // The request's or handled event's span: the relay sends it on, so consumers continue this trace.
    const traceparent = currentTraceparent() ?? null;
    const rows = envelopes.map((envelope): OutboxRow => {
      const payload = JSON.stringify(envelope);
      return { envelope, payload, bytes: Buffer.byteLength(payload), traceparent };
    });
    // Checked here, in the writer's transaction: an event the broker would refuse never enters the outbox.
    for (const row of rows)
      if (row.bytes > this.maxEventBytes) throw new EventTooLargeError(row.envelope.type, row.bytes, this.maxEventBytes);
    const waiting = collectUntilCommit<OutboxRow>(manager, this, (collected) => this.insert(manager, collected));
    if (!waiting) {
      await this.insert(manager, rows);
      return envelopes;
    }
    waiting.push(...rows);
    // An import records thousands: they go in as they reach a thousand, not all in one statement at the end.
    if (waiting.length >= DEFERRED_ROWS_MAX) await this.insert(manager, waiting.splice(0));
    return envelopes;
  }

  /** One statement for any number of events, one array per column; it also wakes the relay once they commit. */
  private async insert(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox_events (event_id, topic, message_key, event_type, trust_id, payload, payload_bytes, traceparent)
         SELECT e.id, e.topic, e.key, e.type, e.trust, e.payload, e.bytes, e.traceparent
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[], $7::int[], $8::text[]) WITH ORDINALITY
           AS e(id, topic, key, type, trust, payload, bytes, traceparent, position)
         ORDER BY e.position) -- ids follow the order given: that is the publishing order
       SELECT pg_notify($9, '')`,
      [
        rows.map((r) => r.envelope.eventId),
        rows.map((r) => topicName(this.topicPrefix, EVENT_CATALOGUE[r.envelope.type as EventType].topic)),
        rows.map((r) => r.envelope.aggregateId),
        rows.map((r) => r.envelope.type),
        rows.map((r) => r.envelope.trustId),
        rows.map((r) => r.payload),
        rows.map((r) => r.bytes),
        rows.map((r) => r.traceparent),
        OUTBOX_CHANNEL,
      ],
    );
  }
}

/** An event ready for the outbox: its envelope, as JSON and its size, and the span that recorded it. */
interface OutboxRow {
  envelope: EventEnvelope;
  payload: string;
  bytes: number;
  traceparent: string | null;
}

/** One event to record, typed by its catalogue entry. */
export type OutboxItem = { [T in EventType]: { type: T } & RecordEventInput<T> }[EventType];
