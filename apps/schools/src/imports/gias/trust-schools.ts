import { normaliseGroupUid } from './codes';
import type { GiasEstablishment } from './establishments';
import type { GiasGroupLink } from './groups';

/**
 * One trust's schools, from the two places GIAS records membership: an establishment's
 * "Trusts (code)" (current trust only) and the group links file (which also gives the date joined).
 */

export interface GiasTrustSchool {
  readonly establishment: GiasEstablishment;
  /** From the group link, when there is one. */
  readonly joinedOn: string | null;
  /** Where membership was found. */
  readonly source: 'establishment' | 'link' | 'both';
}

/**
 * The establishments that belong to the group `groupUid`, in the order given. A school linked to the
 * group but missing from `establishments` cannot be returned (there is nothing to import): see
 * {@link linkedUrnsWithoutEstablishment}.
 */
export function schoolsOfTrust(
  groupUid: string,
  establishments: Iterable<GiasEstablishment>,
  links: Iterable<GiasGroupLink> = [],
): GiasTrustSchool[] {
  const uid = normaliseGroupUid(groupUid);
  if (uid === null) return [];
  const joined = new Map<number, string | null>();
  for (const link of links) {
    if (normaliseGroupUid(link.groupUid) === uid) {
      // a school linked twice keeps its earliest known join date
      const previous = joined.get(link.urn);
      joined.set(link.urn, previous && (!link.joinedOn || previous < link.joinedOn) ? previous : link.joinedOn);
    }
  }
  const result: GiasTrustSchool[] = [];
  for (const establishment of establishments) {
    const byEstablishment = normaliseGroupUid(establishment.trustGroupUid) === uid;
    const byLink = joined.has(establishment.urn);
    if (!byEstablishment && !byLink) continue;
    result.push({
      establishment,
      joinedOn: joined.get(establishment.urn) ?? null,
      source: byEstablishment && byLink ? 'both' : byLink ? 'link' : 'establishment',
    });
  }
  return result;
}

/** URNs the links place in the group that are absent from `establishments` (e.g. an extract of open schools only). */
export function linkedUrnsWithoutEstablishment(
  groupUid: string,
  establishments: Iterable<GiasEstablishment>,
  links: Iterable<GiasGroupLink>,
): number[] {
  const uid = normaliseGroupUid(groupUid);
  const known = new Set<number>();
  for (const e of establishments) known.add(e.urn);
  const missing = new Set<number>();
  for (const link of links) {
    if (normaliseGroupUid(link.groupUid) === uid && !known.has(link.urn)) missing.add(link.urn);
  }
  return [...missing];
}
