import { PartialType } from '@nestjs/mapped-types';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

const GROUP_UID = { pattern: /^\d{1,10}$/, message: 'groupUid must be the GIAS group UID (digits), e.g. 2044' };

export class RegisterTrustDto {
  @IsString() @Length(1, 300) name: string;
  /** GIAS group UID, e.g. "2044": lets imports find the trust's schools. */
  @IsOptional() @Matches(GROUP_UID.pattern, { message: GROUP_UID.message }) groupUid?: string;
  @IsOptional()
  @Matches(/^(\d{8}|[A-Z]{2}\d{6}|\d{1,7})$/, { message: 'companiesHouseNumber must be a Companies House number, e.g. 07318714' })
  companiesHouseNumber?: string;
  @IsOptional() @IsString() @Length(1, 100) groupType?: string;
}

/** Any of a trust's details; `null` for the name is refused by the service (a trust always has one). */
export class UpdateTrustDto extends PartialType(RegisterTrustDto) {}

export class FindTrustsQuery {
  @Matches(GROUP_UID.pattern, { message: GROUP_UID.message }) groupUid: string;
}
