import { daysBetween, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural, type Refusal } from '../shared/refusal';
import type { AgreementStatus, SupportAgreement } from '../agreements/agreement';
import { judgeCriterion, overallJudgement, type CriterionJudgement, type Judgement } from './judgement';

/**
 * Interim and final impact reports, one per date in the agreement's schedule. A report is due,
 * then submitted (every criterion measured, judged by the rule in judgement.ts, with a narrative);
 * the final report is then signed off by the QA lead and nobody else. A report past its due date
 * and not submitted is overdue: the service's daily run flags it once, without a request.
 */

export const REPORT_KINDS = ['interim', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['due', 'submitted', 'signed-off'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Days before a report's due date that its authors are told it is due (a trust may set its own). */
export const DEFAULT_REPORT_REMINDER_DAYS = 14;

export interface ImpactReport {
  readonly id: string;
  readonly agreementId: string;
  readonly kind: ReportKind;
  /** 1, 2, … for interim reports in date order; 0 for the final. */
  readonly sequence: number;
  readonly dueOn: IsoDate;
  readonly status: ReportStatus;
  readonly submittedOn: IsoDate | null;
  readonly judgements: readonly CriterionJudgement[];
  readonly overall: Judgement | null;
  readonly narrative: string | null;
  readonly signedOffBy: string | null;
  /** Whether the reminder and the overdue flag have been announced, so each is announced once. */
  readonly reminded: boolean;
  readonly flaggedOverdue: boolean;
}

/** The reports an agreement's schedule asks for; `idFor` gives each its id (the service passes uuids). */
export function scheduledReports(
  agreement: Pick<SupportAgreement, 'id' | 'schedule'>,
  idFor: (kind: ReportKind, sequence: number) => string = (kind, sequence) =>
    `${agreement.id}:${kind === 'final' ? 'final' : `interim-${sequence}`}`,
): ImpactReport[] {
  const blank = {
    agreementId: agreement.id,
    status: 'due',
    submittedOn: null,
    judgements: [],
    overall: null,
    narrative: null,
    signedOffBy: null,
    reminded: false,
    flaggedOverdue: false,
  } as const;
  return [
    ...agreement.schedule.interimReportsDue.map((dueOn, i) => ({
      ...blank,
      id: idFor('interim', i + 1),
      kind: 'interim' as const,
      sequence: i + 1,
      dueOn,
    })),
    { ...blank, id: idFor('final', 0), kind: 'final' as const, sequence: 0, dueOn: agreement.schedule.finalReportDue },
  ];
}

export type ReportDecision =
  { readonly ok: true; readonly report: ImpactReport } | { readonly ok: false; readonly refusals: readonly Refusal[] };

export interface Submission {
  /** Measured value per criterion id. */
  readonly measured: Readonly<Record<string, number>>;
  readonly narrative: string;
  readonly today: IsoDate;
}

const reportName = (r: Pick<ImpactReport, 'kind' | 'sequence'>): string =>
  r.kind === 'final' ? 'the final report' : `interim report ${r.sequence}`;

export function submitReport(
  report: ImpactReport,
  agreement: Pick<SupportAgreement, 'impact' | 'status'>,
  submission: Submission,
): ReportDecision {
  const refusals: Refusal[] = [];
  if (report.status !== 'due') refusals.push({ rule: 'status', message: `${capitalise(reportName(report))} is already ${report.status}.` });
  if (agreement.status !== 'active') {
    refusals.push({ rule: 'agreement', message: `Reports are submitted for active support; this agreement is ${agreement.status}.` });
  }
  for (const c of agreement.impact) {
    const value = submission.measured[c.id];
    if (typeof value !== 'number' || !Number.isFinite(value))
      refusals.push({ rule: 'measured', message: `No measured value for "${c.measure}".` });
  }
  for (const id of Object.keys(submission.measured)) {
    if (!agreement.impact.some((c) => c.id === id))
      refusals.push({ rule: 'measured', message: `"${id}" is not a criterion of this agreement.` });
  }
  if (submission.narrative.trim() === '')
    refusals.push({ rule: 'narrative', message: 'A report needs a narrative of what was done and what changed.' });
  if (refusals.length > 0) return { ok: false, refusals };
  const judgements = agreement.impact.map((c) => judgeCriterion(c, submission.measured[c.id]));
  return {
    ok: true,
    report: {
      ...report,
      status: 'submitted',
      submittedOn: submission.today,
      judgements,
      overall: overallJudgement(judgements.map((j) => j.judgement)),
      narrative: submission.narrative.trim(),
    },
  };
}

export function signOff(report: ImpactReport, agreement: Pick<SupportAgreement, 'qaLeadId'>, actorId: string): ReportDecision {
  if (report.kind !== 'final')
    return { ok: false, refusals: [{ rule: 'kind', message: `Only the final report is signed off; ${reportName(report)} is not.` }] };
  if (report.status !== 'submitted')
    return {
      ok: false,
      refusals: [{ rule: 'status', message: `The final report is ${report.status}: only a submitted report can be signed off.` }],
    };
  if (!agreement.qaLeadId || actorId !== agreement.qaLeadId)
    return { ok: false, refusals: [{ rule: 'qa-lead', message: 'Only the agreement’s QA lead can sign off the final report.' }] };
  return { ok: true, report: { ...report, status: 'signed-off', signedOffBy: actorId } };
}

export const isReportOverdue = (report: Pick<ImpactReport, 'status' | 'dueOn'>, today: IsoDate): boolean =>
  report.status === 'due' && report.dueOn < today;

/** Agreements whose reports are still expected. */
const REPORTING_STATUSES: readonly AgreementStatus[] = ['agreed', 'active'];

export interface ReportRun {
  readonly due: ReadonlyArray<{ id: string; dueOn: IsoDate; daysLeft: number }>;
  readonly overdue: ReadonlyArray<{ id: string; dueOn: IsoDate; daysOverdue: number; message: string }>;
}

/** What the daily run announces: reminders within the window and newly overdue reports, each once. */
export function planReportRun(
  reports: readonly (ImpactReport & { agreementStatus: AgreementStatus })[],
  today: IsoDate,
  reminderDays = DEFAULT_REPORT_REMINDER_DAYS,
): ReportRun {
  if (!Number.isInteger(reminderDays) || reminderDays < 0)
    throw new Error(`the reminder window must be a whole number of days ≥ 0, not ${reminderDays}`);
  const due: ReportRun['due'][number][] = [];
  const overdue: ReportRun['overdue'][number][] = [];
  for (const r of reports) {
    if (!REPORTING_STATUSES.includes(r.agreementStatus) || r.status !== 'due') continue;
    if (isReportOverdue(r, today)) {
      if (!r.flaggedOverdue) {
        const daysOverdue = daysBetween(r.dueOn, today);
        overdue.push({
          id: r.id,
          dueOn: r.dueOn,
          daysOverdue,
          message: `${capitalise(reportName(r))} was due on ${formatDate(r.dueOn)} and has not been submitted (${plural(daysOverdue, 'day')} overdue).`,
        });
      }
      continue;
    }
    const daysLeft = daysBetween(today, r.dueOn);
    if (daysLeft <= reminderDays && !r.reminded) due.push({ id: r.id, dueOn: r.dueOn, daysLeft });
  }
  return { due, overdue };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
