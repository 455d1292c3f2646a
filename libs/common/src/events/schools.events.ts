import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '../validation/is-date-only';
import { defineEvents } from './define-events';
import { Topics } from './topics';
import {
  INSPECTION_FRAMEWORKS,
  JOIN_ROUTES,
  LEADERSHIP_MODELS,
  MEASURE_NAMES,
  MEMBERSHIPS,
  RISK_LEVELS,
  SAFEGUARDING_OUTCOMES,
  SCHOOL_PHASES,
  type InspectionFramework,
  type JoinRoute,
  type LeadershipModel,
  type MeasureName,
  type Membership,
  type RiskLevel,
  type SchoolPhase,
} from './vocabularies';

/** Contracts of the events the schools service publishes (topic `trustwide.schools`). */

export class TrustProfileV1 {
  @IsUUID() trustId: string;
  @IsOptional() @IsString() @Length(1, 20) groupUid: string | null;
  @IsString() @Length(1, 300) name: string;
  @IsOptional() @IsString() @Length(1, 20) companiesHouseNumber: string | null;
  @IsOptional() @IsString() @Length(1, 100) groupType: string | null;
}

export class TrustRegisteredV1 extends TrustProfileV1 {}

export class TrustUpdatedV1 extends TrustProfileV1 {
  @IsArray() @IsString({ each: true }) changedFields: string[];
}

export class SchoolProfileV1 {
  @IsUUID() schoolId: string;
  @IsInt() @Min(100000) @Max(9999999) urn: number;
  @IsString() @Length(1, 300) name: string;
  @IsIn(SCHOOL_PHASES) phase: SchoolPhase;
  @IsOptional() @IsString() establishmentType: string | null;
  @IsOptional() @IsString() status: string | null;
  @IsOptional() @IsString() localAuthorityCode: string | null;
  @IsOptional() @IsString() localAuthority: string | null;
  @IsOptional() @IsString() street: string | null;
  @IsOptional() @IsString() town: string | null;
  @IsOptional() @IsString() postcode: string | null;
  @IsOptional() @IsInt() easting: number | null;
  @IsOptional() @IsInt() northing: number | null;
  @IsOptional() @IsInt() @Min(0) pupilsOnRoll: number | null;
  @IsOptional() @IsInt() @Min(0) capacity: number | null;
  @IsOptional() @IsInt() @Min(0) lowAge: number | null;
  @IsOptional() @IsInt() @Min(0) highAge: number | null;
  @IsIn(MEMBERSHIPS) membership: Membership;
  @IsOptional() @IsDateOnly() joinedTrustOn: string | null;
  @IsOptional() @IsDateOnly() leftTrustOn: string | null;
  @IsOptional() @IsIn(JOIN_ROUTES) joinRoute: JoinRoute | null;
  @IsOptional() @IsIn(LEADERSHIP_MODELS) leadershipModel: LeadershipModel | null;
  @IsOptional() @IsInt() predecessorUrn: number | null;
  @IsOptional() @IsDateOnly() openedOn: string | null;
  @IsOptional() @IsDateOnly() closedOn: string | null;
}

export class SchoolRegisteredV1 {
  @IsDefined() @ValidateNested() @Type(() => SchoolProfileV1) school: SchoolProfileV1;
}

export class SchoolUpdatedV1 {
  @IsDefined() @ValidateNested() @Type(() => SchoolProfileV1) school: SchoolProfileV1;
  /** Profile fields whose value changed. */
  @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) changedFields: string[];
}

export class SchoolJoinedTrustV1 {
  @IsUUID() schoolId: string;
  @IsInt() urn: number;
  @IsDateOnly() joinedOn: string;
  @IsIn(JOIN_ROUTES) route: JoinRoute;
}

export class SchoolLeftTrustV1 {
  @IsUUID() schoolId: string;
  @IsInt() urn: number;
  @IsDateOnly() leftOn: string;
  @IsOptional() @IsString() @Length(0, 1000) reason: string | null;
}

export class InspectionJudgementV1 {
  /** e.g. `quality-of-education` (oeif) or `curriculum-and-teaching` (report card). */
  @IsString() @Length(1, 100) area: string;
  /** oeif: 1..4 as text ("1".."4"); report card: exceptional | strong-standard | expected-standard | needs-attention | urgent-improvement; safeguarding: met | not-met. */
  @IsString() @Length(1, 50) grade: string;
}

export class InspectionRecordedV1 {
  @IsUUID() inspectionId: string;
  @IsUUID() schoolId: string;
  @IsInt() urn: number;
  @IsIn(INSPECTION_FRAMEWORKS) framework: InspectionFramework;
  @IsOptional() @IsString() inspectionNumber: string | null;
  @IsOptional() @IsString() inspectionType: string | null;
  @IsDateOnly() startDate: string;
  @IsOptional() @IsDateOnly() publicationDate: string | null;
  /** oeif only: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
  @IsOptional() @IsInt() @Min(1) @Max(4) overallEffectiveness: number | null;
  @IsOptional() @IsString() categoryOfConcern: string | null;
  /** report card: met / not-met; oeif: effective / not-effective. */
  @IsOptional() @IsIn(SAFEGUARDING_OUTCOMES) safeguarding: string | null;
  @IsArray() @ValidateNested({ each: true }) @Type(() => InspectionJudgementV1) judgements: InspectionJudgementV1[];
}

export class MeasureValueV1 {
  @IsIn(MEASURE_NAMES) name: MeasureName;
  @IsNumber({ allowNaN: false, allowInfinity: false }) value: number;
}

export class MeasuresRecordedV1 {
  @IsUUID() schoolId: string;
  @IsInt() urn: number;
  /** Academic year `2024/25`, or a term of it: `2024/25-autumn`, `-spring`, `-summer`. */
  @IsString() @Length(7, 20) period: string;
  @IsArray() @ValidateNested({ each: true }) @Type(() => MeasureValueV1) measures: MeasureValueV1[];
}

export class RiskStatusChangedV1 {
  @IsUUID() schoolId: string;
  @IsInt() urn: number;
  @IsOptional() @IsIn(RISK_LEVELS) from: RiskLevel | null;
  @IsIn(RISK_LEVELS) to: RiskLevel;
  @IsArray() @IsString({ each: true }) reasons: string[];
  /** Version of the trust's risk rules that gave this status. */
  @IsOptional() @IsInt() @Min(1) rulesVersion?: number;
}

export class RiskRulesChangedV1 {
  @IsUUID() trustId: string;
  /** Assigned by the service: one more than the rules it replaced. */
  @IsInt() @Min(1) version: number;
  /** The whole rules document (GET /trusts/:t/risk-rules shows its shape). */
  @IsObject() rules: Record<string, unknown>;
  @IsInt() @Min(0) reassessed: number;
  @IsInt() @Min(0) changed: number;
}

/** The schools service's events, on `trustwide.schools`. */
export const SCHOOLS_EVENTS = defineEvents(Topics.schools, {
  'schools.trust.registered': {
    aggregateType: 'trust',
    version: 1,
    data: TrustRegisteredV1,
    description: 'A trust (the tenant) was registered, with its GIAS group UID and Companies House number.',
  },
  'schools.trust.updated': {
    aggregateType: 'trust',
    version: 1,
    data: TrustUpdatedV1,
    description: "A trust's name, Companies House number or group type changed.",
  },
  'schools.school.registered': {
    aggregateType: 'school',
    version: 1,
    data: SchoolRegisteredV1,
    description: "A school was added to the trust's register (by hand or by a GIAS import), with its whole profile.",
  },
  'schools.school.updated': {
    aggregateType: 'school',
    version: 1,
    data: SchoolUpdatedV1,
    description: "A school's profile changed; carries the whole new profile and the names of the fields that changed.",
  },
  'schools.school.joined-trust': {
    aggregateType: 'school',
    version: 1,
    data: SchoolJoinedTrustV1,
    description: 'A school joined the trust (sponsored, converter, free school or transfer).',
  },
  'schools.school.left-trust': {
    aggregateType: 'school',
    version: 1,
    data: SchoolLeftTrustV1,
    description: 'A school left the trust.',
  },
  'schools.inspection.recorded': {
    aggregateType: 'school',
    version: 1,
    data: InspectionRecordedV1,
    description:
      'An Ofsted inspection was recorded, tagged with its framework (oeif or report card); a corrected one (a later file amends it) is announced again under the same inspectionId.',
  },
  'schools.measures.recorded': {
    aggregateType: 'school',
    version: 1,
    data: MeasuresRecordedV1,
    description: "A school's measures for a term or year were recorded (only the values that changed).",
  },
  'schools.risk-status.changed': {
    aggregateType: 'school',
    version: 1,
    data: RiskStatusChangedV1,
    description:
      "A school's derived risk status changed, with the old and new status and the reasons; `from` equals `to` when only the reasons changed.",
  },
  'schools.risk-rules.changed': {
    aggregateType: 'trust',
    version: 1,
    data: RiskRulesChangedV1,
    description:
      'A trust replaced its risk rules; every school with something to judge by was re-derived (their changes follow as risk-status events).',
  },
});
