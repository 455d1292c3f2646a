import { STAFF_ROLES, type StaffRole } from '@trustwide/contracts';
import { addDays, addYears, daysBetween, minDate, type IsoDate } from '@trustwide/common/util/calendar';

/**
 * A person's role history as the CPD service projects it from `people.role.started` / `ended`, and
 * the two facts prerequisites read from it: the roles held on a day, and the time served in a set
 * of roles. Same arithmetic as the people service (roles.ts), so "two years" means the same there
 * and here: whole calendar years counted back from the day, a day counted once across overlaps.
 */

export { STAFF_ROLES, type StaffRole };

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
  readonly schoolId: string | null;
  readonly startedOn: IsoDate;
  /** Last day in the role; null while it is held. */
  readonly endedOn: IsoDate | null;
}

export const isHeldOn = (spell: RoleSpell, on: IsoDate): boolean => spell.startedOn <= on && (spell.endedOn === null || spell.endedOn >= on);

export const currentRoles = (history: readonly RoleSpell[], on: IsoDate): StaffRole[] => [...new Set(history.filter((s) => isHeldOn(s, on)).map((s) => s.role))];

/** Days in any of `roles` up to (not including) `on`, each day once. */
export function daysInRoles(history: readonly RoleSpell[], roles: readonly StaffRole[], on: IsoDate): number {
  const intervals = history
    .filter((s) => roles.includes(s.role) && s.startedOn <= on)
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

export interface Served {
  readonly days: number;
  readonly years: number;
  readonly extraDays: number;
}

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

const article = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** `a headteacher or an executive headteacher`. */
export const roleList = (roles: readonly StaffRole[], joiner = 'or'): string => roles.map((r) => article(ROLE_NAMES[r])).join(` ${joiner} `);
