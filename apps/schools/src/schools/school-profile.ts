import type { SchoolProfileV1 } from '@trustwide/common';
import { School } from './school.entity';

/** The fields of a school that make up its published profile (and that an update may change). */
export const PROFILE_FIELDS = [
  'name',
  'phase',
  'establishmentType',
  'status',
  'localAuthorityCode',
  'localAuthority',
  'street',
  'town',
  'postcode',
  'easting',
  'northing',
  'pupilsOnRoll',
  'capacity',
  'lowAge',
  'highAge',
  'membership',
  'joinedTrustOn',
  'leftTrustOn',
  'joinRoute',
  'leadershipModel',
  'predecessorUrn',
  'openedOn',
  'closedOn',
] as const satisfies readonly (keyof School & keyof SchoolProfileV1)[];

export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Pick<School, ProfileField>;

export function toProfile(school: School): SchoolProfileV1 {
  const profile = { schoolId: school.id, urn: school.urn } as SchoolProfileV1;
  for (const field of PROFILE_FIELDS) (profile as unknown as Record<string, unknown>)[field] = school[field] ?? null;
  return profile;
}

/** Fields of `next` that differ from `current`; fields `next` leaves undefined are not compared. */
export function changedFields(current: ProfileValues, next: Partial<ProfileValues>): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => next[field] !== undefined && (next[field] ?? null) !== (current[field] ?? null));
}
