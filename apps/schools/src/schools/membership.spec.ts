import { describe, expect, it } from '@jest/globals';
import { giasMembershipChange, joinRefusal, leaveRefusal, type MembershipSchool } from './membership';

const school = (
  membership: MembershipSchool['membership'],
  joinedTrustOn: string | null,
  leftTrustOn: string | null,
): MembershipSchool => ({
  urn: 140001,
  membership,
  joinedTrustOn,
  leftTrustOn,
});

describe('joining and leaving the trust', () => {
  it.each([
    ['a school that never was a member', school('not-member', null, null), '2025-09-01', null],
    ['a former member, after it left', school('former-member', '2010-09-01', '2024-08-31'), '2025-09-01', null],
    ['a former member, on the day it left', school('former-member', '2010-09-01', '2024-08-31'), '2024-08-31', null],
    ['a member', school('member', '2010-09-01', null), '2025-09-01', 'membership'],
    ['a former member, before it left', school('former-member', '2010-09-01', '2024-08-31'), '2024-01-01', 'joinedOn'],
  ])('join: %s', (_, s, joinedOn, refusedField) => expect(joinRefusal(s, { joinedOn })?.field ?? null).toBe(refusedField));

  it.each([
    ['a member, after it joined', school('member', '2010-09-01', null), '2024-08-31', null],
    ['a member with no join date', school('member', null, null), '2024-08-31', null],
    ['a member, before it joined', school('member', '2010-09-01', null), '2009-01-01', 'leftOn'],
    ['a former member', school('former-member', '2010-09-01', '2024-08-31'), '2025-08-31', 'membership'],
    ['a school that never was a member', school('not-member', null, null), '2025-08-31', 'membership'],
  ])('leave: %s', (_, s, leftOn, refusedField) => expect(leaveRefusal(s, { leftOn })?.field ?? null).toBe(refusedField));

  it.each([
    ['GIAS newly lists a non-member in the trust', 'not-member', true, false, 'join'],
    ['GIAS newly lists a former member in the trust', 'former-member', true, false, 'join'],
    ['GIAS newly lists a member (joined in Trustwide) in the trust', 'member', true, false, null],
    ['GIAS still lists a school that left in Trustwide', 'former-member', true, true, null],
    ['GIAS moves a member out of the trust', 'member', false, true, 'leave'],
    ['GIAS moves a school that already left out of the trust', 'former-member', false, true, null],
    ['GIAS still lists a member (joined in Trustwide) elsewhere', 'member', false, false, null],
  ] as const)('register: %s', (_, membership, listedInTrust, listedInTrustBefore, change) =>
    expect(giasMembershipChange({ membership }, { listedInTrust, listedInTrustBefore })).toBe(change),
  );
});
