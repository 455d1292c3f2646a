import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IsDateOnly } from '../validation/is-date-only';
import { defineEvents } from './define-events';
import { Topics } from './topics';

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

/** The people service's events, on its topic (`trustwide.people`). */
export const PEOPLE_EVENTS = defineEvents(Topics.people, {
  'people.staff.joined': {
    aggregateType: 'staff',
    version: 1,
    data: StaffJoinedV1,
    description: 'A member of staff joined a school of the trust (id, school and display name only).',
  },
  'people.staff.moved': {
    aggregateType: 'staff',
    version: 1,
    data: StaffMovedV1,
    description: 'A member of staff moved from one school of the trust to another.',
  },
  'people.staff.left': {
    aggregateType: 'staff',
    version: 1,
    data: StaffLeftV1,
    description: 'A member of staff left the trust; their open roles ended.',
  },
  'people.staff.erased': {
    aggregateType: 'staff',
    version: 1,
    data: StaffErasedV1,
    description: "A person's details were erased on request: every projection must forget their name.",
  },
  'people.role.started': {
    aggregateType: 'staff',
    version: 1,
    data: RoleStartedV1,
    description: 'A member of staff started a role (in a school, or trust-wide for the CEO).',
  },
  'people.role.ended': {
    aggregateType: 'staff',
    version: 1,
    data: RoleEndedV1,
    description: "A member of staff's role ended.",
  },
  'people.designation.applied': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationAppliedV1,
    description: 'A leader applied for a designation (SLE, LLE, NLE, ...), released by their employing school.',
  },
  'people.designation.approved': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationApprovedV1,
    description: 'A designation was approved against its evidence, with its term and the days a year the school releases the leader.',
  },
  'people.designation.activated': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationActivatedV1,
    description: "An approved designation's term began: the leader may now be deployed.",
  },
  'people.designation.refused': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationRefusedV1,
    description: 'An application for a designation was refused.',
  },
  'people.designation.renewed': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationRenewedV1,
    description: 'A designation was renewed for a new term that follows the current one.',
  },
  'people.designation.suspended': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationSuspendedV1,
    description: 'An active designation was suspended.',
  },
  'people.designation.reinstated': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationReinstatedV1,
    description: 'A suspended designation was reinstated.',
  },
  'people.designation.revoked': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationRevokedV1,
    description: 'A designation was revoked.',
  },
  'people.designation.lapsed': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationLapsedV1,
    description: "A designation's term ended without renewal (announced by the scheduled expiry run).",
  },
  'people.designation.due-for-renewal': {
    aggregateType: 'designation',
    version: 1,
    data: DesignationDueForRenewalV1,
    description: "A designation's term ends within the renewal window and no renewal is recorded (once per term).",
  },
  'people.capacity.changed': {
    aggregateType: 'staff',
    version: 1,
    data: CapacityChangedV1,
    description: "A designated leader's released or committed days in an academic year changed.",
  },
  'people.capacity.over-committed': {
    aggregateType: 'staff',
    version: 1,
    data: CapacityOverCommittedV1,
    description: 'A designated leader has just become committed to more days than their school releases them for.',
  },
  'people.skills.assessment-recorded': {
    aggregateType: 'staff',
    version: 1,
    data: SkillsAssessmentRecordedV1,
    description: 'A member of staff recorded a self-assessment of their system-leadership skills (ids and role only; no scores).',
  },
});
