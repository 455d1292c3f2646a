import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DesignationType } from './designation-types';
import type { Decider, DesignationAction, DesignationStatus } from './lifecycle';

/** A designation (SLE, LLE, NLE, …) of one member of staff, with its current term. */
@Entity({ name: 'designations' })
export class DesignationRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ type: 'text' }) type: DesignationType;
  @Column({ type: 'jsonb' }) specialisms: string[];
  @Column({ type: 'text' }) status: DesignationStatus;
  /** The employing school when applying: the school that commits to release the leader. */
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'term_starts_on', type: 'date', nullable: true }) termStartsOn: string | null;
  @Column({ name: 'term_ends_on', type: 'date', nullable: true }) termEndsOn: string | null;
  @Column({ name: 'release_days_per_year', type: 'integer', nullable: true }) releaseDaysPerYear: number | null;
  @Column({ name: 'renewal_flagged_for', type: 'date', nullable: true }) renewalFlaggedFor: string | null;
  /** Evidence given at the last approval or renewal (free text: erased with the person). */
  @Column({ type: 'text', nullable: true }) outcomes: string | null;
  @Column({ name: 'support_record', type: 'text', nullable: true }) supportRecord: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One step of a designation's history: what moved it, why, who decided and when. */
@Entity({ name: 'designation_transitions' })
export class DesignationTransitionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'designation_id', type: 'uuid' }) designationId: string;
  /** Order within the designation (0 = the application). */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) action: DesignationAction | 'apply';
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: DesignationStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: DesignationStatus;
  /** Free text (can be personal): replaced by "[erased]" on erasure. */
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'decided_by_kind', type: 'text' }) decidedByKind: Decider['kind'];
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
  @Column({ name: 'effective_on', type: 'date' }) effectiveOn: string;
}

/** The employing school's written commitment to release the leader, accepted at approval or renewal. */
@Entity({ name: 'release_commitments' })
export class ReleaseCommitmentRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'designation_id', type: 'uuid' }) designationId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'days_per_year', type: 'integer' }) daysPerYear: number;
  /** Who signed for the school (a user id of the school, not the leader's personal data). */
  @Column({ name: 'signed_by', type: 'text' }) signedBy: string;
  @Column({ name: 'signed_on', type: 'date' }) signedOn: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
