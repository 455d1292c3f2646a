import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EnrolmentStatus, WithdrawalReason } from './lifecycle';

/** One person's request for a place in a cohort, and where it went. */
@Entity({ name: 'enrolments' })
export class EnrolmentRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'cohort_id', type: 'uuid' }) cohortId: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  /** The person's school when they asked (take-up per school). */
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'commission_id', type: 'uuid', nullable: true }) commissionId: string | null;
  @Column('text') status: EnrolmentStatus;
  /** The cohort's request number: the waitlist's order. */
  @Column('integer') arrival: number;
  @Column({ name: 'withdrawal_reason', type: 'text', nullable: true }) withdrawalReason: WithdrawalReason | null;
  @Column({ name: 'charged_pence', type: 'integer', default: 0 }) chargedPence: number;
  @Column({ name: 'changed_on', type: 'date' }) changedOn: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}
