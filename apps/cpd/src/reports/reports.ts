import type { Cell } from './csv';
import type { EnrolmentStatus, WithdrawalReason } from '../enrolments/lifecycle';

/**
 * The CPD lead's reports, as pure aggregations over the service's own rows: take-up per school,
 * completion rates per programme, impact per programme. Each comes with its CSV header and rows.
 */

export interface EnrolmentFact {
  readonly staffId: string;
  readonly schoolId: string;
  readonly programmeCode: string;
  readonly status: EnrolmentStatus;
  readonly withdrawalReason: WithdrawalReason | null;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

// Take-up per school

export interface SchoolTakeUp {
  readonly schoolId: string;
  readonly schoolName: string;
  /** Distinct people who took a place (enrolled now, or completed or assessed). */
  readonly participants: number;
  readonly enrolled: number;
  readonly waitlisted: number;
  readonly completed: number;
  readonly withdrawn: number;
  /** Distinct programmes with at least one place taken. */
  readonly programmes: number;
}

const TOOK_PLACE: readonly EnrolmentStatus[] = ['enrolled', 'completed', 'passed', 'not-passed'];

/** Every school of the directory appears, with zeros when nobody took part: a gap in take-up is the point. */
export function takeUpPerSchool(
  facts: readonly EnrolmentFact[],
  schools: ReadonlyArray<{ schoolId: string; name: string }>,
): SchoolTakeUp[] {
  return schools
    .map(({ schoolId, name }) => {
      const mine = facts.filter((f) => f.schoolId === schoolId);
      const took = mine.filter((f) => TOOK_PLACE.includes(f.status));
      return {
        schoolId,
        schoolName: name,
        participants: new Set(took.map((f) => f.staffId)).size,
        enrolled: mine.filter((f) => f.status === 'enrolled').length,
        waitlisted: mine.filter((f) => f.status === 'waitlisted').length,
        completed: mine.filter((f) => f.status === 'completed' || f.status === 'passed' || f.status === 'not-passed').length,
        withdrawn: mine.filter((f) => f.status === 'withdrawn').length,
        programmes: new Set(took.map((f) => f.programmeCode)).size,
      };
    })
    .sort((a, b) => a.participants - b.participants || a.schoolName.localeCompare(b.schoolName));
}

export const TAKE_UP_HEADER = ['school_id', 'school', 'participants', 'enrolled', 'waitlisted', 'completed', 'withdrawn', 'programmes'];
export const takeUpRows = (rows: readonly SchoolTakeUp[]): Cell[][] =>
  rows.map((r) => [r.schoolId, r.schoolName, r.participants, r.enrolled, r.waitlisted, r.completed, r.withdrawn, r.programmes]);

// Completion rates

export interface CompletionRate {
  readonly programmeCode: string;
  /** Enrolments that reached an end: completed, assessed, or withdrawn by request or by leaving. */
  readonly finished: number;
  readonly completed: number;
  readonly withdrawnRequested: number;
  readonly withdrawnLeft: number;
  /** completed ÷ finished, one decimal; null before anyone finished. */
  readonly completionPercent: number | null;
  readonly assessed: number;
  readonly passed: number;
  readonly passPercent: number | null;
  /** Still holding a place (not counted in the rate). */
  readonly inProgress: number;
}

/**
 * A cancelled cohort's releases are the trust's decision, not the participants': they are left out
 * of completion rates, as are enrolments still in progress and people who only ever waited.
 */
export function completionRates(facts: readonly EnrolmentFact[]): CompletionRate[] {
  const codes = [...new Set(facts.map((f) => f.programmeCode))].sort();
  return codes.map((programmeCode) => {
    const mine = facts.filter((f) => f.programmeCode === programmeCode);
    const count = (p: (f: EnrolmentFact) => boolean) => mine.filter(p).length;
    const completed = count((f) => f.status === 'completed' || f.status === 'passed' || f.status === 'not-passed');
    const withdrawnRequested = count((f) => f.status === 'withdrawn' && f.withdrawalReason === 'requested');
    const withdrawnLeft = count((f) => f.status === 'withdrawn' && f.withdrawalReason === 'left-trust');
    const finished = completed + withdrawnRequested + withdrawnLeft;
    const assessed = count((f) => f.status === 'passed' || f.status === 'not-passed');
    const passed = count((f) => f.status === 'passed');
    return {
      programmeCode,
      finished,
      completed,
      withdrawnRequested,
      withdrawnLeft,
      completionPercent: pct(completed, finished),
      assessed,
      passed,
      passPercent: pct(passed, assessed),
      inProgress: count((f) => f.status === 'enrolled'),
    };
  });
}

export const COMPLETION_HEADER = [
  'programme',
  'finished',
  'completed',
  'withdrawn_requested',
  'withdrawn_left_trust',
  'completion_percent',
  'assessed',
  'passed',
  'pass_percent',
  'in_progress',
];
export const completionRows = (rows: readonly CompletionRate[]): Cell[][] =>
  rows.map((r) => [
    r.programmeCode,
    r.finished,
    r.completed,
    r.withdrawnRequested,
    r.withdrawnLeft,
    r.completionPercent,
    r.assessed,
    r.passed,
    r.passPercent,
    r.inProgress,
  ]);

// Impact per programme

export interface EvaluationFact {
  readonly programmeCode: string;
  readonly measure: string;
  readonly before: string;
  readonly after: string;
  readonly schoolsMeasured: number;
  readonly meanChange: number | null;
  readonly improvedIn: number | null;
  readonly feedbackResponses: number;
  readonly meanOverall: number | null;
  readonly recommendPercent: number | null;
}

/** One row per programme and evaluated measure, programmes in code order, newest comparison first. */
export function impactPerProgramme(facts: readonly EvaluationFact[]): EvaluationFact[] {
  return [...facts].sort(
    (a, b) => a.programmeCode.localeCompare(b.programmeCode) || b.after.localeCompare(a.after) || a.measure.localeCompare(b.measure),
  );
}

export const IMPACT_HEADER = [
  'programme',
  'measure',
  'before',
  'after',
  'schools_measured',
  'mean_change',
  'improved_in',
  'feedback_responses',
  'mean_overall_rating',
  'recommend_percent',
];
export const impactRows = (rows: readonly EvaluationFact[]): Cell[][] =>
  rows.map((r) => [
    r.programmeCode,
    r.measure,
    r.before,
    r.after,
    r.schoolsMeasured,
    r.meanChange,
    r.improvedIn,
    r.feedbackResponses,
    r.meanOverall,
    r.recommendPercent,
  ]);
