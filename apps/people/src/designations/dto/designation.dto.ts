import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsDateOnly } from '@trustwide/common';
import { DESIGNATION_TYPES, type DesignationType } from '../designation-types';
import { DESIGNATION_STATUSES, type DesignationStatus } from '../lifecycle';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** What every decision carries: why, who decided, and optionally the version it was decided on. */
export class DecisionCommand {
  @IsString() @Length(1, 2000) reason: string;
  /** The deciding user's id (from the gateway's identity once it authenticates). */
  @IsString() @Length(1, 200) decidedBy: string;
  /** Optimistic check: refused with 409 if the designation changed since this version was read. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

export class ApplyForDesignationCommand {
  @Transform(lower) @IsUUID() staffId: string;
  @IsIn(DESIGNATION_TYPES) type: DesignationType;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @Length(1, 100, { each: true }) specialisms?: string[];
  @IsString() @Length(1, 2000) reason: string;
  @IsString() @Length(1, 200) decidedBy: string;
}

/** The employing school's written commitment to release the leader. */
export class ReleaseCommitmentInput {
  @Transform(lower) @IsUUID() schoolId: string;
  @Type(() => Number) @IsInt() @Min(1) @Max(366) daysPerYear: number;
  /** Who signed for the school (a user id, e.g. the chair of governors'). */
  @IsString() @Length(1, 200) signedBy: string;
  @IsDateOnly() signedOn: string;
}

/** Evidence for approval or renewal; years in role come from the role history, the inspection from the school directory. */
export class EvidenceCommand extends DecisionCommand {
  @IsOptional() @IsString() @Length(1, 4000) outcomes?: string | null;
  @IsOptional() @IsString() @Length(1, 4000) supportRecord?: string | null;
  @IsOptional() @ValidateNested() @Type(() => ReleaseCommitmentInput) commitment?: ReleaseCommitmentInput | null;
}

export class ApproveDesignationCommand extends EvidenceCommand {
  @IsDateOnly() termStartsOn: string;
}

export class RenewDesignationCommand extends EvidenceCommand {}

export class ListDesignationsQuery {
  @IsOptional() @IsIn(DESIGNATION_STATUSES) status?: DesignationStatus;
  @IsOptional() @IsIn(DESIGNATION_TYPES) type?: DesignationType;
  @IsOptional() @Transform(lower) @IsUUID() schoolId?: string;
  @IsOptional() @Transform(lower) @IsUUID() staffId?: string;
  /** Term ends on or after this day. */
  @IsOptional() @IsDateOnly() expiresFrom?: string;
  /** Term ends on or before this day. */
  @IsOptional() @IsDateOnly() expiresTo?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}
