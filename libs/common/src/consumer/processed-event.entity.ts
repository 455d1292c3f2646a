import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The processed-events ledger: one row per (consumer group, event) written in the same transaction as
 * the handler's effect, so a redelivered event finds its row and changes nothing.
 */
@Entity({ name: 'processed_events' })
export class ProcessedEventEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text' })
  consumerGroup: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'trust_id', type: 'uuid' })
  trustId: string;

  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' })
  processedAt: Date;
}
