import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsAcademicPeriod,
  IsDateOnly,
  IsWholeNumber,
  MEASURE_NAMES,
  STAFF_ROLES,
  type MeasureName,
  type StaffRole,
} from '@trustwide/common';
import { MAX_PLACES, MAX_SESSIONS } from '../cohorts/cohort';
import {
  FUNDING_SOURCES,
  PROGRAMME_KINDS,
  MAX_COST_PER_PLACE,
  type FundingSource,
  type ProgrammeDefinition,
  type ProgrammeKind,
} from '../programmes/programme';
import { ROLE_NAMES } from '../shared/roles';
import { FRAMEWORK_ROLES, SKILL_IDS, type FrameworkRole, type SkillId } from '../shared/skills';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

// Programmes

export class PrerequisiteDto {
  @IsIn(['role-held', 'years-in-role']) kind: 'role-held' | 'years-in-role';
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(11) @IsIn(STAFF_ROLES, { each: true }) roles: StaffRole[];
  /** Only for `years-in-role`. */
  @ValidateIf((o: PrerequisiteDto) => o.kind === 'years-in-role') @IsWholeNumber(1, 40) years?: number;
  /** How the experience is named in refusals (`headship`); defaults to the roles. */
  @IsOptional() @Transform(trim) @IsString() @Length(1, 100) experienceName?: string;
}

export class ProgrammeCommand {
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z][A-Z0-9-]{1,31}$/, { message: 'code must be 2 to 32 capital letters, digits or hyphens, starting with a letter' })
  code: string;
  @IsIn(PROGRAMME_KINDS) kind: ProgrammeKind;
  @Transform(trim) @IsString() @Length(1, 200) name: string;
  @Transform(trim) @IsString() @Length(1, 200) provider: string;
  @IsIn(FUNDING_SOURCES) fundingSource: FundingSource;
  @IsWholeNumber(0, MAX_COST_PER_PLACE) costPerPlacePence: number;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(19) @IsIn(SKILL_IDS, { each: true }) skills: SkillId[];
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PrerequisiteDto) prerequisites?: PrerequisiteDto[];
  @IsWholeNumber(1, 36) lengthMonths: number;
  @IsOptional() @IsWholeNumber(1, 365) contactDays?: number | null;
  @IsBoolean() assessed: boolean;
  @IsBoolean() awardsQualification: boolean;
}

export const toDefinition = (c: ProgrammeCommand): ProgrammeDefinition => ({
  code: c.code,
  kind: c.kind,
  name: c.name,
  provider: c.provider,
  fundingSource: c.fundingSource,
  costPerPlace: c.costPerPlacePence,
  skills: c.skills,
  prerequisites: (c.prerequisites ?? []).map((p) =>
    p.kind === 'role-held'
      ? { kind: 'role-held', roles: p.roles }
      : {
          kind: 'years-in-role',
          roles: p.roles,
          years: p.years!,
          experienceName: p.experienceName ?? `service as ${p.roles.map((r) => ROLE_NAMES[r]).join(' or ')}`,
        },
  ),
  length: { months: c.lengthMonths, contactDays: c.contactDays ?? null },
  assessed: c.assessed,
  awardsQualification: c.awardsQualification,
});

export class ReasonCommand {
  @Transform(trim) @IsString() @Length(1, 500) reason: string;
}

/** Paging as every list of the public API pages: `limit` 1..500 (default 50), `offset` from 0. */
export class PageQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}

export class ProgrammeListQuery extends PageQuery {
  @IsOptional() @IsIn(['published', 'retired']) status?: 'published' | 'retired';
}

// Cohorts

export class SessionDto {
  @IsDateOnly() date: string;
  @Transform(trim) @IsString() @Length(1, 200) title: string;
}

export class VenueDto {
  @ValidateIf((o: VenueDto) => o.name === undefined) @IsUUID() schoolId?: string;
  @ValidateIf((o: VenueDto) => o.schoolId === undefined) @Transform(trim) @IsString() @Length(1, 200) name?: string;
}

export class ScheduleCohortCommand {
  @IsUUID() programmeId: string;
  @IsWholeNumber(1, MAX_PLACES) places: number;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SESSIONS) @ValidateNested({ each: true }) @Type(() => SessionDto) sessions: SessionDto[];
  @IsObject() @ValidateNested() @Type(() => VenueDto) venue: VenueDto;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID(undefined, { each: true }) facilitatorIds: string[];
}

export class ByProgrammeQuery extends PageQuery {
  @IsOptional() @IsUUID() programmeId?: string;
}

// Enrolments

export class EnrolCommand {
  @IsUUID() cohortId: string;
  @IsUUID() staffId: string;
  /** The commission paying for the place, if any. */
  @IsOptional() @IsUUID() commissionId?: string | null;
}

export class EnrolmentListQuery extends PageQuery {
  @IsOptional() @IsUUID() cohortId?: string;
  @IsOptional() @IsUUID() staffId?: string;
  @IsOptional() @IsIn(['enrolled', 'waitlisted', 'withdrawn', 'completed', 'passed', 'not-passed']) status?: string;
}

export class AssessCommand {
  @IsBoolean() passed: boolean;
}

export class RatingsDto {
  @IsWholeNumber(1, 5) overall: number;
  @IsWholeNumber(1, 5) relevance: number;
  @IsWholeNumber(1, 5) impactOnPractice: number;
}

export class FeedbackCommand {
  @IsObject() @ValidateNested() @Type(() => RatingsDto) ratings: RatingsDto;
  @IsBoolean() wouldRecommend: boolean;
}

// Commissions

export class CommissionCommand {
  @IsUUID() programmeId: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID(undefined, { each: true }) schoolIds: string[];
  @IsWholeNumber(1, 100_000_000_000) budgetPence: number;
}

export class CostCommand {
  @IsWholeNumber(1, 100_000_000_000) amountPence: number;
  @Transform(trim) @IsString() @Length(1, 200) description: string;
}

// Evaluations

export class EvaluationCommand {
  @IsUUID() programmeId: string;
  @IsOptional() @IsUUID() cohortId?: string | null;
  @IsIn(MEASURE_NAMES) measure: MeasureName;
  @IsOptional() @IsAcademicPeriod() before?: string;
  @IsOptional() @IsAcademicPeriod() after?: string;
}

// Recommendations

export class GapDto {
  @IsIn(SKILL_IDS) skill: SkillId;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-10) @Max(10) gap: number;
}

export class RecommendationCommand {
  @IsOptional() @IsUUID() staffId?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID(undefined, { each: true }) staffIds?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(19) @ValidateNested({ each: true }) @Type(() => GapDto) gaps?: GapDto[];
  @IsOptional() @IsIn(FRAMEWORK_ROLES) role?: FrameworkRole;
  @IsOptional() @IsObject() confidences?: Record<string, number>;
}

export class ReportQuery {
  @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
