import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { ActionStatus, PlanStatus } from './plan';
import type { PriorityLink } from './priority-links';

/** A school's improvement plan for one academic year (one live per school and year). */
@Entity({ name: 'plans' })
export class PlanRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'academic_year', type: 'text' }) academicYear: string;
  @Column({ type: 'text' }) status: PlanStatus;
  /** The day the scheduled run announced it at risk; cleared when it no longer is, so a relapse is announced again. */
  @Column({ name: 'at_risk_since', type: 'date', nullable: true }) atRiskSince: string | null;
  @VersionColumn() version: number;
}

@Entity({ name: 'priorities' })
export class PriorityRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'jsonb' }) link: PriorityLink;
}

@Entity({ name: 'actions' })
export class ActionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'plan_id', type: 'uuid' }) planId: string;
  @Column({ name: 'priority_id', type: 'uuid' }) priorityId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) status: ActionStatus;
  @Column({ type: 'jsonb' }) evidence: string[];
  /** The day the scheduled run flagged it past due (once per due date). */
  @Column({ name: 'overdue_flagged_on', type: 'date', nullable: true }) overdueFlaggedOn: string | null;
}
