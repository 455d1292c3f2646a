import { academicYearBounds, academicYearOf, daysBetween, maxDate, minDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural, type Refusal } from '../shared/refusal';
import type { AgreementStatus, Deployment, SupportAgreement } from '../agreements/agreement';
import { activeDesignations, describeDesignations, type LeaderFacts } from './leaders';

/**
 * A leader's capacity is per academic year (their school releases them for so many days a year), so
 * a deployment's days are assigned to academic years:
 *
 * - if the agreement states the split (`daysByYear`), that split is used;
 * - otherwise the days are split **pro rata to the calendar days of the support in each academic
 *   year**, in whole days by the largest remainder (ties to the earlier year), so the parts always
 *   add up to the days deployed. Calendar days rather than school days: term dates differ by school
 *   and are not known here, and the approximation errs by at most a day or two per year.
 *
 * Across agreements whose days count (`DAYS_COUNTED_STATUSES`), plus the one being decided, the days in
 * each academic year never exceed the days the leader is released for that year; agreements in
 * different academic years do not compete. A refusal gives the numbers: "would be 34 of 30 days in
 * 2026/27". Only a leader with an active designation may be deployed.
 */

/**
 * Agreements whose days count against a leader's year: agreed and active ones commit them, and a
 * completed one has used them (a leader who gave 20 days in the autumn does not get them back in
 * the spring). An ended agreement releases its days: how many were used before it ended is not
 * recorded, and ending is how a trust frees a leader. Drafts commit nothing yet.
 */
export const DAYS_COUNTED_STATUSES: readonly AgreementStatus[] = ['agreed', 'active', 'completed'];

/** Academic years `from`..`to` touch, in order. */
export function academicYearsBetween(from: IsoDate, to: IsoDate): string[] {
  const years: string[] = [];
  for (let year = academicYearOf(from); ;) {
    years.push(year);
    const { to: yearEnd } = academicYearBounds(year);
    if (yearEnd >= to) return years;
    year = academicYearOf(`${Number(year.slice(0, 4)) + 1}-09-01`);
  }
}

export function splitDaysByYear(deployment: Deployment, startsOn: IsoDate, endsOn: IsoDate): Record<string, number> {
  if (deployment.daysByYear) return { ...deployment.daysByYear };
  const years = academicYearsBetween(startsOn, endsOn);
  const spans = years.map((year) => {
    const { from, to } = academicYearBounds(year);
    return daysBetween(maxDate(from, startsOn), minDate(to, endsOn)) + 1;
  });
  const total = spans.reduce((s, n) => s + n, 0);
  const exact = spans.map((n) => (deployment.days * n) / total);
  const whole = exact.map(Math.floor);
  let left = deployment.days - whole.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    whole[i] += 1;
    left -= 1;
  }
  return Object.fromEntries(years.map((y, i) => [y, whole[i]]));
}

type AgreementDays = Pick<SupportAgreement, 'id' | 'status' | 'schedule' | 'deployments'>;

/** The leader's days in each academic year across the agreements whose days count (other than `exceptId`). */
export function committedDaysByYear(
  leaderId: string,
  agreements: readonly AgreementDays[],
  exceptId: string | null = null,
): Map<string, { days: number; agreements: number }> {
  const byYear = new Map<string, { days: number; agreements: number }>();
  for (const a of agreements) {
    if (a.id === exceptId || !DAYS_COUNTED_STATUSES.includes(a.status)) continue;
    const d = a.deployments.find((x) => x.leaderId === leaderId);
    if (!d) continue;
    for (const [year, days] of Object.entries(splitDaysByYear(d, a.schedule.startsOn, a.schedule.endsOn))) {
      if (days === 0) continue;
      const entry = byYear.get(year) ?? { days: 0, agreements: 0 };
      byYear.set(year, { days: entry.days + days, agreements: entry.agreements + 1 });
    }
  }
  return byYear;
}

/** Whether `leader` may be deployed for `deployment` in `candidate`, given every other agreement of theirs. */
export function deploymentRefusals(
  leader: LeaderFacts,
  deployment: Deployment,
  candidate: AgreementDays,
  others: readonly AgreementDays[],
): Refusal[] {
  if (activeDesignations(leader).length === 0) {
    return [
      {
        rule: 'designation',
        message: `Leader ${leader.staffId} cannot be deployed: only leaders with an active designation can be, and they have ${describeDesignations(leader)}.`,
      },
    ];
  }
  const refusals: Refusal[] = [];
  const committed = committedDaysByYear(leader.staffId, others, candidate.id);
  const here = splitDaysByYear(deployment, candidate.schedule.startsOn, candidate.schedule.endsOn);
  for (const [year, days] of Object.entries(here)) {
    if (days === 0) continue;
    const already = committed.get(year) ?? { days: 0, agreements: 0 };
    const available = leader.availableDaysByYear[year] ?? 0;
    const total = already.days + days;
    if (total > available) {
      const elsewhere =
        already.agreements === 0
          ? 'none elsewhere'
          : `${plural(already.days, 'day')} already in ${plural(already.agreements, 'other agreement')}`;
      refusals.push({
        rule: 'capacity',
        message: `Deploying leader ${leader.staffId} for ${plural(days, 'day')} would be ${total} of ${available} days in ${year} (${elsewhere}).`,
      });
    }
  }
  return refusals;
}
