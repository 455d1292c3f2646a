import { addDays, addYears, DAYS_PER_YEAR, daysBetween, formatDate, minDate, type IsoDate } from '@trustwide/common/util/calendar';

/**
 * The roles a person holds over time, and what the designation rules read from them. Years in a
 * role are derived from this history, never typed in, so evidence and eligibility agree.
 */

export const ROLES = [
  'ceo',
  'executive-headteacher',
  'headteacher',
  'head-of-school',
  'deputy-headteacher',
  'assistant-headteacher',
  'middle-leader',
  'senco',
  'teacher',
  'business-manager',
  'other',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
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

/** Roles held across the trust rather than in one school. */
export const TRUST_LEVEL_ROLES: readonly Role[] = ['ceo'];

/** Roles that count as headship ("years of headship"). A head of school runs a school day to day under an executive head, which the historic criteria did not count as headship. */
export const HEADSHIP_ROLES: readonly Role[] = ['executive-headteacher', 'headteacher'];

/** Middle and senior leadership below headteacher: what an SLE must hold. */
export const LEADERSHIP_BELOW_HEAD_ROLES: readonly Role[] = [
  'head-of-school',
  'deputy-headteacher',
  'assistant-headteacher',
  'middle-leader',
  'senco',
  'business-manager',
];

/** Only an executive headteacher leads several schools at once; these lead one school at a time. */
export const ONE_SCHOOL_AT_A_TIME_ROLES: readonly Role[] = ['headteacher', 'head-of-school'];

export interface RoleSpell {
  readonly role: Role;
  /** null for a trust-level role (CEO). */
  readonly schoolId: string | null;
  readonly startedOn: IsoDate;
  /** Last day in the role; null while it is held. */
  readonly endedOn: IsoDate | null;
}

/** A spell is held on `on` when it started by then and had not ended before. */
export function isHeldOn(spell: RoleSpell, on: IsoDate): boolean {
  return spell.startedOn <= on && (spell.endedOn === null || spell.endedOn >= on);
}

export function currentRoles(history: readonly RoleSpell[], on: IsoDate): RoleSpell[] {
  return history.filter((s) => isHeldOn(s, on));
}

/**
 * Days spent in any of `roles` up to `on`, counting a day once even when spells overlap (an
 * executive head of two schools is not in headship twice as long).
 */
export function daysInRoles(history: readonly RoleSpell[], roles: readonly Role[], on: IsoDate): number {
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
export function servedInRoles(history: readonly RoleSpell[], roles: readonly Role[], on: IsoDate): Served {
  const days = daysInRoles(history, roles, on);
  let years = Math.floor(days / 366);
  while (daysBetween(addYears(on, -(years + 1)), on) <= days) years += 1;
  return { days, years, extraDays: days - daysBetween(addYears(on, -years), on) };
}

/** Whether `years` have been served in `roles` by `on`. */
export const hasServed = (served: Served, years: number): boolean => served.years >= years;

/** Years with two decimals, rounded down so it never reads as a threshold met early. */
export const yearsInRoles = (history: readonly RoleSpell[], roles: readonly Role[], on: IsoDate): number => {
  const served = servedInRoles(history, roles, on);
  return served.years + Math.floor((served.extraDays / DAYS_PER_YEAR) * 100) / 100;
};

export const yearsOfHeadship = (history: readonly RoleSpell[], on: IsoDate): number => yearsInRoles(history, HEADSHIP_ROLES, on);

/** `2 years and 3 days`, `1 year and 364 days`, `no time`. */
export function describeServed(served: Served): string {
  const parts = [
    served.years > 0 ? `${served.years} year${served.years === 1 ? '' : 's'}` : null,
    served.extraDays > 0 ? `${served.extraDays} day${served.extraDays === 1 ? '' : 's'}` : null,
  ].filter((p) => p !== null);
  return parts.length === 0 ? 'no time' : parts.join(' and ');
}

/** Schools a person leads as executive head, head or head of school on `on`. */
export function schoolsLedOn(history: readonly RoleSpell[], on: IsoDate): string[] {
  const led = currentRoles(history, on).filter((s) => [...HEADSHIP_ROLES, 'head-of-school'].includes(s.role) && s.schoolId !== null);
  return [...new Set(led.map((s) => s.schoolId as string))];
}

const overlaps = (a: RoleSpell, b: RoleSpell): boolean =>
  a.startedOn <= (b.endedOn ?? '9999-12-31') && b.startedOn <= (a.endedOn ?? '9999-12-31');

const spellText = (s: RoleSpell) =>
  `${ROLE_NAMES[s.role]} from ${formatDate(s.startedOn)}${s.endedOn ? ` to ${formatDate(s.endedOn)}` : ''}`;

/**
 * Problems with adding `spell` to a person's `history` (empty when it may be added). Each says
 * which rule and which existing spell it conflicts with.
 */
export function roleSpellProblems(history: readonly RoleSpell[], spell: RoleSpell): string[] {
  const problems: string[] = [];
  if (spell.endedOn !== null && spell.endedOn < spell.startedOn) {
    problems.push(`the role cannot end (${formatDate(spell.endedOn)}) before it starts (${formatDate(spell.startedOn)})`);
  }
  const trustLevel = TRUST_LEVEL_ROLES.includes(spell.role);
  if (trustLevel && spell.schoolId !== null) problems.push(`${ROLE_NAMES[spell.role]} is a trust-level role: it has no school`);
  if (!trustLevel && spell.schoolId === null) problems.push(`${ROLE_NAMES[spell.role]} is held in a school: give the school`);
  for (const other of history.filter((h) => overlaps(h, spell))) {
    if (other.role === spell.role && other.schoolId === spell.schoolId) {
      problems.push(`this overlaps the same role already recorded: ${spellText(other)}`);
    } else if (
      ONE_SCHOOL_AT_A_TIME_ROLES.includes(spell.role) &&
      ONE_SCHOOL_AT_A_TIME_ROLES.includes(other.role) &&
      other.schoolId !== spell.schoolId
    ) {
      problems.push(
        `a ${ROLE_NAMES[spell.role]} leads one school at a time, and this overlaps ${spellText(other)} at another school; ` +
          'someone leading several schools at once is an executive headteacher',
      );
    }
  }
  return problems;
}
