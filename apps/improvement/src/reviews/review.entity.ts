import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReviewKind, ReviewStatus } from './review';

@Entity({ name: 'reviews' })
export class ReviewRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'text' }) kind: ReviewKind;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId: string;
  @Column({ name: 'commissioned_on', type: 'date' }) commissionedOn: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) status: ReviewStatus;
  @Column({ name: 'completed_on', type: 'date', nullable: true }) completedOn: string | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
}

/** A trained reviewer of the trust and the kinds of review they are trained for. */
@Entity({ name: 'reviewers' })
export class ReviewerRow {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ name: 'trained_for', type: 'jsonb' }) trainedFor: ReviewKind[];
}
