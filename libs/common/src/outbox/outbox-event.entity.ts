import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event waiting to be published (or published, until pruned). Written in the same transaction
 * as the state change it announces; the relay publishes rows in `id` order.
 */
@Entity({ name: 'outbox_events' })
@Index('outbox_events_unsent', ['id'], { where: 'sent_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid', unique: true })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'trust_id', type: 'uuid' })
  trustId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Set when the broker refused the row for good; the relay leaves it (and its aggregate's later rows) until resent. */
  @Column({ name: 'parked_at', type: 'timestamptz', nullable: true })
  parkedAt: Date | null;

  /** Size of the payload's JSON when recorded (null for rows older than the column). */
  @Column({ name: 'payload_bytes', type: 'int', nullable: true })
  payloadBytes: number | null;

  /** W3C trace context of the work that recorded it; sent as the message's `traceparent` header. */
  @Column({ type: 'text', nullable: true })
  traceparent: string | null;
}
