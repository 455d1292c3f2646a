// The inspection areas are the shared contracts' vocabulary (no imports of its own), so the web and the services agree.
import { OEIF_AREAS, REPORT_CARD_AREAS } from '../../../../libs/common/src/events/vocabularies';
/** The improvement service's support agreements as the support page reads them (only the fields it uses). */

export const AGREEMENT_STATUSES = ['draft', 'agreed', 'active', 'ended', 'completed'];

export interface ImpactReport {
  id: string;
  agreementId: string;
  kind: 'interim' | 'final';
  sequence: number;
  dueOn: string;
  status: 'due' | 'submitted' | 'signed-off';
  overdue: boolean;
  submittedOn: string | null;
  judgements: { criterionId: string; measured: number; judgement: string; explanation: string }[];
  overall: string | null;
  narrative: string | null;
  signedOffBy: string | null;
  signedOffOn: string | null;
}

export interface SupportAgreement {
  id: string;
  status: string;
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  deployments: { id: string; leaderId: string; days: number; daysByYear: Record<string, number> }[];
  responsibilities: { party: string; text: string }[];
  impact: { id: string; measure: string; baseline: number; target: number; byWhen: string }[];
  schedule: { startsOn: string; endsOn: string; interimReportsDue: string[]; finalReportDue: string };
  funding: { source: string; amountPence: number; spentPence: number; remainingPence: number };
  qaLeadId: string | null;
  endedReason: string | null;
  version: number;
  openFlags?: number;
  flags?: { id: string; staffId: string | null; as: string; cause: string; reason: string; raisedAt: string; resolvedAt: string | null }[];
  history?: { action: string; from: string | null; to: string; by: string; reason: string | null; effectiveOn: string; at: string }[];
  spends?: { id: string; amountPence: number; spentOn: string; description: string }[];
  reports?: ImpactReport[];
}

export interface FundingSource {
  source: string;
  agreements: number;
  amountPence: number;
  spentPence: number;
  remainingPence: number;
}

/** Names for the ids an agreement holds; a role that cannot read staff sees a short id instead. */
export interface Names {
  school: (id: string) => string;
  person: (id: string | null) => string;
}

export const reportName = (r: Pick<ImpactReport, 'kind' | 'sequence'>) =>
  r.kind === 'final' ? 'Final report' : `Interim report ${r.sequence}`;

/** The improvement service's funding sources (apps/improvement/src/agreements/agreement.ts). */
export const FUNDING_SOURCES = ['strategic-improvement-fund', 'trust-budget', 'local-authority', 'dfe-grant', 'other'];

/** Priority areas an agreement may name, one framework's area each (never compared across frameworks). */
export const PRIORITY_AREAS = [
  ...OEIF_AREAS.map((a) => ({ value: `oeif:${a}`, label: `OEIF: ${a.replace(/-/g, ' ')}` })),
  ...REPORT_CARD_AREAS.map((a) => ({ value: `report-card:${a}`, label: `Report card: ${a.replace(/-/g, ' ')}` })),
];
