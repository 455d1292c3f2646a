import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { INSPECTION_FRAMEWORKS, MEASURE_NAMES, type InspectionFramework, type MeasureName } from '@trustwide/contracts';
import { IsDateOnly } from '@trustwide/common';
import { TakenFromSignIn } from '../../shared/signed-in-actor';
import { AGREEMENT_STATUSES, FUNDING_SOURCES, PARTIES, type AgreementStatus, type FundingSource, type Party } from '../agreement';

/** What a priority area or plan priority is about (its vocabulary is checked by the domain rule, per framework). */
export class PriorityLinkInput {
  @IsIn(['inspection-area', 'measure']) kind: 'inspection-area' | 'measure';
  @IsOptional() @IsIn(INSPECTION_FRAMEWORKS) framework?: InspectionFramework;
  @IsOptional() @IsString() @Length(1, 100) area?: string;
  @IsOptional() @IsIn(MEASURE_NAMES) measure?: MeasureName;
}

export class ResponsibilityInput {
  @IsIn(PARTIES) party: Party;
  @IsString() @Length(1, 2000) text: string;
}

export class CriterionInput {
  /** Kept when an update sends the criterion again; a new one gets an id. */
  @IsOptional() @IsUUID() id?: string;
  @IsString() @Length(1, 300) measure: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-1e9) @Max(1e9) baseline: number;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-1e9) @Max(1e9) target: number;
  @IsDateOnly() byWhen: string;
}

export class ScheduleInput {
  @IsDateOnly() startsOn: string;
  @IsDateOnly() endsOn: string;
  @IsArray() @ArrayMaxSize(12) @IsDateOnly({ each: true }) interimReportsDue: string[];
  @IsDateOnly() finalReportDue: string;
}

export class FundingInput {
  @IsIn(FUNDING_SOURCES) source: FundingSource;
  /** Whole pence (£15,000 is 1500000). */
  @IsInt() @Min(0) @Max(2_000_000_000) amountPence: number;
}

export class DraftAgreementCommand {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) supportedSchoolIds: string[];
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) supportingSchoolIds: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriorityLinkInput)
  priorityAreas?: PriorityLinkInput[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResponsibilityInput)
  responsibilities?: ResponsibilityInput[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CriterionInput) impact?: CriterionInput[];
  @ValidateNested() @Type(() => ScheduleInput) schedule: ScheduleInput;
  @ValidateNested() @Type(() => FundingInput) funding: FundingInput;
  @IsOptional() @IsUUID() qaLeadId?: string | null;
}

/** A draft rewritten: what is sent replaces what was there. */
export class UpdateAgreementCommand {
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) supportedSchoolIds?: string[];
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) supportingSchoolIds?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriorityLinkInput)
  priorityAreas?: PriorityLinkInput[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResponsibilityInput)
  responsibilities?: ResponsibilityInput[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => CriterionInput) impact?: CriterionInput[];
  @IsOptional() @ValidateNested() @Type(() => ScheduleInput) schedule?: ScheduleInput;
  @IsOptional() @ValidateNested() @Type(() => FundingInput) funding?: FundingInput;
  @IsOptional() @IsUUID() qaLeadId?: string | null;
  /** Optimistic check: 409 if the agreement changed since this version was read. */
  @IsOptional() @IsInt() @Min(1) expectedVersion?: number;
}

/** The QA lead's approval: nothing to send, the approver is the caller's linked staff record (it must be the agreement's QA lead). */
export class AgreeCommand {
  @TakenFromSignIn('approvedBy', 'the approver') approvedBy?: unknown;
}

/** Starting or completing support: who did it (a user or staff id). */
export class StepCommand {
  @IsString() @Length(1, 200) by: string;
}

export class EndAgreementCommand {
  @IsString() @Length(1, 2000) reason: string;
  @IsString() @Length(1, 200) by: string;
}

export class DeployLeaderCommand {
  @IsUUID() leaderId: string;
  @IsInt() @Min(1) @Max(366) days: number;
  /** Optional split by academic year (`{"2026/27": 12, "2027/28": 8}`); else pro rata to the support's days in each year. */
  @IsOptional() @IsObject() daysByYear?: Record<string, number>;
}

export class RecordSpendCommand {
  @IsInt() @Min(1) @Max(2_000_000_000) amountPence: number;
  @IsDateOnly() spentOn: string;
  @IsString() @Length(1, 500) description: string;
}

export class ResolveFlagCommand {
  @IsString() @Length(1, 200) by: string;
}

export class ListAgreementsQuery {
  @IsOptional() @IsIn(AGREEMENT_STATUSES) status?: AgreementStatus;
  /** `true`: only agreements with an open flag. */
  @IsOptional() @Type(() => String) @IsIn(['true', 'false']) flagged?: 'true' | 'false';
  @IsOptional() @IsUUID() schoolId?: string;
  @IsOptional() @IsUUID() leaderId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}

export class SupportSettingsCommand {
  @IsInt() @Min(1) @Max(50) maxConcurrentSupportingAgreements: number;
}
