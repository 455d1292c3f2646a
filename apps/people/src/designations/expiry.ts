import { daysBetween, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import type { DesignationStatus } from './lifecycle';

/**
 * What the daily expiry run does, decided from the designations and today alone: a term that has
 * ended lapses (approved, active or suspended alike), a term ending within the renewal window is
 * flagged for renewal once per term, and an approved designation whose term has begun starts.
 */

/** Days before the end of a term that HR is told to renew it (a trust may set its own). */
export const DEFAULT_RENEWAL_WINDOW_DAYS = 90;

export interface ExpiryCandidate {
  readonly id: string;
  readonly status: DesignationStatus;
  readonly termStartsOn: IsoDate | null;
  readonly termEndsOn: IsoDate | null;
  readonly renewalFlaggedFor: IsoDate | null;
}

export interface ExpiryPlan {
  readonly lapse: ReadonlyArray<{ id: string; termEndsOn: IsoDate; reason: string }>;
  readonly dueForRenewal: ReadonlyArray<{ id: string; termEndsOn: IsoDate; daysLeft: number }>;
  readonly activate: ReadonlyArray<{ id: string; termStartsOn: IsoDate; reason: string }>;
}

export function planExpiry(
  candidates: readonly ExpiryCandidate[],
  today: IsoDate,
  renewalWindowDays = DEFAULT_RENEWAL_WINDOW_DAYS,
): ExpiryPlan {
  if (!Number.isInteger(renewalWindowDays) || renewalWindowDays < 0)
    throw new Error(`the renewal window must be a whole number of days ≥ 0, not ${renewalWindowDays}`);
  const lapse: ExpiryPlan['lapse'][number][] = [];
  const dueForRenewal: ExpiryPlan['dueForRenewal'][number][] = [];
  const activate: ExpiryPlan['activate'][number][] = [];
  for (const d of candidates) {
    if (d.termEndsOn === null || !['approved', 'active', 'suspended'].includes(d.status)) continue;
    if (d.termEndsOn < today) {
      lapse.push({ id: d.id, termEndsOn: d.termEndsOn, reason: `The term ended on ${formatDate(d.termEndsOn)} without renewal.` });
      continue;
    }
    if (d.status === 'approved' && d.termStartsOn !== null && d.termStartsOn <= today) {
      activate.push({ id: d.id, termStartsOn: d.termStartsOn, reason: `The term started on ${formatDate(d.termStartsOn)}.` });
    }
    const daysLeft = daysBetween(today, d.termEndsOn);
    if (d.status === 'active' && daysLeft <= renewalWindowDays && d.renewalFlaggedFor !== d.termEndsOn) {
      dueForRenewal.push({ id: d.id, termEndsOn: d.termEndsOn, daysLeft });
    }
  }
  return { lapse, dueForRenewal, activate };
}
