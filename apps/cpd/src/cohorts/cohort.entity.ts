import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Session } from './cohort';

/**
 * A cohort. Its row is locked (SELECT … FOR UPDATE) while a seat is decided, and `nextArrival`
 * numbers requests in the order they were decided: the waitlist's order.
 */
@Entity({ name: 'cohorts' })
export class CohortRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @Column('integer') places: number;
  @Column('jsonb') sessions: Session[];
  @Column({ name: 'first_session', type: 'date' }) firstSession: string;
  @Column({ name: 'last_session', type: 'date' }) lastSession: string;
  @Column({ name: 'venue_school_id', type: 'uuid', nullable: true }) venueSchoolId: string | null;
  @Column({ name: 'venue_name', type: 'text', nullable: true }) venueName: string | null;
  @Column({ name: 'facilitator_ids', type: 'uuid', array: true }) facilitatorIds: string[];
  @Column('text') status: 'scheduled' | 'cancelled';
  @Column({ name: 'next_arrival', type: 'integer', default: 1 }) nextArrival: number;
  @Column({ name: 'cancelled_on', type: 'date', nullable: true }) cancelledOn: string | null;
  /** Kept here only: it can be personal (a facilitator's illness), so events do not carry it. */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column('integer') version: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
