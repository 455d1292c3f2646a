import { STAFF_ROLES, type StaffRole } from '@trustwide/contracts';
import { DAYS_PER_YEAR, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import {
  daysInRoles,
  describeServed,
  isHeldOn,
  ROLE_NAMES,
  servedInRoles,
  type RoleSpell,
  type Served,
} from '@trustwide/common/util/role-history';

/**
 * The roles a person holds over time, and what the designation rules read from them. Years in a
 * role are derived from this history, never typed in, so evidence and eligibility agree.
 */

// The role vocabulary is the contracts' (STAFF_ROLES); the names and the time-served arithmetic are shared
// with the CPD service's prerequisites (libs/common/src/util/role-history.ts).
export const ROLES = STAFF_ROLES;
export type Role = StaffRole;
export { daysInRoles, describeServed, isHeldOn, ROLE_NAMES, servedInRoles };
export type { RoleSpell, Served };

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

export function currentRoles(history: readonly RoleSpell[], on: IsoDate): RoleSpell[] {
  return history.filter((s) => isHeldOn(s, on));
}

/** Whether `years` have been served in `roles` by `on`. */
export const hasServed = (served: Served, years: number): boolean => served.years >= years;

/** Years with two decimals, rounded down so it never reads as a threshold met early. */
export const yearsInRoles = (history: readonly RoleSpell[], roles: readonly Role[], on: IsoDate): number => {
  const served = servedInRoles(history, roles, on);
  return served.years + Math.floor((served.extraDays / DAYS_PER_YEAR) * 100) / 100;
};

export const yearsOfHeadship = (history: readonly RoleSpell[], on: IsoDate): number => yearsInRoles(history, HEADSHIP_ROLES, on);

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
