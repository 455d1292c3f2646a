import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '@trustwide/common';
import { ROLES, type Role } from '../../staff/roles';
import { FRAMEWORK_ROLES, type FrameworkRole } from '../default-framework';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Confidence 1–10 per skill id, for the system-leadership role held (`aspiring: false`) or aspired to. */
export class RecordAssessmentCommand {
  @IsIn(FRAMEWORK_ROLES) role: FrameworkRole;
  @IsBoolean() aspiring: boolean;
  @IsDateOnly() assessedOn: string;
  @IsObject() confidences: Record<string, number>;
}

/** The trust's framework: a name and the importance 1–10 of every skill for every role. */
export class ReplaceFrameworkCommand {
  @IsOptional() @IsString() @Length(1, 300) name?: string;
  @IsObject() importance: Record<string, Record<string, number>>;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) expectedVersion?: number;
}

export class PersonGapsQuery {
  @IsIn(FRAMEWORK_ROLES) role: FrameworkRole;
}

/** A group: the latest assessment for `role` of each person matching every filter given. */
export class GroupGapsQuery {
  @IsIn(FRAMEWORK_ROLES) role: FrameworkRole;
  /** People currently holding this staff role (e.g. `headteacher`). */
  @IsOptional() @IsIn(ROLES) staffRole?: Role;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  schoolId?: string;
  /** true: those aspiring to the role; false: those holding it. */
  @IsOptional() @Transform(bool) @IsBoolean() aspiring?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) minRespondents?: number;
}
