import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CriterionJudgement, Judgement } from './judgement';
import type { ReportKind, ReportStatus } from './report';

/** An interim or final impact report of an agreement, one per date of its schedule. */
@Entity({ name: 'impact_reports' })
export class ImpactReportRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Column({ type: 'text' }) kind: ReportKind;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Column({ type: 'text' }) status: ReportStatus;
  @Column({ name: 'submitted_on', type: 'date', nullable: true }) submittedOn: string | null;
  @Column({ type: 'jsonb' }) judgements: CriterionJudgement[];
  @Column({ type: 'text', nullable: true }) overall: Judgement | null;
  @Column({ type: 'text', nullable: true }) narrative: string | null;
  @Column({ name: 'signed_off_by', type: 'uuid', nullable: true }) signedOffBy: string | null;
  @Column({ name: 'signed_off_on', type: 'date', nullable: true }) signedOffOn: string | null;
  @Column({ type: 'boolean' }) reminded: boolean;
  @Column({ name: 'flagged_overdue', type: 'boolean' }) flaggedOverdue: boolean;
}
