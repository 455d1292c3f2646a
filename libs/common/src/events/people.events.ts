import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsDateOnly } from '../validation/is-date-only';

/**
 * Contracts of the events the people service publishes (topic `trustwide.people`). Events are kept
 * for a long time and copied into other services' projections, so they carry ids, roles and names
 * and nothing more personal: no email, no decision reasons, no self-assessment scores (those stay
 * in the people service, which can erase them). An erasure is announced so projections forget names.
 */

export const STAFF_ROLES = [
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
export type StaffRole = (typeof STAFF_ROLES)[number];

export const DESIGNATION_KINDS = ['sle', 'lle', 'nle', 'professional-partner', 'sip', 'consultant-head'] as const;
export type DesignationKind = (typeof DESIGNATION_KINDS)[number];

export const DESIGNATION_STATES = ['applied', 'approved', 'active', 'suspended', 'lapsed', 'revoked', 'refused'] as const;
export type DesignationState = (typeof DESIGNATION_STATES)[number];

export const CAPACITY_STATES = ['over-committed', 'fully-committed', 'available', 'idle', 'no-release'] as const;
export type CapacityState = (typeof CAPACITY_STATES)[number];

export const SKILLS_FRAMEWORK_ROLES = ['professional-partner', 'sip', 'lle', 'nle', 'executive-headteacher'] as const;
export type SkillsFrameworkRole = (typeof SKILLS_FRAMEWORK_ROLES)[number];

const ACADEMIC_YEAR = /^\d{4}\/\d{2}$/;

// Staff

export class StaffJoinedV1 {
  @IsUUID() staffId: string;
  @IsUUID() schoolId: string;
  /** The name shown in read models (first and last name). */
  @IsString() @Length(1, 201) displayName: string;
  @IsDateOnly() joinedOn: string;
}

export class StaffMovedV1 {
  @IsUUID() staffId: string;
  @IsUUID() fromSchoolId: string;
  @IsUUID() toSchoolId: string;
  @IsDateOnly() movedOn: string;
}

export class StaffLeftV1 {
  @IsUUID() staffId: string;
  @IsUUID() schoolId: string;
  @IsDateOnly() leftOn: string;
}

/** The person's details were erased on request: every projection must forget their name. */
export class StaffErasedV1 {
  @IsUUID() staffId: string;
}

export class RoleStartedV1 {
  @IsUUID() staffId: string;
  @IsUUID() roleId: string;
  @IsIn(STAFF_ROLES) role: StaffRole;
  /** null for a trust-level role (CEO). */
  @IsOptional() @IsUUID() schoolId: string | null;
  @IsDateOnly() startedOn: string;
}

export class RoleEndedV1 {
  @IsUUID() staffId: string;
  @IsUUID() roleId: string;
  @IsIn(STAFF_ROLES) role: StaffRole;
  @IsOptional() @IsUUID() schoolId: string | null;
  @IsDateOnly() endedOn: string;
}

// Designations

export class DesignationAppliedV1 {
  @IsUUID() designationId: string;
  @IsUUID() staffId: string;
  @IsIn(DESIGNATION_KINDS) designationType: DesignationKind;
  /** SLE specialisms, e.g. `maths`, `send`; empty for other types. */
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) specialisms: string[];
  /** The leader's employing school, which commits to release them. */
  @IsUUID() schoolId: string;
}

/** What every decision on a designation carries: which designation, the move, who decided, when. */
export class DesignationDecisionV1 {
  @IsUUID() designationId: string;
  @IsUUID() staffId: string;
  @IsIn(DESIGNATION_KINDS) designationType: DesignationKind;
  @IsIn(DESIGNATION_STATES) from: DesignationState;
  @IsIn(DESIGNATION_STATES) to: DesignationState;
  /** The day it takes effect. The reason is kept by the people service only (it can be personal). */
  @IsDateOnly() effectiveOn: string;
}

/** A term and the release that goes with it (approval, renewal). */
export class DesignationTermV1 extends DesignationDecisionV1 {
  @IsDateOnly() termStartsOn: string;
  @IsDateOnly() termEndsOn: string;
  @IsInt() @Min(1) @Max(366) releaseDaysPerYear: number;
}

export class DesignationApprovedV1 extends DesignationTermV1 {}
export class DesignationRenewedV1 extends DesignationTermV1 {}
/** The term of an approved designation began: the leader may now be deployed. */
export class DesignationActivatedV1 extends DesignationDecisionV1 {}
export class DesignationRefusedV1 extends DesignationDecisionV1 {}
export class DesignationSuspendedV1 extends DesignationDecisionV1 {}
export class DesignationReinstatedV1 extends DesignationDecisionV1 {}
export class DesignationRevokedV1 extends DesignationDecisionV1 {}
/** The term ended without renewal; announced by the daily expiry run. */
export class DesignationLapsedV1 extends DesignationDecisionV1 {}

/** The term ends within the trust's renewal window: announced once per term. */
export class DesignationDueForRenewalV1 {
  @IsUUID() designationId: string;
  @IsUUID() staffId: string;
  @IsIn(DESIGNATION_KINDS) designationType: DesignationKind;
  @IsDateOnly() termEndsOn: string;
  @IsInt() @Min(0) daysLeft: number;
}

// Capacity

export class CapacityChangedV1 {
  @IsUUID() staffId: string;
  /** `2025/26`: 1 September to 31 August. */
  @Matches(ACADEMIC_YEAR) academicYear: string;
  @IsInt() @Min(0) availableDays: number;
  @IsInt() @Min(0) committedDays: number;
  @IsIn(CAPACITY_STATES) status: CapacityState;
}

/** A leader has just become committed to more days than their school releases them for. */
export class CapacityOverCommittedV1 {
  @IsUUID() staffId: string;
  @Matches(ACADEMIC_YEAR) academicYear: string;
  @IsInt() @Min(0) availableDays: number;
  @IsInt() @Min(0) committedDays: number;
  @IsInt() @Min(1) overByDays: number;
}

// Skills

export class SkillsAssessmentRecordedV1 {
  @IsUUID() assessmentId: string;
  @IsUUID() staffId: string;
  @IsUUID() frameworkId: string;
  /** The system-leadership role assessed against. */
  @IsIn(SKILLS_FRAMEWORK_ROLES) role: SkillsFrameworkRole;
  /** true when the person aspires to the role rather than holds it. */
  @IsBoolean() aspiring: boolean;
  @IsDateOnly() assessedOn: string;
}

/** Lists for documentation and tests: every people event's data class. */
export const PEOPLE_EVENT_CONTRACTS = {
  'people.staff.joined': StaffJoinedV1,
  'people.staff.moved': StaffMovedV1,
  'people.staff.left': StaffLeftV1,
  'people.staff.erased': StaffErasedV1,
  'people.role.started': RoleStartedV1,
  'people.role.ended': RoleEndedV1,
  'people.designation.applied': DesignationAppliedV1,
  'people.designation.approved': DesignationApprovedV1,
  'people.designation.activated': DesignationActivatedV1,
  'people.designation.refused': DesignationRefusedV1,
  'people.designation.renewed': DesignationRenewedV1,
  'people.designation.suspended': DesignationSuspendedV1,
  'people.designation.reinstated': DesignationReinstatedV1,
  'people.designation.revoked': DesignationRevokedV1,
  'people.designation.lapsed': DesignationLapsedV1,
  'people.designation.due-for-renewal': DesignationDueForRenewalV1,
  'people.capacity.changed': CapacityChangedV1,
  'people.capacity.over-committed': CapacityOverCommittedV1,
  'people.skills.assessment-recorded': SkillsAssessmentRecordedV1,
} as const;
