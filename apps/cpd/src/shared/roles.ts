import { STAFF_ROLES, type StaffRole } from '@trustwide/contracts';
import type { IsoDate } from '@trustwide/common/util/calendar';
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
 * A person's role history as the CPD service projects it from `people.role.started` / `ended`, and
 * the two facts prerequisites read from it: the roles held on a day, and the time served in a set
 * of roles. The arithmetic is the shared one (libs/common/src/util/role-history.ts), so "two years" means the same there
 * and here: whole calendar years counted back from the day, a day counted once across overlaps.
 */

export { STAFF_ROLES, type StaffRole };

export { daysInRoles, describeServed, isHeldOn, ROLE_NAMES, servedInRoles };
export type { RoleSpell, Served };

export const currentRoles = (history: readonly RoleSpell[], on: IsoDate): StaffRole[] => [
  ...new Set(history.filter((s) => isHeldOn(s, on)).map((s) => s.role)),
];

const article = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** `a headteacher or an executive headteacher`. */
export const roleList = (roles: readonly StaffRole[], joiner = 'or'): string =>
  roles.map((r) => article(ROLE_NAMES[r])).join(` ${joiner} `);
