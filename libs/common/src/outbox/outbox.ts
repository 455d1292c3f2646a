import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EVENT_CATALOGUE, EventData, EventType } from '../events/catalogue';
import { Actor, EventEnvelope } from '../events/envelope';
import { PermanentEventError } from '../events/errors';
import { validateEventData } from '../events/parse-event';
import { topicName } from '../events/topics';
import { requestContext } from '../logging/request-context';
import { currentTraceparent } from '../tracing/tracing';
import { EventTooLargeError } from './event-too-large.error';

export const OUTBOX_CHANNEL = 'trustwide_outbox';

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
      eventId: randomUUID(),
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

  /** Stores many events in one statement (imports write thousands). */
  async recordMany(manager: EntityManager, items: OutboxItem[]): Promise<EventEnvelope[]> {
    if (items.length === 0) return [];
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.record must be called inside the transaction that makes the change');
    }
    const envelopes = items.map((item) => this.envelope(item.type, item as RecordEventInput<EventType>));
    const payloads = envelopes.map((e) => JSON.stringify(e));
    // Checked here, in the writer's transaction: an event the broker would refuse never enters the outbox.
    const sizes = payloads.map((p) => Buffer.byteLength(p));
    sizes.forEach((bytes, i) => {
      if (bytes > this.maxEventBytes) throw new EventTooLargeError(envelopes[i].type, bytes, this.maxEventBytes);
    });
    // One statement for any number of events (imports write thousands), one array per column; it also wakes
    // the relay as soon as the transaction commits (notifications are delivered on commit).
    await manager.query(
      `WITH inserted AS (
         INSERT INTO outbox_events (event_id, topic, message_key, event_type, trust_id, payload, payload_bytes, traceparent)
         SELECT e.id, e.topic, e.key, e.type, e.trust, e.payload, e.bytes, $8
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::jsonb[], $7::int[]) WITH ORDINALITY
           AS e(id, topic, key, type, trust, payload, bytes, position)
         ORDER BY e.position) -- ids follow the order given: that is the publishing order
       SELECT pg_notify($9, '')`,
      [
        envelopes.map((e) => e.eventId),
        envelopes.map((e) => topicName(this.topicPrefix, EVENT_CATALOGUE[e.type].topic)),
        envelopes.map((e) => e.aggregateId),
        envelopes.map((e) => e.type),
        envelopes.map((e) => e.trustId),
        payloads,
        sizes,
        // The request's or handled event's span: the relay sends it on, so consumers continue this trace.
        currentTraceparent() ?? null,
        OUTBOX_CHANNEL,
      ],
    );
    return envelopes;
  }
}

/** One event to record, typed by its catalogue entry. */
export type OutboxItem = { [T in EventType]: { type: T } & RecordEventInput<T> }[EventType];
