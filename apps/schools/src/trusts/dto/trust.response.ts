import type { Trust } from '../trust.entity';

/** A trust as the API returns it. */
export interface TrustResponseDto {
  id: string;
  name: string;
  /** GIAS group UID, e.g. "2044". */
  groupUid: string | null;
  companiesHouseNumber: string | null;
  groupType: string | null;
}

export function mapTrust(trust: Trust): TrustResponseDto {
  return {
    id: trust.id,
    name: trust.name,
    groupUid: trust.groupUid,
    companiesHouseNumber: trust.companiesHouseNumber,
    groupType: trust.groupType,
  };
}
