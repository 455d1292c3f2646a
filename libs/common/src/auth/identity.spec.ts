import { describe, expect, it } from '@jest/globals';
import { identityClaims, identityFromClaims, mayActInTrust, withinSchoolScope } from './identity';

const user = '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';
const trust = '0b8f8a52-6a36-4f65-8d3c-2a7c8d1e9f10';
const staff = '3d2e1f00-5b6a-4c7d-8e9f-0a1b2c3d4e5f';

describe('identityFromClaims', () => {
  it.each([
    [
      { sub: user, tid: trust, roles: ['ceo'] },
      { userId: user, trustId: trust, roles: ['ceo'], schoolIds: [] },
    ],
    [
      { sub: user, tid: trust, roles: ['headteacher'], sch: ['s-1'] },
      { userId: user, trustId: trust, roles: ['headteacher'], schoolIds: ['s-1'] },
    ],
    [
      { sub: user, roles: ['platform-admin'] },
      { userId: user, trustId: null, roles: ['platform-admin'], schoolIds: [] },
    ],
    [
      { sub: user, tid: trust, roles: ['qa-lead'], stf: staff.toUpperCase() },
      { userId: user, trustId: trust, roles: ['qa-lead'], schoolIds: [], staffId: staff },
    ],
    [{ sub: user, tid: trust, roles: ['qa-lead'], stf: 'a person' }, null],
    [{ sub: user, tid: trust, roles: ['qa-lead'], stf: 42 }, null],
    [{ sub: user, roles: ['ceo'] }, null], // everyone but a platform administrator belongs to a trust
    [{ sub: user, tid: trust, roles: ['superuser'] }, null],
    [{ sub: 'not-a-uuid', tid: trust, roles: ['ceo'] }, null],
    [{ sub: user, tid: 'x', roles: ['ceo'] }, null],
    [{ sub: user, tid: trust, roles: 'ceo' }, null],
  ])('%j', (claims, identity) => {
    expect(identityFromClaims(claims)).toEqual(identity);
  });

  it.each([
    [{ userId: user, trustId: trust, roles: ['qa-lead' as const], schoolIds: [], staffId: staff }, staff],
    [{ userId: user, trustId: trust, roles: ['qa-lead' as const], schoolIds: [] }, undefined],
  ])('carries the staff link as stf only when there is one, and reads it back: %j', (identity, stf) => {
    const claims = identityClaims(identity);
    expect(claims.stf).toBe(stf);
    expect(identityFromClaims({ ...claims })).toEqual(identity);
  });

  it.each<[string, string[] | null, (string | null)[], boolean]>([
    ['the whole trust', null, ['s-9'], true],
    ['the whole trust, a thing of no school', null, [], true],
    ['one of their schools', ['s-1', 's-2'], ['s-2'], true],
    ['an agreement between one of theirs and another', ['s-1'], ['s-7', 's-1'], true],
    ['another school', ['s-1'], ['s-7'], false],
    ['a thing of no school', ['s-1'], [null], false],
    ['no schools at all', [], ['s-1'], false],
  ])('withinSchoolScope: %s', (_, scope, schoolIds, within) => {
    expect(withinSchoolScope(scope, schoolIds)).toBe(within);
  });

  it('lets a caller act only in their own trust', () => {
    const caller = { userId: user, trustId: trust, roles: ['ceo' as const], schoolIds: [] };
    expect(mayActInTrust(caller, trust)).toBe(true);
    expect(mayActInTrust(caller, user)).toBe(false);
    expect(mayActInTrust({ ...caller, trustId: null, roles: ['platform-admin'] }, trust)).toBe(false);
  });
});
