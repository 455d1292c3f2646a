import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { currentRoles, describeServed, hasServed, ROLE_NAMES, servedInRoles, type RoleSpell } from '../staff/roles';
import {
  DEFAULT_DESIGNATION_POLICY,
  DESIGNATION_NAMES,
  SCHOOL_DAYS_PER_YEAR,
  type DesignationPolicy,
  type DesignationType,
} from './designation-types';
import { inspectionShortfalls, type LatestInspection } from './inspection-standing';

/**
 * Whether a leader may be designated (approved or renewed): every rule is checked and every rule
 * that says no is reported, in words HR can pass on, so one answer lists all that is missing.
 */

/** The leader's own school's written commitment to release them. */
export interface ReleaseCommitment {
  readonly schoolId: string;
  readonly daysPerYear: number;
  /** Who signed it for the school (a user id) and when. */
  readonly signedBy: string;
  readonly signedOn: IsoDate;
}

export interface DesignationEvidence {
  readonly type: DesignationType;
  readonly specialisms: readonly string[];
  /** The leader's role history (years in role are derived from it). */
  readonly roles: readonly RoleSpell[];
  /** The school the leader is employed by and released from. */
  readonly employingSchoolId: string;
  /** Latest inspection of the employing school, as the schools service announced it. */
  readonly latestInspection: LatestInspection | null;
  /** Provenance: pupil outcomes and impact the leader can show. */
  readonly outcomes: string | null;
  /** Record of supporting other schools. */
  readonly supportRecord: string | null;
  readonly commitment: ReleaseCommitment | null;
}

export interface Refusal {
  /** Stable id of the rule, for clients: `role`, `experience`, `inspection`, … */
  readonly rule: string;
  readonly message: string;
}

export type Eligibility = { readonly eligible: true } | { readonly eligible: false; readonly refusals: readonly Refusal[] };

const blank = (text: string | null) => text === null || text.trim() === '';
const article = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

export function checkEligibility(
  evidence: DesignationEvidence,
  on: IsoDate,
  policy: DesignationPolicy = DEFAULT_DESIGNATION_POLICY,
): Eligibility {
  const rule = policy[evidence.type];
  const name = DESIGNATION_NAMES[evidence.type];
  const refusals: Refusal[] = [];

  if (rule.currentRoleIn.length > 0) {
    const held = currentRoles(evidence.roles, on).map((s) => s.role);
    if (!held.some((r) => rule.currentRoleIn.includes(r))) {
      refusals.push({
        rule: 'role',
        message: `A ${name} must currently be ${rule.currentRoleIn.map((r) => article(ROLE_NAMES[r])).join(' or ')}; on ${formatDate(on)} they are ${
          held.length === 0 ? 'in no recorded role' : [...new Set(held)].map((r) => article(ROLE_NAMES[r])).join(' and ')
        }.`,
      });
    }
  }

  const served = servedInRoles(evidence.roles, rule.experienceRoles, on);
  if (!hasServed(served, rule.minYears)) {
    refusals.push({
      rule: 'experience',
      message: `A ${name} needs at least ${rule.minYears} years of ${rule.experienceName}; the role history shows ${describeServed(served)}.`,
    });
  }

  if (rule.needsSpecialism) {
    const unknown = evidence.specialisms.filter((s) => !policy.specialisms.includes(s));
    if (evidence.specialisms.length === 0) refusals.push({ rule: 'specialism', message: `A ${name} needs a named specialism.` });
    if (unknown.length > 0) {
      refusals.push({
        rule: 'specialism',
        message: `Unknown specialism ${unknown.map((s) => `"${s}"`).join(', ')}; the trust's specialisms are ${policy.specialisms.join(', ')}.`,
      });
    }
  }

  if (rule.schoolStandard) {
    if (evidence.latestInspection === null) {
      refusals.push({
        rule: 'inspection',
        message: `A ${name}'s school must be ${rule.schoolStandard.name} by its latest inspection, and the school has no inspection on record.`,
      });
    } else {
      for (const shortfall of inspectionShortfalls(evidence.latestInspection, rule.schoolStandard)) {
        refusals.push({ rule: 'inspection', message: `A ${name}'s school must be ${rule.schoolStandard.name}: ${shortfall}.` });
      }
    }
  }

  if (blank(evidence.outcomes))
    refusals.push({
      rule: 'outcomes',
      message: 'Designation needs evidence of outcomes (for example pupil outcomes the leader has improved).',
    });
  if (rule.needsSupportRecord && blank(evidence.supportRecord)) {
    refusals.push({ rule: 'support-record', message: `A ${name} needs a record of supporting other schools.` });
  }

  const c = evidence.commitment;
  if (c === null) {
    refusals.push({
      rule: 'commitment',
      message: "Designation needs the leader's own school's written commitment to release them for a number of days a year.",
    });
  } else {
    if (c.schoolId !== evidence.employingSchoolId) {
      refusals.push({ rule: 'commitment', message: "The release commitment must come from the leader's own (employing) school." });
    }
    if (!Number.isInteger(c.daysPerYear) || c.daysPerYear < 1 || c.daysPerYear > SCHOOL_DAYS_PER_YEAR) {
      refusals.push({
        rule: 'commitment',
        message: `The release commitment must be a whole number of days from 1 to ${SCHOOL_DAYS_PER_YEAR} a year; it says ${c.daysPerYear}.`,
      });
    }
    if (c.signedOn > on)
      refusals.push({ rule: 'commitment', message: `The release commitment is dated ${formatDate(c.signedOn)}, after today.` });
  }

  return refusals.length === 0 ? { eligible: true } : { eligible: false, refusals };
}
