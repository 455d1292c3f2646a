import { formatDate } from '@trustwide/common/util/calendar';
import type { Refusal } from '../shared/refusal';
import { COMMITTING_STATUSES, type SupportAgreement } from './agreement';

/**
 * A supporting school's capacity must not be spread too thinly: it may be a supporting school in at
 * most `limit` agreements running at the same time (agreed or active, date ranges overlapping).
 * "At the same time" is the largest number running on any one day of the new agreement, so two
 * agreements that overlap it but not each other count once each day, not twice.
 */

/** Concurrent agreements one supporting school may take on (a trust may configure its own). */
export const DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS = 2;

type Dated = Pick<SupportAgreement, 'id' | 'status' | 'schedule' | 'supportingSchoolIds'>;

/** The most agreements among `others` running together on one day within [from, to], and the ones on that day. */
function peak(others: readonly Dated[], from: string, to: string): { count: number; ids: string[]; on: string } {
  const overlapping = others.filter((a) => a.schedule.startsOn <= to && a.schedule.endsOn >= from);
  // The count can only rise at the start of the range or at another agreement's start.
  const days = [from, ...overlapping.map((a) => a.schedule.startsOn).filter((d) => d > from)];
  let best = { count: 0, ids: [] as string[], on: from };
  for (const day of days) {
    const running = overlapping.filter((a) => a.schedule.startsOn <= day && a.schedule.endsOn >= day);
    if (running.length > best.count) best = { count: running.length, ids: running.map((a) => a.id).sort(), on: day };
  }
  return best;
}

export function supportingLoadRefusals(
  candidate: Dated,
  others: readonly Dated[],
  limit = DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS,
): Refusal[] {
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`the concurrent agreement limit must be a whole number of at least 1, not ${limit}`);
  const refusals: Refusal[] = [];
  for (const school of candidate.supportingSchoolIds) {
    const theirs = others.filter(
      (a) => a.id !== candidate.id && COMMITTING_STATUSES.includes(a.status) && a.supportingSchoolIds.includes(school),
    );
    const { count, ids, on } = peak(theirs, candidate.schedule.startsOn, candidate.schedule.endsOn);
    if (count + 1 > limit) {
      refusals.push({
        rule: 'supporting-load',
        message: `School ${school} would be supporting in ${count + 1} agreements at once on ${formatDate(on)} (with ${ids.join(', ')}); the trust's limit is ${limit}.`,
      });
    }
  }
  return refusals;
}
