import { STAFF_ROLES, ROLE_NAMES, type StaffRole } from '../shared/roles';
import { formatPounds, isPence, type Pence } from '../shared/money';
import { isSkillId, type SkillId } from '../shared/skills';

/**
 * A programme of the trust's CPD catalogue: a national professional qualification (NPQ) or a trust
 * programme, with who provides it, who pays, what a place costs, the skills it develops (ids of
 * the people service's framework), who may take it, and how long it runs.
 */

export const PROGRAMME_KINDS = ['npq', 'trust'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export const FUNDING_SOURCES = [
  'dfe-scholarship',
  'dfe-grant',
  'local-authority',
  'trust-cpd-budget',
  'school-budget',
  'self-funded',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/**
 * Who may enrol. `role-held`: currently holds one of the roles. `years-in-role`: has served at least
 * `years` (past or present) in any of the roles, counted from the role history.
 */
export type Prerequisite =
  | { readonly kind: 'role-held'; readonly roles: readonly StaffRole[] }
  | { readonly kind: 'years-in-role'; readonly roles: readonly StaffRole[]; readonly years: number; readonly experienceName: string };

export interface ProgrammeLength {
  /** Calendar span from the first session: every session of a cohort falls within it. */
  readonly months: number;
  /** Days of face-to-face sessions, when the provider states them. */
  readonly contactDays: number | null;
}

export interface ProgrammeDefinition {
  /** Stable code: `NPQH`, `TRUST-AEH`. */
  readonly code: string;
  readonly kind: ProgrammeKind;
  readonly name: string;
  readonly provider: string;
  readonly fundingSource: FundingSource;
  readonly costPerPlace: Pence;
  readonly skills: readonly SkillId[];
  readonly prerequisites: readonly Prerequisite[];
  readonly length: ProgrammeLength;
  /** Ends in an assessment (passed or not): NPQs do, most trust programmes do not. */
  readonly assessed: boolean;
  /** A pass is a qualification the people service records on the person. */
  readonly awardsQualification: boolean;
}

export const CODE = /^[A-Z][A-Z0-9-]{1,31}$/;
export const MAX_NAME_LENGTH = 200;
export const MAX_LENGTH_MONTHS = 36;
/** A place dearer than this is more likely a typing slip (pence for pounds) than a real fee. */
export const MAX_COST_PER_PLACE: Pence = 5_000_000;

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

const blank = (s: string) => s.trim() === '';

/** Everything wrong with a programme, each with its field (empty when valid). */
export function programmeProblems(p: ProgrammeDefinition): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (!CODE.test(p.code))
    add('code', `the code must be 2 to 32 capital letters, digits or hyphens, starting with a letter; it is "${p.code}"`);
  if (!PROGRAMME_KINDS.includes(p.kind)) add('kind', `the kind must be one of ${PROGRAMME_KINDS.join(', ')}`);
  if (blank(p.name) || p.name.length > MAX_NAME_LENGTH) add('name', `the name must have 1 to ${MAX_NAME_LENGTH} characters`);
  if (blank(p.provider)) add('provider', 'the provider must be named');
  if (!FUNDING_SOURCES.includes(p.fundingSource)) add('fundingSource', `the funding source must be one of ${FUNDING_SOURCES.join(', ')}`);
  if (!isPence(p.costPerPlace) || p.costPerPlace > MAX_COST_PER_PLACE) {
    add(
      'costPerPlace',
      `the cost per place must be whole pence from 0 to ${MAX_COST_PER_PLACE} (${formatPounds(MAX_COST_PER_PLACE)}); it is ${p.costPerPlace}`,
    );
  }
  if (p.skills.length === 0) add('skills', 'a programme develops at least one skill of the framework');
  const unknown = p.skills.filter((s) => !isSkillId(s));
  if (unknown.length > 0) add('skills', `not skills of the framework: ${unknown.join(', ')}`);
  if (new Set(p.skills).size !== p.skills.length) add('skills', 'a skill is listed twice');
  p.prerequisites.forEach((pre, i) => {
    const field = `prerequisites.${i}`;
    const badRoles = pre.roles.filter((r) => !STAFF_ROLES.includes(r));
    if (pre.roles.length === 0) add(field, 'a prerequisite names at least one role');
    if (badRoles.length > 0) add(field, `not roles: ${badRoles.join(', ')}; the roles are ${STAFF_ROLES.join(', ')}`);
    if (pre.kind === 'years-in-role' && (!Number.isInteger(pre.years) || pre.years < 1 || pre.years > 40)) {
      add(field, `years in role must be a whole number from 1 to 40; it is ${pre.years}`);
    }
  });
  if (!Number.isInteger(p.length.months) || p.length.months < 1 || p.length.months > MAX_LENGTH_MONTHS) {
    add('length.months', `the length must be a whole number of months from 1 to ${MAX_LENGTH_MONTHS}; it is ${p.length.months}`);
  }
  const contact = p.length.contactDays;
  if (contact !== null && (!Number.isInteger(contact) || contact < 1))
    add('length.contactDays', `contact days must be a whole number ≥ 1; it is ${contact}`);
  if (p.awardsQualification && !p.assessed)
    add('awardsQualification', 'only an assessed programme can award a qualification (a pass is what is awarded)');
  return problems;
}

/** A prerequisite in words: `currently a headteacher or an executive headteacher`. */
export function describePrerequisite(pre: Prerequisite): string {
  const names = pre.roles.map((r) => ROLE_NAMES[r]).join(' or ');
  return pre.kind === 'role-held'
    ? `currently ${names}`
    : `at least ${pre.years} year${pre.years === 1 ? '' : 's'} of ${pre.experienceName}`;
}
