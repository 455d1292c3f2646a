import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../validation/is-date-only';
import { defineEvents } from './define-events';
import { Topics } from './topics';
import { STAFF_ROLES, type StaffRole } from './people.events';
import { MEASURE_NAMES, type MeasureName } from './vocabularies';
import { SKILL_IDS } from './skills';

/**
 * Contracts of the events the CPD service publishes (topic `trustwide.cpd`). They carry ids, codes,
 * dates and counts: no names of people, no feedback text, no withdrawal or cancellation reasons
 * (those can be personal and stay in the CPD service, which can erase them). Money is in whole pence.
 * Not yet registered in the event catalogue (the lead does that with the service).
 */

export const PROGRAMME_KINDS = ['npq', 'trust'] as const;
export const FUNDING_SOURCES = [
  'dfe-scholarship',
  'dfe-grant',
  'local-authority',
  'trust-cpd-budget',
  'school-budget',
  'self-funded',
] as const;
export const ENROLMENT_STATES = ['enrolled', 'waitlisted', 'withdrawn', 'completed', 'passed', 'not-passed'] as const;
export const WITHDRAWAL_REASONS = ['requested', 'left-trust', 'cohort-cancelled'] as const;

/** The 19 skills of the shared skills framework (skills.ts). */
export const CPD_SKILL_IDS = SKILL_IDS;

const CODE = /^[A-Z][A-Z0-9-]{1,31}$/;
/** `2024/25`, or a term of it: `2024/25-autumn`. */
const PERIOD = /^\d{4}\/\d{2}(-(autumn|spring|summer))?$/;
const MAX_PENCE = 100_000_000_000;

// Programmes

export class PrerequisiteV1 {
  @IsIn(['role-held', 'years-in-role']) kind: 'role-held' | 'years-in-role';
  @IsArray() @ArrayMinSize(1) @IsIn(STAFF_ROLES, { each: true }) roles: StaffRole[];
  /** Only for `years-in-role`. */
  @IsOptional() @IsInt() @Min(1) @Max(40) years?: number;
}

export class ProgrammePublishedV1 {
  @IsUUID() programmeId: string;
  @Matches(CODE) code: string;
  @IsIn(PROGRAMME_KINDS) kind: (typeof PROGRAMME_KINDS)[number];
  @IsString() @Length(1, 200) name: string;
  @IsString() @Length(1, 200) provider: string;
  @IsIn(FUNDING_SOURCES) fundingSource: (typeof FUNDING_SOURCES)[number];
  @IsInt() @Min(0) @Max(MAX_PENCE) costPerPlacePence: number;
  @IsArray() @ArrayMinSize(1) @IsIn(CPD_SKILL_IDS, { each: true }) skills: string[];
  @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PrerequisiteV1) prerequisites: PrerequisiteV1[];
  @IsInt() @Min(1) @Max(36) lengthMonths: number;
  @IsBoolean() assessed: boolean;
  @IsBoolean() awardsQualification: boolean;
  @IsInt() @Min(1) version: number;
}

/** The whole new version, and which fields changed (only announced when one did). */
export class ProgrammeChangedV1 extends ProgrammePublishedV1 {
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) changed: string[];
}

export class ProgrammeRetiredV1 {
  @IsUUID() programmeId: string;
  @Matches(CODE) code: string;
  @IsInt() @Min(1) version: number;
  @IsDateOnly() retiredOn: string;
}

// Cohorts

export class CohortScheduledV1 {
  @IsUUID() cohortId: string;
  @IsUUID() programmeId: string;
  @Matches(CODE) programmeCode: string;
  @IsInt() @Min(1) @Max(200) places: number;
  /** Session dates in order. */
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(60) @IsDateOnly({ each: true }) sessionDates: string[];
  /** The school hosting it; null when it meets elsewhere. */
  @IsOptional() @IsUUID() venueSchoolId: string | null;
  @IsArray() @ArrayMinSize(1) @IsUUID(undefined, { each: true }) facilitatorIds: string[];
}

/** The last place was taken: further requests are waitlisted. Announced once per filling. */
export class CohortFullV1 {
  @IsUUID() cohortId: string;
  @IsUUID() programmeId: string;
  @IsInt() @Min(1) places: number;
  @IsInt() @Min(0) waitlisted: number;
}

/** Everyone enrolled or waiting was released (each enrolment is announced withdrawn as well). */
export class CohortCancelledV1 {
  @IsUUID() cohortId: string;
  @IsUUID() programmeId: string;
  @IsDateOnly() cancelledOn: string;
  /** Days before the first session (negative once it had begun). */
  @IsInt() noticeDays: number;
  @IsBoolean() shortNotice: boolean;
  @IsInt() @Min(0) released: number;
}

// Enrolments

class EnrolmentIdsV1 {
  @IsUUID() enrolmentId: string;
  @IsUUID() cohortId: string;
  @IsUUID() programmeId: string;
  @IsUUID() staffId: string;
}

export class EnrolmentCreatedV1 extends EnrolmentIdsV1 {
  /** The person's school when they enrolled (for take-up per school). */
  @IsUUID() schoolId: string;
  /** The commission paying for the place, if any. */
  @IsOptional() @IsUUID() commissionId: string | null;
  @IsDateOnly() enrolledOn: string;
}

export class EnrolmentWaitlistedV1 extends EnrolmentIdsV1 {
  @IsUUID() schoolId: string;
  /** 1 = next to be promoted. */
  @IsInt() @Min(1) position: number;
  @IsDateOnly() waitlistedOn: string;
}

/** A place freed and the first waiting took it. */
export class EnrolmentPromotedV1 extends EnrolmentIdsV1 {
  @IsDateOnly() promotedOn: string;
}

export class EnrolmentWithdrawnV1 extends EnrolmentIdsV1 {
  @IsIn(['enrolled', 'waitlisted']) from: 'enrolled' | 'waitlisted';
  @IsIn(WITHDRAWAL_REASONS) reason: (typeof WITHDRAWAL_REASONS)[number];
  @IsDateOnly() withdrawnOn: string;
  /** The place's cost went back to its commission (withdrawn before the first session). */
  @IsBoolean() refunded: boolean;
}

export class EnrolmentCompletedV1 extends EnrolmentIdsV1 {
  @IsDateOnly() completedOn: string;
}

export class EnrolmentAssessedV1 extends EnrolmentIdsV1 {
  @IsBoolean() passed: boolean;
  @IsDateOnly() assessedOn: string;
}

/** A pass of a qualification-awarding programme (an NPQ): the people service records it on the person. */
export class QualificationAwardedV1 {
  @IsUUID() staffId: string;
  @IsUUID() enrolmentId: string;
  @IsUUID() programmeId: string;
  @Matches(CODE) programmeCode: string;
  @IsString() @Length(1, 200) qualification: string;
  @IsDateOnly() awardedOn: string;
}

// Commissions

export class CommissionCreatedV1 {
  @IsUUID() commissionId: string;
  @IsUUID() programmeId: string;
  @Matches(CODE) programmeCode: string;
  @IsArray() @ArrayMinSize(1) @IsUUID(undefined, { each: true }) schoolIds: string[];
  @IsInt() @Min(1) @Max(MAX_PENCE) budgetPence: number;
  @IsInt() @Min(0) @Max(MAX_PENCE) costPerPlacePence: number;
}

/** Committed spending reached the threshold share of the budget (announced on crossing). */
export class CommissionNearBudgetV1 {
  @IsUUID() commissionId: string;
  @IsInt() @Min(1) budgetPence: number;
  @IsInt() @Min(0) committedPence: number;
  @IsInt() @Min(1) @Max(100) thresholdPercent: number;
}

/** What is left can no longer pay for a place (announced on crossing). */
export class CommissionSpentV1 {
  @IsUUID() commissionId: string;
  @IsInt() @Min(1) budgetPence: number;
  @IsInt() @Min(0) committedPence: number;
  @IsInt() @Min(0) remainingPence: number;
}

// Evaluations

export class EvaluationRecordedV1 {
  @IsUUID() evaluationId: string;
  @IsUUID() programmeId: string;
  @IsOptional() @IsUUID() cohortId: string | null;
  @IsIn(MEASURE_NAMES) measure: MeasureName;
  @Matches(PERIOD) before: string;
  @Matches(PERIOD) after: string;
  /** Schools measured in both periods. */
  @IsArray() @IsUUID(undefined, { each: true }) schoolIds: string[];
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) meanChange: number | null;
  @IsOptional() @IsInt() @Min(0) improvedIn: number | null;
  @IsInt() @Min(0) feedbackResponses: number;
}

/** Every CPD event's data class, for documentation and tests. */
export const CPD_EVENT_CONTRACTS = {
  'cpd.programme.published': ProgrammePublishedV1,
  'cpd.programme.changed': ProgrammeChangedV1,
  'cpd.programme.retired': ProgrammeRetiredV1,
  'cpd.cohort.scheduled': CohortScheduledV1,
  'cpd.cohort.full': CohortFullV1,
  'cpd.cohort.cancelled': CohortCancelledV1,
  'cpd.enrolment.created': EnrolmentCreatedV1,
  'cpd.enrolment.waitlisted': EnrolmentWaitlistedV1,
  'cpd.enrolment.promoted': EnrolmentPromotedV1,
  'cpd.enrolment.withdrawn': EnrolmentWithdrawnV1,
  'cpd.enrolment.completed': EnrolmentCompletedV1,
  'cpd.enrolment.assessed': EnrolmentAssessedV1,
  'cpd.commission.created': CommissionCreatedV1,
  'cpd.commission.near-budget': CommissionNearBudgetV1,
  'cpd.commission.spent': CommissionSpentV1,
  'cpd.evaluation.recorded': EvaluationRecordedV1,
  'cpd.qualification.awarded': QualificationAwardedV1,
} as const;

/** The cpd service's events, on its topic (`trustwide.cpd`). */
export const CPD_EVENTS = defineEvents(Topics.cpd, {
  'cpd.programme.published': {
    aggregateType: 'programme',
    version: 1,
    data: ProgrammePublishedV1,
    description: 'A programme (an NPQ or a trust programme) was published in the catalogue.',
  },
  'cpd.programme.changed': {
    aggregateType: 'programme',
    version: 1,
    data: ProgrammeChangedV1,
    description: "A programme's details changed (the fields that changed).",
  },
  'cpd.programme.retired': {
    aggregateType: 'programme',
    version: 1,
    data: ProgrammeRetiredV1,
    description: 'A programme was retired from the catalogue.',
  },
  'cpd.cohort.scheduled': {
    aggregateType: 'cohort',
    version: 1,
    data: CohortScheduledV1,
    description: 'A cohort of a programme was scheduled, with its sessions and places.',
  },
  'cpd.cohort.full': {
    aggregateType: 'cohort',
    version: 1,
    data: CohortFullV1,
    description: "A cohort's places are all taken; new requests join its waitlist.",
  },
  'cpd.cohort.cancelled': {
    aggregateType: 'cohort',
    version: 1,
    data: CohortCancelledV1,
    description: 'A cohort was cancelled; everyone on it was released with notice.',
  },
  'cpd.enrolment.created': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentCreatedV1,
    description: 'A member of staff took a place on a cohort.',
  },
  'cpd.enrolment.waitlisted': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentWaitlistedV1,
    description: "A member of staff joined a full cohort's waitlist, in arrival order.",
  },
  'cpd.enrolment.promoted': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentPromotedV1,
    description: 'The first person waiting took a place that was freed.',
  },
  'cpd.enrolment.withdrawn': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentWithdrawnV1,
    description: 'An enrolment was withdrawn (on request, a departure from the trust, or a cancelled cohort).',
  },
  'cpd.enrolment.completed': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentCompletedV1,
    description: 'A participant completed a programme.',
  },
  'cpd.enrolment.assessed': {
    aggregateType: 'cohort',
    version: 1,
    data: EnrolmentAssessedV1,
    description: "A participant's assessment was recorded (passed or not).",
  },
  'cpd.commission.created': {
    aggregateType: 'commission',
    version: 1,
    data: CommissionCreatedV1,
    description: 'A CPD lead commissioned a programme for named schools with a budget.',
  },
  'cpd.commission.near-budget': {
    aggregateType: 'commission',
    version: 1,
    data: CommissionNearBudgetV1,
    description: "A commission's committed spend crossed its near-budget threshold.",
  },
  'cpd.commission.spent': {
    aggregateType: 'commission',
    version: 1,
    data: CommissionSpentV1,
    description: "A commission's budget cannot pay for another place.",
  },
  'cpd.evaluation.recorded': {
    aggregateType: 'programme',
    version: 1,
    data: EvaluationRecordedV1,
    description: 'An evaluation of a programme was recorded: feedback and measured impact.',
  },
  'cpd.qualification.awarded': {
    aggregateType: 'staff',
    version: 1,
    data: QualificationAwardedV1,
    description: 'A member of staff was awarded a qualification (e.g. an NPQ) on passing its assessment.',
  },
});
