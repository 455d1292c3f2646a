import type { JoinRoute } from '@trustwide/common';
import type { School } from './school.entity';

/** Joining and leaving the trust: the rules, apart from where the change comes from and how it is written. */

export interface Joining {
  joinedOn: string;
  route: JoinRoute;
}

export interface Leaving {
  leftOn: string;
  reason: string | null;
}

export type MembershipSchool = Pick<School, 'urn' | 'membership' | 'joinedTrustOn' | 'leftTrustOn'>;

/** Why a request may not record this join (null: it may). */
export function joinRefusal(school: MembershipSchool, { joinedOn }: Pick<Joining, 'joinedOn'>): { field: string; problem: string } | null {
  if (school.membership === 'member') return { field: 'membership', problem: `school ${school.urn} is already a member of the trust` };
  if (school.leftTrustOn && joinedOn < school.leftTrustOn)
    return { field: 'joinedOn', problem: `joinedOn ${joinedOn} is before the school left (${school.leftTrustOn})` };
  return null;
}

/** Why a request may not record this leave (null: it may). */
export function leaveRefusal(school: MembershipSchool, { leftOn }: Pick<Leaving, 'leftOn'>): { field: string; problem: string } | null {
  if (school.membership !== 'member') return { field: 'membership', problem: `school ${school.urn} is not a member of the trust` };
  if (school.joinedTrustOn && leftOn < school.joinedTrustOn)
    return { field: 'leftOn', problem: `leftOn ${leftOn} is before the school joined (${school.joinedTrustOn})` };
  return null;
}

/**
 * What a GIAS establishments row means for membership. It follows GIAS only when GIAS changes its mind
 * (the trust it lists the school under is new): a leave or join made in Trustwide stands until the
 * register says something new.
 */
export function giasMembershipChange(
  school: Pick<School, 'membership'>,
  gias: { listedInTrust: boolean; listedInTrustBefore: boolean },
): 'join' | 'leave' | null {
  if (gias.listedInTrust && !gias.listedInTrustBefore && school.membership !== 'member') return 'join';
  if (!gias.listedInTrust && gias.listedInTrustBefore && school.membership === 'member') return 'leave';
  return null;
}
