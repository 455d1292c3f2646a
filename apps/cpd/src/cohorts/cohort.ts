import { addDays, addMonths, formatDate, isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import type { Programme } from '../programmes/lifecycle';

/**
 * A cohort: one run of a programme on dates, at a venue, with facilitators (staff, often SLEs) and a
 * fixed number of places. Its sessions are in date order, one a day, and all fall within the
 * programme's length from the first session.
 */

export type Venue = { readonly kind: 'school'; readonly schoolId: string } | { readonly kind: 'elsewhere'; readonly name: string };

export interface Session {
  readonly date: IsoDate;
  readonly title: string;
}

export interface CohortPlan {
  readonly programmeCode: string;
  readonly places: number;
  readonly sessions: readonly Session[];
  readonly venue: Venue;
  /** Staff ids of the facilitators. */
  readonly facilitatorIds: readonly string[];
}

/** A cohort larger than this is a lecture, not a cohort (the seeds' largest runs were 66 over three cohorts). */
export const MAX_PLACES = 200;
export const MAX_SESSIONS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** The last day a cohort of `programme` starting on `firstSession` may meet. */
export const lastAllowedDay = (programme: Pick<Programme, 'length'>, firstSession: IsoDate): IsoDate =>
  addDays(addMonths(firstSession, programme.length.months), -1);

export const firstSession = (plan: Pick<CohortPlan, 'sessions'>): IsoDate => plan.sessions[0].date;
export const lastSession = (plan: Pick<CohortPlan, 'sessions'>): IsoDate => plan.sessions[plan.sessions.length - 1].date;

/** Everything wrong with scheduling `plan` for `programme` on `today` (empty when it may be scheduled). */
export function cohortProblems(plan: CohortPlan, programme: Programme, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (programme.code !== plan.programmeCode) add('programmeCode', `the plan is for ${plan.programmeCode}, not ${programme.code}`);
  if (programme.status !== 'published')
    add('programmeCode', `${programme.code} is ${programme.status}: only a published programme gets new cohorts`);
  if (!Number.isInteger(plan.places) || plan.places < 1 || plan.places > MAX_PLACES)
    add('places', `places must be a whole number from 1 to ${MAX_PLACES}; it is ${plan.places}`);

  if (plan.sessions.length === 0) add('sessions', 'a cohort has at least one session');
  if (plan.sessions.length > MAX_SESSIONS)
    add('sessions', `a cohort has at most ${MAX_SESSIONS} sessions; this has ${plan.sessions.length}`);
  const dated = plan.sessions.every((s, i) => {
    if (isIsoDate(s.date)) return true;
    add(`sessions.${i}.date`, `"${String(s.date)}" is not a real date as YYYY-MM-DD`);
    return false;
  });
  plan.sessions.forEach((s, i) => {
    if (s.title.trim() === '') add(`sessions.${i}.title`, 'each session has a title');
  });
  if (dated && plan.sessions.length > 0) {
    for (let i = 1; i < plan.sessions.length; i++) {
      const [before, after] = [plan.sessions[i - 1].date, plan.sessions[i].date];
      if (after <= before)
        add(
          `sessions.${i}.date`,
          `sessions are in date order, one a day: session ${i + 1} (${formatDate(after)}) is not after session ${i} (${formatDate(before)})`,
        );
    }
    const first = firstSession(plan);
    if (first < today) add('sessions.0.date', `the first session (${formatDate(first)}) is in the past`);
    const limit = lastAllowedDay(programme, first);
    const last = lastSession(plan);
    if (last > limit) {
      add(
        'sessions',
        `${programme.code} runs ${programme.length.months} months, so a cohort starting ${formatDate(first)} ends by ${formatDate(limit)}; the last session is ${formatDate(last)}`,
      );
    }
  }

  if (plan.venue.kind === 'school' && !UUID.test(plan.venue.schoolId))
    add('venue.schoolId', 'the venue school must be a school id (a lower-case uuid)');
  if (plan.venue.kind === 'elsewhere' && plan.venue.name.trim() === '')
    add('venue.name', "a venue outside the trust's schools needs a name");
  if (plan.facilitatorIds.length === 0) add('facilitatorIds', 'a cohort has at least one facilitator');
  if (plan.facilitatorIds.some((id) => !UUID.test(id))) add('facilitatorIds', 'facilitators are staff ids (lower-case uuids)');
  if (new Set(plan.facilitatorIds).size !== plan.facilitatorIds.length) add('facilitatorIds', 'a facilitator is listed twice');
  return problems;
}
