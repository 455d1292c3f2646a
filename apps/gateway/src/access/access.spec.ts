import { describe, expect, it } from '@jest/globals';
import type { CallerIdentity, Role } from '@trustwide/common';
import { decideAccess, matchRoute } from './access';

const T = '0b8f8a52-6a36-4f65-8d3c-2a7c8d1e9f10';
const OTHER = '7e0c3c1e-1a2b-4c3d-8e4f-5a6b7c8d9e0f';
const SCHOOL = '11111111-1111-4111-8111-111111111111';
const ELSEWHERE = '22222222-2222-4222-8222-222222222222';
const user = (roles: Role[], schoolIds: string[] = []): CallerIdentity => ({
  userId: '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11',
  trustId: roles.includes('platform-admin') ? null : T,
  roles,
  schoolIds,
});

describe('matchRoute', () => {
  it.each([
    ['POST', `/trusts/${T}/enrolments/validate`, '/trusts/:trustId/enrolments/validate'],
    ['GET', `/trusts/${T}/enrolments/abc`, '/trusts/:trustId/enrolments/:enrolmentId'],
    ['HEAD', `/trusts/${T}/schools`, '/trusts/:trustId/schools'],
    ['POST', `/trusts/${T}/programmes/defaults`, '/trusts/:trustId/programmes/defaults'],
    ['GET', `/trusts/${T}/support/settings`, '/trusts/:trustId/support/settings'],
  ])('%s %s is %s', (method, path, pattern) => {
    expect(matchRoute(method, path)?.rule.path).toBe(pattern);
  });

  it.each([
    ['DELETE', `/trusts/${T}`],
    ['GET', `/trusts/${T}/schools/1/nothing`],
    ['GET', `/trusts/${T}/users-of-nothing`],
    ['GET', '/trusts/x/constructor'],
  ])('%s %s is no route', (method, path) => {
    expect(matchRoute(method, path)).toBeNull();
  });
});

describe('decideAccess', () => {
  it.each<[string, string, string, CallerIdentity | undefined, number | Role[]]>([
    ['no token', 'GET', `/trusts/${T}/schools`, undefined, 401],
    ['unknown route, signed in', 'GET', `/trusts/${T}/nowhere`, user(['ceo']), 404],
    ['another trust, a role that may', 'GET', `/trusts/${OTHER}/schools`, user(['ceo']), 404],
    ['another trust, a role that may not', 'POST', `/trusts/${OTHER}/staff`, user(['ceo']), 404],
    ['own trust, a role that may not', 'POST', `/trusts/${T}/staff`, user(['ceo']), 403],
    ['own trust, HR adds staff', 'POST', `/trusts/${T}/staff`, user(['hr']), ['hr']],
    [
      'several roles: only those that let through go on',
      'GET',
      `/trusts/${T}/designations`,
      user(['hr', 'headteacher', 'qa-lead'], [SCHOOL]),
      ['hr'],
    ],
    [
      'a headteacher reads staff (the service keeps to their schools)',
      'GET',
      `/trusts/${T}/staff`,
      user(['headteacher'], [SCHOOL]),
      ['headteacher'],
    ],
    [
      'the QA lead approves (the service checks they are named)',
      'POST',
      `/trusts/${T}/agreements/${SCHOOL}/agree`,
      user(['qa-lead']),
      ['qa-lead'],
    ],
    ['a CEO may not approve for the QA lead', 'POST', `/trusts/${T}/agreements/${SCHOOL}/agree`, user(['ceo']), 403],
    ['platform admin registers a trust', 'POST', '/trusts', user(['platform-admin']), ['platform-admin']],
    ['a trust administrator may not', 'POST', '/trusts', user(['trust-admin']), 403],
    ['platform admin reads any trust', 'GET', `/trusts/${OTHER}`, user(['platform-admin']), ['platform-admin']],
    ['platform admin reads no trust data', 'GET', `/trusts/${OTHER}/staff`, user(['platform-admin']), 403],
    ['headteacher, their school by id', 'GET', `/trusts/${T}/support/schools/${SCHOOL}`, user(['headteacher'], [SCHOOL]), ['headteacher']],
    ['headteacher, another school by id', 'GET', `/trusts/${T}/support/schools/${ELSEWHERE}`, user(['headteacher'], [SCHOOL]), 404],
    ['head of school, another school by id', 'GET', `/trusts/${T}/support/schools/${ELSEWHERE}`, user(['head-of-school'], [SCHOOL]), 404],
    [
      'a CEO who is also a headteacher reads any school',
      'GET',
      `/trusts/${T}/support/schools/${ELSEWHERE}`,
      user(['ceo', 'headteacher'], [SCHOOL]),
      ['ceo', 'headteacher'],
    ],
    [
      'QA lead signs off (the service checks they are named)',
      'POST',
      `/trusts/${T}/impact-reports/${SCHOOL}/sign-off`,
      user(['qa-lead']),
      ['qa-lead'],
    ],
    ['upper-case trust id is the same trust', 'GET', `/trusts/${T.toUpperCase()}/schools`, user(['ceo']), ['ceo']],
  ])('%s', (_, method, path, caller, expected) => {
    const decision = decideAccess(method, path, caller, true);
    if (typeof expected === 'number')
      expect(decision).toMatchObject({
        allow: false,
        refused: { statusCode: expected, errors: [{ field: expect.any(String), problems: [expect.any(String)] }] },
      });
    else expect(decision).toMatchObject({ allow: true, caller: { roles: expected } });
  });

  it('answers another trust as the schools service answers a trust that does not exist', () => {
    expect(decideAccess('GET', `/trusts/${OTHER}/plans`, user(['ceo']), true)).toEqual({
      allow: false,
      refused: {
        statusCode: 404,
        error: 'Not Found',
        message: `no trust ${OTHER}`,
        errors: [{ field: 'trustId', problems: [`no trust ${OTHER}`] }],
      },
    });
  });

  it('lets an anonymous request through only while sign-in is not required', () => {
    expect(decideAccess('GET', `/trusts/${T}/schools`, undefined, false)).toMatchObject({ allow: true, caller: null });
    expect(decideAccess('GET', `/trusts/${T}/nowhere`, undefined, false)).toMatchObject({ allow: false, refused: { statusCode: 404 } });
  });
});
