import { randomUUID } from 'node:crypto';
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

/** A school not yet stored: every profile field empty unless given, unassessed, version 1. */
export function newSchool(trustId: string, urn: number, fields: Partial<School> & Pick<School, 'name' | 'phase' | 'membership'>): School {
  const blank = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, null]));
  return Object.assign(new School(), {
    ...blank,
    giasGroupUid: null,
    riskLevel: null,
    riskReasons: [],
    riskEvaluatedAt: null,
    version: 1,
    ...fields,
    id: randomUUID(),
    trustId,
    urn,
  });
}
