import { formatDate, isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import { ProblemList, type FieldProblem } from '../shared/refusal';
import { linkProblems, type PriorityLink } from '../plans/priority-links';

/**
 * A written school-to-school support agreement, as the teaching-school seed describes it: the
 * supported school(s), the supporting school(s) and the system leaders deployed with their days;
 * the priority areas; each party's responsibilities; the intended impact with measurable evidence
 * (measure, baseline, target, by when); a schedule of interim and final impact reports; the funding
 * (source and amount); and an independent QA lead who agrees it before support starts.
 */

export const AGREEMENT_STATUSES = ['draft', 'agreed', 'active', 'completed', 'ended'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** Statuses in which an agreement commits its leaders' days and its schools' capacity. */
export const COMMITTING_STATUSES: readonly AgreementStatus[] = ['agreed', 'active'];
/** Statuses in which something can still go wrong with a deployed leader (flagging applies). */
export const LIVE_STATUSES: readonly AgreementStatus[] = ['draft', 'agreed', 'active'];

export const FUNDING_SOURCES = ['strategic-improvement-fund', 'trust-budget', 'local-authority', 'dfe-grant', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const PARTIES = ['supported', 'supporting', 'qa-lead', 'trust'] as const;
export type Party = (typeof PARTIES)[number];

export interface Deployment {
  /** Staff id of the designated leader. */
  readonly leaderId: string;
  /** Days over the whole agreement. */
  readonly days: number;
  /**
   * Optional split of `days` by academic year (`2026/27: 12`), when the agreement says how the days
   * fall; otherwise they are split pro rata (see deployments/capacity.ts).
   */
  readonly daysByYear?: Readonly<Record<string, number>>;
}

export interface ImpactCriterion {
  readonly id: string;
  /** What is measured: a school measure name or a described measure ("KS2 reading at expected standard, %"). */
  readonly measure: string;
  readonly baseline: number;
  readonly target: number;
  readonly byWhen: IsoDate;
}

export interface Responsibility {
  readonly party: Party;
  readonly text: string;
}

export interface Schedule {
  readonly startsOn: IsoDate;
  readonly endsOn: IsoDate;
  readonly interimReportsDue: readonly IsoDate[];
  readonly finalReportDue: IsoDate;
}

export interface AgreementFunding {
  readonly source: FundingSource;
  /** In pence, so sums are exact. */
  readonly amountPence: number;
}

export interface SupportAgreement {
  readonly id: string;
  readonly trustId: string;
  readonly status: AgreementStatus;
  readonly supportedSchoolIds: readonly string[];
  readonly supportingSchoolIds: readonly string[];
  readonly deployments: readonly Deployment[];
  readonly priorityAreas: readonly PriorityLink[];
  readonly responsibilities: readonly Responsibility[];
  readonly impact: readonly ImpactCriterion[];
  readonly schedule: Schedule;
  readonly funding: AgreementFunding;
  /** Staff id of the independent QA lead (an LLE from neither side). */
  readonly qaLeadId: string | null;
  /** Why it ended early, when it did. */
  readonly endedReason: string | null;
}

const duplicates = (ids: readonly string[]): string[] => [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];

/**
 * Problems with an agreement as a whole, per field (the 4xx `errors`). `complete` asks whether it
 * is ready to be agreed: a draft may still lack deployments, impact, responsibilities or a QA lead,
 * but what it does say must already be consistent.
 */
export function agreementProblems(a: SupportAgreement, { complete }: { complete: boolean }): FieldProblem[] {
  const p = new ProblemList();

  // Schools: each side named, once, and never on both sides.
  if (a.supportedSchoolIds.length === 0) p.add('supportedSchoolIds', 'an agreement supports at least one school');
  if (a.supportingSchoolIds.length === 0) p.add('supportingSchoolIds', 'an agreement needs at least one supporting school');
  for (const id of duplicates(a.supportedSchoolIds)) p.add('supportedSchoolIds', `school ${id} is listed twice`);
  for (const id of duplicates(a.supportingSchoolIds)) p.add('supportingSchoolIds', `school ${id} is listed twice`);
  for (const id of a.supportedSchoolIds.filter((s) => a.supportingSchoolIds.includes(s))) {
    p.add('supportingSchoolIds', `school ${id} cannot be both supported and supporting in one agreement`);
  }

  // Deployments: each leader once, whole positive days, a by-year split that adds up.
  if (complete && a.deployments.length === 0) p.add('deployments', 'an agreement deploys at least one system leader');
  for (const id of duplicates(a.deployments.map((d) => d.leaderId)))
    p.add('deployments', `leader ${id} is deployed twice; give them one deployment with all their days`);
  a.deployments.forEach((d, i) => {
    if (!Number.isInteger(d.days) || d.days < 1) p.add(`deployments.${i}.days`, `days must be a whole number of at least 1, not ${d.days}`);
    if (d.daysByYear) {
      const values = Object.values(d.daysByYear);
      const sum = values.reduce((s, v) => s + v, 0);
      if (values.some((v) => !Number.isInteger(v) || v < 0))
        p.add(`deployments.${i}.daysByYear`, 'days in a year must be whole numbers of at least 0');
      else if (sum !== d.days) p.add(`deployments.${i}.daysByYear`, `the days by year add up to ${sum}, not the ${d.days} days deployed`);
    }
  });

  // Priority areas.
  if (complete && a.priorityAreas.length === 0) p.add('priorityAreas', 'an agreement names at least one priority area');
  a.priorityAreas.forEach((link, i) => linkProblems(link).forEach((problem) => p.add(`priorityAreas.${i}`, problem)));

  // Responsibilities: both sides say what they will do.
  a.responsibilities.forEach((r, i) => {
    if (r.text.trim() === '') p.add(`responsibilities.${i}.text`, 'a responsibility needs a description');
  });
  if (complete) {
    for (const party of ['supported', 'supporting'] as const) {
      if (!a.responsibilities.some((r) => r.party === party && r.text.trim() !== ''))
        p.add('responsibilities', `the ${party} school's responsibilities are not set out`);
    }
  }

  // Schedule: start < end; interim reports inside the support; final report at or after the end.
  const s = a.schedule;
  const datesValid = [s.startsOn, s.endsOn, s.finalReportDue, ...s.interimReportsDue].every(isIsoDate);
  if (!datesValid) {
    p.add('schedule', 'every date must be a real date as YYYY-MM-DD');
  } else {
    if (s.endsOn <= s.startsOn)
      p.add('schedule.endsOn', `the support must end after it starts (${formatDate(s.startsOn)}), not on ${formatDate(s.endsOn)}`);
    if (s.finalReportDue < s.endsOn)
      p.add(
        'schedule.finalReportDue',
        `the final report is due on or after the end of the support (${formatDate(s.endsOn)}), not ${formatDate(s.finalReportDue)}`,
      );
    s.interimReportsDue.forEach((due, i) => {
      if (due <= s.startsOn || due >= s.endsOn) {
        p.add(
          `schedule.interimReportsDue.${i}`,
          `an interim report falls during the support (after ${formatDate(s.startsOn)} and before ${formatDate(s.endsOn)}), not on ${formatDate(due)}`,
        );
      } else if (i > 0 && due <= s.interimReportsDue[i - 1]) {
        p.add(
          `schedule.interimReportsDue.${i}`,
          `interim reports are listed in date order, each after the one before (${formatDate(s.interimReportsDue[i - 1])})`,
        );
      }
    });
    if (complete && s.interimReportsDue.length === 0)
      p.add('schedule.interimReportsDue', 'the schedule needs at least one interim impact report');
  }

  // Impact: measurable, with a direction, judged by the final report.
  if (complete && a.impact.length === 0) p.add('impact', 'an agreement states its intended impact with at least one measurable criterion');
  a.impact.forEach((c, i) => {
    if (c.measure.trim() === '') p.add(`impact.${i}.measure`, 'a criterion names what is measured');
    if (!Number.isFinite(c.baseline) || !Number.isFinite(c.target)) p.add(`impact.${i}`, 'baseline and target are numbers');
    else if (c.baseline === c.target)
      p.add(`impact.${i}.target`, `the target must differ from the baseline (${c.baseline}), or there is nothing to measure`);
    if (!isIsoDate(c.byWhen)) p.add(`impact.${i}.byWhen`, 'by when is a date as YYYY-MM-DD');
    else if (datesValid && (c.byWhen <= s.startsOn || c.byWhen > s.finalReportDue)) {
      p.add(
        `impact.${i}.byWhen`,
        `the evidence is due after the support starts and by the final report (${formatDate(s.finalReportDue)}), not ${formatDate(c.byWhen)}`,
      );
    }
  });

  // Funding.
  if (!(FUNDING_SOURCES as readonly string[]).includes(a.funding.source))
    p.add('funding.source', `the source must be one of ${FUNDING_SOURCES.join(', ')}`);
  if (!Number.isInteger(a.funding.amountPence) || a.funding.amountPence < 0)
    p.add('funding.amountPence', 'the amount is a whole number of pence, at least 0');

  // QA lead: named before it is agreed (independence is checked against the people projection: qa-independence.ts).
  if (complete && !a.qaLeadId) p.add('qaLeadId', 'an independent QA lead must be named before the agreement is agreed');

  return p.list;
}
