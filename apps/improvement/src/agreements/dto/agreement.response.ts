import type { PriorityLink } from '../../plans/priority-links';
import type { ImpactReportRow } from '../../impact-reports/impact-report.entity';
import type { AgreementFlagRow, AgreementTransitionRow, FundingSpendRow } from '../agreement.entity';
import type { LoadedAgreement } from '../agreement.store';
import { splitDaysByYear } from '../../deployments/capacity';

export interface DeploymentResponse {
  id: string;
  leaderId: string;
  days: number;
  daysByYear: Record<string, number>;
}

export interface FlagResponse {
  id: string;
  staffId: string | null;
  as: string;
  cause: string;
  reason: string;
  raisedAt: string;
  resolvedAt: string | null;
}

export interface ImpactReportResponse {
  id: string;
  agreementId: string;
  kind: string;
  sequence: number;
  dueOn: string;
  status: string;
  overdue: boolean;
  submittedOn: string | null;
  judgements: { criterionId: string; measured: number; progress: number; judgement: string; explanation: string }[];
  overall: string | null;
  narrative: string | null;
  signedOffBy: string | null;
  signedOffOn: string | null;
}

export interface AgreementResponse {
  id: string;
  trustId: string;
  status: string;
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  deployments: DeploymentResponse[];
  priorityAreas: PriorityLink[];
  responsibilities: { party: string; text: string }[];
  impact: { id: string; measure: string; baseline: number; target: number; byWhen: string }[];
  schedule: { startsOn: string; endsOn: string; interimReportsDue: string[]; finalReportDue: string };
  funding: { source: string; amountPence: number; spentPence: number; remainingPence: number };
  qaLeadId: string | null;
  endedReason: string | null;
  version: number;
  /** On GET /agreements/:id, and on lists as a count. */
  openFlags?: number;
  flags?: FlagResponse[];
  history?: { action: string; from: string | null; to: string; by: string; reason: string | null; effectiveOn: string; at: string }[];
  spends?: { id: string; amountPence: number; spentOn: string; description: string }[];
  reports?: ImpactReportResponse[];
}

export const mapFlag = (f: AgreementFlagRow): FlagResponse => ({
  id: f.id,
  staffId: f.staffId,
  as: f.role,
  cause: f.cause,
  reason: f.reason,
  raisedAt: f.raisedAt.toISOString(),
  resolvedAt: f.resolvedAt ? f.resolvedAt.toISOString() : null,
});

export function mapReport(r: ImpactReportRow, today: string): ImpactReportResponse {
  return {
    id: r.id,
    agreementId: r.agreementId,
    kind: r.kind,
    sequence: r.sequence,
    dueOn: r.dueOn,
    status: r.status,
    overdue: r.status === 'due' && r.dueOn < today,
    submittedOn: r.submittedOn,
    judgements: r.judgements.map((j) => ({ ...j })),
    overall: r.overall,
    narrative: r.narrative,
    signedOffBy: r.signedOffBy,
    signedOffOn: r.signedOffOn,
  };
}

export interface AgreementDetail {
  flags?: AgreementFlagRow[];
  history?: AgreementTransitionRow[];
  spends?: FundingSpendRow[];
  reports?: ImpactReportRow[];
  openFlags?: number;
  today?: string;
}

export function mapAgreement({ row, agreement: a, deployments }: LoadedAgreement, detail: AgreementDetail = {}): AgreementResponse {
  return {
    id: a.id,
    trustId: a.trustId,
    status: a.status,
    supportedSchoolIds: [...a.supportedSchoolIds],
    supportingSchoolIds: [...a.supportingSchoolIds],
    deployments: deployments.map((d) => ({
      id: d.id,
      leaderId: d.leaderId,
      days: d.days,
      daysByYear: splitDaysByYear(
        { leaderId: d.leaderId, days: d.days, ...(d.daysByYear ? { daysByYear: d.daysByYear } : {}) },
        a.schedule.startsOn,
        a.schedule.endsOn,
      ),
    })),
    priorityAreas: [...a.priorityAreas],
    responsibilities: a.responsibilities.map((r) => ({ party: r.party, text: r.text })),
    impact: a.impact.map((c) => ({ ...c })),
    schedule: { ...a.schedule, interimReportsDue: [...a.schedule.interimReportsDue] },
    funding: {
      source: a.funding.source,
      amountPence: a.funding.amountPence,
      spentPence: row.fundingSpentPence,
      remainingPence: a.funding.amountPence - row.fundingSpentPence,
    },
    qaLeadId: a.qaLeadId,
    endedReason: a.endedReason,
    version: row.version,
    ...(detail.openFlags !== undefined ? { openFlags: detail.openFlags } : {}),
    ...(detail.flags ? { flags: detail.flags.map(mapFlag) } : {}),
    ...(detail.history
      ? {
          history: detail.history.map((h) => ({
            action: h.action,
            from: h.fromStatus,
            to: h.toStatus,
            by: h.actorId,
            reason: h.reason,
            effectiveOn: h.effectiveOn,
            at: h.at.toISOString(),
          })),
        }
      : {}),
    ...(detail.spends
      ? { spends: detail.spends.map((s) => ({ id: s.id, amountPence: s.amountPence, spentOn: s.spentOn, description: s.description })) }
      : {}),
    ...(detail.reports ? { reports: detail.reports.map((r) => mapReport(r, detail.today ?? '')) } : {}),
  };
}
