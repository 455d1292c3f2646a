import { OmitType, PartialType } from '@nestjs/mapped-types';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsDateOnly, IsNotBelowField, IsWholeNumber, JOIN_ROUTES, LEADERSHIP_MODELS, MEMBERSHIPS, SCHOOL_PHASES } from '@trustwide/common';
import { URN_RANGE } from '../urn';
import type { JoinRoute, LeadershipModel, Membership, SchoolPhase } from '@trustwide/common';

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

/** A school added by hand. Membership defaults to member; `joinedTrustOn` says since when. */
export class CreateSchoolDto {
  @IsWholeNumber(URN_RANGE.min, URN_RANGE.max) urn: number;
  @IsString() @Length(1, 300) name: string;
  @IsIn(SCHOOL_PHASES) phase: SchoolPhase;
  @IsOptional() @IsIn(MEMBERSHIPS) membership?: Membership;
  @IsOptional() @IsDateOnly() joinedTrustOn?: string;
  @IsOptional() @IsIn(JOIN_ROUTES) joinRoute?: JoinRoute;
  @IsOptional() @IsString() @Length(1, 200) establishmentType?: string | null;
  @IsOptional() @IsString() @Length(1, 100) status?: string | null;
  @IsOptional() @IsString() @Matches(/^\d{3}$/, { message: 'localAuthorityCode must be a three-digit LA code' }) localAuthorityCode?:
    string | null;
  @IsOptional() @IsString() @Length(1, 200) localAuthority?: string | null;
  @IsOptional() @IsString() @Length(1, 300) street?: string | null;
  @IsOptional() @IsString() @Length(1, 200) town?: string | null;
  @IsOptional() @Matches(POSTCODE, { message: 'postcode must be a UK postcode, e.g. EC3A 5DE' }) postcode?: string | null;
  @IsOptional() @IsWholeNumber(0, 700000) easting?: number | null;
  @IsOptional() @IsWholeNumber(0, 1300000) northing?: number | null;
  @IsOptional() @IsWholeNumber(0, 10000) pupilsOnRoll?: number | null;
  @IsOptional() @IsWholeNumber(0, 10000) capacity?: number | null;
  /** Ages of the youngest and oldest pupils (2 to 25: nursery to post-19 special provision). */
  @IsOptional() @IsWholeNumber(0, 25) lowAge?: number | null;
  @IsOptional() @IsWholeNumber(0, 25) @IsNotBelowField('lowAge') highAge?: number | null;
  @IsOptional() @IsIn(LEADERSHIP_MODELS) leadershipModel?: LeadershipModel | null;
  @IsOptional() @IsWholeNumber(URN_RANGE.min, URN_RANGE.max) predecessorUrn?: number | null;
  @IsOptional() @IsDateOnly() openedOn?: string | null;
  @IsOptional() @IsDateOnly() @IsNotBelowField('openedOn', 'before') closedOn?: string | null;
}

/** What can change about a school (every field optional; `null` clears a value). Membership changes by join/leave. */
export class UpdateSchoolDto extends PartialType(OmitType(CreateSchoolDto, ['urn', 'membership', 'joinedTrustOn', 'joinRoute'] as const)) {}

export class JoinTrustDto {
  @IsDateOnly() joinedOn: string;
  @IsIn(JOIN_ROUTES) route: JoinRoute;
}

export class LeaveTrustDto {
  @IsDateOnly() leftOn: string;
  @IsOptional() @IsString() @Length(0, 1000) reason?: string;
}

export class ListSchoolsQuery {
  @IsOptional() @IsIn(SCHOOL_PHASES) phase?: SchoolPhase;
  @IsOptional() @IsIn(['green', 'amber', 'red', 'unassessed']) risk?: 'green' | 'amber' | 'red' | 'unassessed';
  /** LA code ("201") or name ("City of London"). */
  @IsOptional() @IsString() @Length(1, 200) localAuthority?: string;
  @IsOptional() @IsIn(LEADERSHIP_MODELS) leadershipModel?: LeadershipModel;
  @IsOptional() @IsIn(MEMBERSHIPS) membership?: Membership;
  /** Part of the name, or a URN. */
  @IsOptional() @IsString() @Length(1, 200) q?: string;
  @IsOptional() @IsWholeNumber(1, 1000) limit?: number;
  @IsOptional() @IsWholeNumber(0, 10_000_000) offset?: number;
}
