import type { StaffRole } from '../events/people.events';
import { addDays, addYears, daysBetween, minDate, type IsoDate } from './calendar';

/**
 * A person's roles over time, and the time served in them, as every service reads them (the people
 * service for designations, CPD for prerequisites): "two years" means the same everywhere, whole
 * calendar years counted back from the day, a day counted once across overlapping spells.
 */

export const ROLE_NAMES: Readonly<Record<StaffRole, string>> = {
  ceo: 'CEO',
  'executive-headteacher': 'executive headteacher',
  headteacher: 'headteacher',
  'head-of-school': 'head of school',
  'deputy-headteacher': 'deputy headteacher',
  'assistant-headteacher': 'assistant headteacher',
  'middle-leader': 'middle leader',
  senco: 'SENCO',
  teacher: 'teacher',
  'business-manager': 'business manager',
  other: 'other role',
};

export interface RoleSpell {
  readonly role: StaffRole;
  /** null for a trust-level role (CEO). */
  readonly schoolId: string | null;
  readonly startedOn: IsoDate;
  /** Last day in the role; null while it is held. */
  readonly endedOn: IsoDate | null;
}

/** A spell is held on `on` when it started by then and had not ended before. */
export const isHeldOn = (spell: RoleSpell, on: IsoDate): boolean =>
  spell.startedOn <= on && (spell.endedOn === null || spell.endedOn >= on);

/**
 * Days spent in any of `roles` up to `on`, counting a day once even when spells overlap (an
 * executive head of two schools is not in headship twice as long).
 */
export function daysInRoles(history: readonly RoleSpell[], roles: readonly StaffRole[], on: IsoDate): number {
  const intervals = history
    .filter((s) => roles.includes(s.role) && s.startedOn <= on)
    // Half-open [from, to): the last day of an ended spell counts; `on` itself is not yet completed.
    .map((s) => ({ from: s.startedOn, to: s.endedOn === null ? on : minDate(addDays(s.endedOn, 1), on) }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let total = 0;
  let current: { from: IsoDate; to: IsoDate } | null = null;
  for (const next of intervals) {
    if (current && next.from <= current.to) {
      if (next.to > current.to) current.to = next.to;
      continue;
    }
    if (current) total += daysBetween(current.from, current.to);
    current = { ...next };
  }
  if (current) total += daysBetween(current.from, current.to);
  return total;
}

/** Time served: whole years completed (counted back on the calendar from `on`) and the days beyond them. */
export interface Served {
  readonly days: number;
  readonly years: number;
  readonly extraDays: number;
}

/**
 * Time in any of `roles` up to `on`. Whole years are calendar years counted back from `on`, so
 * "two years" from 1 September 2023 is met on 1 September 2025, leap day or not.
 */
export function servedInRoles(history: readonly RoleSpell[], roles: readonly StaffRole[], on: IsoDate): Served {
  const days = daysInRoles(history, roles, on);
  let years = Math.floor(days / 366);
  while (daysBetween(addYears(on, -(years + 1)), on) <= days) years += 1;
  return { days, years, extraDays: days - daysBetween(addYears(on, -years), on) };
}

/** `2 years and 3 days`, `1 year and 364 days`, `no time`. */
export function describeServed(served: Served): string {
  const parts = [
    served.years > 0 ? `${served.years} year${served.years === 1 ? '' : 's'}` : null,
    served.extraDays > 0 ? `${served.extraDays} day${served.extraDays === 1 ? '' : 's'}` : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? 'no time' : parts.join(' and ');
}
