import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class RegisterTrustDto {
  @IsString() @Length(1, 300) name: string;
  /** GIAS group UID, e.g. "2044": lets imports find the trust's schools. */
  @IsOptional() @Matches(/^\d{1,10}$/, { message: 'groupUid must be the GIAS group UID (digits), e.g. 2044' }) groupUid?: string;
  @IsOptional()
  @Matches(/^(\d{8}|[A-Z]{2}\d{6}|\d{1,7})$/, { message: 'companiesHouseNumber must be a Companies House number, e.g. 07318714' })
  companiesHouseNumber?: string;
  @IsOptional() @IsString() @Length(1, 100) groupType?: string;
}

export class UpdateTrustDto {
  @IsOptional() @IsString() @Length(1, 300) name?: string;
  @IsOptional() @Matches(/^\d{1,10}$/, { message: 'groupUid must be the GIAS group UID (digits), e.g. 2044' }) groupUid?: string;
  @IsOptional()
  @Matches(/^(\d{8}|[A-Z]{2}\d{6}|\d{1,7})$/, { message: 'companiesHouseNumber must be a Companies House number, e.g. 07318714' })
  companiesHouseNumber?: string;
  @IsOptional() @IsString() @Length(1, 100) groupType?: string;
}

export class FindTrustsQuery {
  @Matches(/^\d{1,10}$/, { message: 'groupUid must be the GIAS group UID (digits), e.g. 2044' }) groupUid: string;
}
