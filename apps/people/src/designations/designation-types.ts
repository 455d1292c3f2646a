import { HEADSHIP_ROLES, LEADERSHIP_BELOW_HEAD_ROLES, type Role } from '../staff/roles';
import { GOOD_OR_BETTER, STRONG, type InspectionStandard } from './inspection-standing';

/**
 * The designations HR records and the rules each must meet. The numbers for SLE, LLE and NLE are the
 * historic national criteria (DOMAIN.md), "a sensible default that a trust may change"; the rest
 * are trust defaults, named here so a trust's policy can override them.
 */

export const DESIGNATION_TYPES = ['sle', 'lle', 'nle', 'professional-partner', 'sip', 'consultant-head'] as const;
export type DesignationType = (typeof DESIGNATION_TYPES)[number];

export const DESIGNATION_NAMES: Readonly<Record<DesignationType, string>> = {
  sle: 'specialist leader of education (SLE)',
  lle: 'local leader of education (LLE)',
  nle: 'national leader of education (NLE)',
  'professional-partner': 'professional partner / headteacher mentor',
  sip: 'school improvement partner (SIP)',
  'consultant-head': 'consultant head',
};

/** SLE specialisms (the DOMAIN's examples and the former national list); a trust may add its own. */
export const SLE_SPECIALISMS = [
  'english',
  'maths',
  'science',
  'eal',
  'early-years',
  'send',
  'assessment',
  'leadership-of-cpd',
  'behaviour-and-attendance',
  'pupil-premium',
  'curriculum',
  'initial-teacher-training',
  'school-business-management',
  'phonics',
] as const;

/** "Designations ran for a term of about four years." */
export const DEFAULT_TERM_YEARS = 4;

/** School days in a year: a release commitment cannot exceed it. */
export const SCHOOL_DAYS_PER_YEAR = 195;

export interface DesignationRule {
  /** The leader must currently hold one of these roles. */
  readonly currentRoleIn: readonly Role[];
  /** …and have held one of `experienceRoles` (past or present) for at least this many years. */
  readonly minYears: number;
  readonly experienceRoles: readonly Role[];
  /** What the experience is called in messages. */
  readonly experienceName: string;
  /** The standard the leader's own school must meet at its latest inspection, if any. */
  readonly schoolStandard: InspectionStandard | null;
  readonly needsSpecialism: boolean;
  /** Evidence of supporting other schools (NLE). */
  readonly needsSupportRecord: boolean;
  readonly termYears: number;
}

export type DesignationPolicy = Readonly<Record<DesignationType, DesignationRule>> & {
  readonly specialisms: readonly string[];
};

const HEADS: readonly Role[] = HEADSHIP_ROLES;

export const DEFAULT_DESIGNATION_POLICY: DesignationPolicy = {
  specialisms: SLE_SPECIALISMS,
  // An SLE: "at least two years in a middle or senior leadership role below headteacher and a specialism".
  sle: {
    currentRoleIn: LEADERSHIP_BELOW_HEAD_ROLES,
    minYears: 2,
    experienceRoles: LEADERSHIP_BELOW_HEAD_ROLES,
    experienceName: 'middle or senior leadership below headteacher',
    schoolStandard: null,
    needsSpecialism: true,
    needsSupportRecord: false,
    termYears: DEFAULT_TERM_YEARS,
  },
  // An LLE: "a headteacher for at least two years in a good or better school".
  lle: {
    currentRoleIn: HEADS,
    minYears: 2,
    experienceRoles: HEADS,
    experienceName: 'headship',
    schoolStandard: GOOD_OR_BETTER,
    needsSpecialism: false,
    needsSupportRecord: false,
    termYears: DEFAULT_TERM_YEARS,
  },
  // An NLE: "at least three years of headship, a school judged outstanding (or good with outstanding leadership), a record of supporting other schools".
  nle: {
    currentRoleIn: HEADS,
    minYears: 3,
    experienceRoles: HEADS,
    experienceName: 'headship',
    schoolStandard: STRONG,
    needsSpecialism: false,
    needsSupportRecord: true,
    termYears: DEFAULT_TERM_YEARS,
  },
  // Trust defaults (no national criteria in the brief): experienced heads, serving or former, mentor and advise.
  'professional-partner': {
    currentRoleIn: [],
    minYears: 3,
    experienceRoles: HEADS,
    experienceName: 'headship',
    schoolStandard: null,
    needsSpecialism: false,
    needsSupportRecord: false,
    termYears: DEFAULT_TERM_YEARS,
  },
  sip: {
    currentRoleIn: [],
    minYears: 3,
    experienceRoles: HEADS,
    experienceName: 'headship',
    schoolStandard: null,
    needsSpecialism: false,
    needsSupportRecord: false,
    termYears: DEFAULT_TERM_YEARS,
  },
  'consultant-head': {
    currentRoleIn: [],
    minYears: 3,
    experienceRoles: HEADS,
    experienceName: 'headship',
    schoolStandard: null,
    needsSpecialism: false,
    needsSupportRecord: true,
    termYears: DEFAULT_TERM_YEARS,
  },
};
