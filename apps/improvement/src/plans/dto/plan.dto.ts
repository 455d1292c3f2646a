import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from '@trustwide/common';
import { PriorityLinkInput } from '../../agreements/dto/agreement.dto';
import { ACTION_STATUSES, PLAN_STATUSES, type ActionStatus, type PlanStatus } from '../plan';

const ACADEMIC_YEAR = /^\d{4}\/\d{2}$/;

export class CreatePlanCommand {
  @IsUUID() schoolId: string;
  @Matches(ACADEMIC_YEAR, { message: 'academicYear must be an academic year such as 2025/26' }) academicYear: string;
}

export class AddPriorityCommand {
  @IsString() @Length(1, 300) title: string;
  @ValidateNested() @Type(() => PriorityLinkInput) link: PriorityLinkInput;
}

export class AddActionCommand {
  @IsString() @Length(1, 300) title: string;
  /** Staff id of the person accountable. */
  @IsUUID() ownerId: string;
  @IsDateOnly() dueOn: string;
  @IsOptional() @IsIn(ACTION_STATUSES) status?: ActionStatus;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 2000, { each: true }) evidence?: string[];
}

export class ChangeActionStatusCommand {
  @IsIn(ACTION_STATUSES) status: ActionStatus;
  /** What shows it happened (added to what is there); needed to mark it done. */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 2000, { each: true }) evidence?: string[];
}

export class ListPlansQuery {
  @IsOptional() @IsUUID() schoolId?: string;
  @IsOptional() @Matches(ACADEMIC_YEAR) academicYear?: string;
  @IsOptional() @IsIn(PLAN_STATUSES) status?: PlanStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}
