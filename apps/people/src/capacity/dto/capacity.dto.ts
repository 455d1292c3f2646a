import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { CAPACITY_STATUSES, type CapacityStatus } from '../capacity';
import type { LeaderCapacity } from '../capacity.entity';

export class ListCapacityQuery {
  @IsOptional() @Matches(/^\d{4}\/\d{2}$/, { message: 'academicYear must be an academic year such as 2025/26' }) academicYear?: string;
  @IsOptional() @IsIn(CAPACITY_STATUSES) status?: CapacityStatus;
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID()
  staffId?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}

export interface CapacityResponse {
  staffId: string;
  academicYear: string;
  availableDays: number;
  committedDays: number;
  remainingDays: number;
  status: CapacityStatus;
}

export const mapCapacity = (c: LeaderCapacity): CapacityResponse => ({
  staffId: c.staffId,
  academicYear: c.academicYear,
  availableDays: c.availableDays,
  committedDays: c.committedDays,
  remainingDays: c.availableDays - c.committedDays,
  status: c.status,
});
