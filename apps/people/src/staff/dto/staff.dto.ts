import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsDateOnly } from '@trustwide/common';
import { ROLES, type Role } from '../roles';
import { STAFF_STATUSES, type StaffStatus } from '../staff.entity';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A member of staff joins a school of the trust, optionally in a role from the same day. */
export class JoinStaffCommand {
  @Transform(trim) @IsString() @Length(1, 100) firstName: string;
  @Transform(trim) @IsString() @Length(1, 100) lastName: string;
  @IsOptional() @Transform(lower) @IsEmail() @Length(3, 254) workEmail?: string | null;
  /** The employing school: a school of the trust. */
  @Transform(lower) @IsUUID() schoolId: string;
  @IsDateOnly() joinedOn: string;
  @IsOptional() @IsIn(ROLES) role?: Role;
}

export class MoveStaffCommand {
  @Transform(lower) @IsUUID() schoolId: string;
  @IsDateOnly() movedOn: string;
}

export class LeaveStaffCommand {
  @IsDateOnly() leftOn: string;
}

/** A role held from `startedOn` (to `endedOn` for a past spell). An open spell must be at a school of the trust. */
export class StartRoleCommand {
  @IsIn(ROLES) role: Role;
  /** null for a trust-level role (CEO). */
  @IsOptional() @Transform(lower) @IsUUID() schoolId?: string | null;
  @IsDateOnly() startedOn: string;
  @IsOptional() @IsDateOnly() endedOn?: string | null;
}

export class EndRoleCommand {
  @IsDateOnly() endedOn: string;
}

export class ListStaffQuery {
  /** Part of the name or email. */
  @IsOptional() @IsString() @Length(1, 200) q?: string;
  @IsOptional() @Transform(lower) @IsUUID() schoolId?: string;
  /** Holds this role now. */
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @IsIn(STAFF_STATUSES) status?: StaffStatus;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}
