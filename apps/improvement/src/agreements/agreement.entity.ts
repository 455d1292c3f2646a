import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';
import type { PriorityLink } from '../plans/priority-links';
import type { AgreementStatus, FundingSource, Responsibility } from './agreement';

/** A school-to-school support agreement; its parties, deployments, criteria, history, flags and spends are rows of their own. */
@Entity({ name: 'agreements' })
export class AgreementRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ type: 'text' }) status: AgreementStatus;
  @Column({ name: 'priority_areas', type: 'jsonb' }) priorityAreas: PriorityLink[];
  @Column({ type: 'jsonb' }) responsibilities: Responsibility[];
  @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Column({ name: 'ends_on', type: 'date' }) endsOn: string;
  @Column({ name: 'interim_reports_due', type: 'jsonb' }) interimReportsDue: string[];
  @Column({ name: 'final_report_due', type: 'date' }) finalReportDue: string;
  @Column({ name: 'funding_source', type: 'text' }) fundingSource: FundingSource;
  @Column({ name: 'funding_amount_pence', type: 'integer' }) fundingAmountPence: number;
  @Column({ name: 'funding_spent_pence', type: 'integer' }) fundingSpentPence: number;
  @Column({ name: 'qa_lead_id', type: 'uuid', nullable: true }) qaLeadId: string | null;
  @Column({ name: 'ended_reason', type: 'text', nullable: true }) endedReason: string | null;
  @VersionColumn() version: number;
}

@Entity({ name: 'agreement_schools' })
export class AgreementSchoolRow {
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @PrimaryColumn({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'text' }) side: 'supported' | 'supporting';
  @Column({ type: 'integer' }) position: number;
}

/** A designated leader deployed under an agreement, with their days (and optionally the split by academic year). */
@Entity({ name: 'deployments' })
export class DeploymentRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ name: 'leader_id', type: 'uuid' }) leaderId: string;
  @Column({ type: 'integer' }) days: number;
  @Column({ name: 'days_by_year', type: 'jsonb', nullable: true }) daysByYear: Record<string, number> | null;
}

@Entity({ name: 'impact_criteria' })
export class ImpactCriterionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) measure: string;
  @Column({ type: 'double precision' }) baseline: number;
  @Column({ type: 'double precision' }) target: number;
  @Column({ name: 'by_when', type: 'date' }) byWhen: string;
}

/** One step of an agreement's lifecycle: who moved it, when, and why (an early end). */
@Entity({ name: 'agreement_transitions' })
export class AgreementTransitionRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus: AgreementStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus: AgreementStatus;
  @Column({ name: 'actor_id', type: 'text' }) actorId: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'effective_on', type: 'date' }) effectiveOn: string;
  @Column({ type: 'timestamptz' }) at: Date;
}

/** Something about an agreement that needs the trust's attention (a deployed leader no longer designated, …). */
@Entity({ name: 'agreement_flags' })
export class AgreementFlagRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ name: 'staff_id', type: 'uuid', nullable: true }) staffId: string | null;
  @Column({ type: 'text' }) role: string;
  @Column({ type: 'text' }) cause: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt: Date;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'resolved_by', type: 'text', nullable: true }) resolvedBy: string | null;
}

@Entity({ name: 'funding_spends' })
export class FundingSpendRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ name: 'amount_pence', type: 'integer' }) amountPence: number;
  @Column({ name: 'spent_on', type: 'date' }) spentOn: string;
  @Column({ type: 'text' }) description: string;
}

/** A trust's own limits on support (the concurrent agreements one supporting school may take on). */
@Entity({ name: 'support_settings' })
export class SupportSettingsRow {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'max_concurrent_supporting', type: 'integer' }) maxConcurrentSupporting: number;
}
