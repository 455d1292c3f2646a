import fc from 'fast-check';
import { field, FuzzRoute, hostileText, jsonBody, queryOf, uuidParam } from '@trustwide/common/testing/fuzz';

/** What the gateway's routes are generated against: records that exist, so that requests reach the handlers' logic. */
export interface GatewayFuzzContext {
  trustIds: string[];
  userIds: string[];
  schoolIds: string[];
  emails: string[];
  refreshTokens: string[];
}

const role = fc.constantFrom('trust-admin', 'ceo', 'executive', 'hr', 'cpd-lead', 'headteacher', 'qa-lead', 'platform-admin', 'wizard');
const password = fc.constantFrom('velvet otter compass harbour', 'short', 'x'.repeat(2000), 'a\u0000b');
const year = fc.oneof(
  fc.integer({ min: 2015, max: 2030 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`),
  fc.constantFrom('2024/26', '2099/00'),
);
const format = fc.constantFrom('json', 'csv', 'xml');
const whole = fc.oneof(fc.integer({ min: -1, max: 600 }).map(String), fc.constantFrom('1e3', '0x10', '99999999999999'));

/**
 * Every route the gateway answers itself (sign-in and users, the trust-wide read model) with arbitraries for
 * its parameters, query and body. Not here: the live alert stream (an answer that never ends; its
 * parameters are checked in read-model.e2e-spec.ts) and the proxied service routes (each service fuzzes its own).
 */
export function gatewayRoutes(ctx: GatewayFuzzContext): FuzzRoute[] {
  const trustId = uuidParam(...ctx.trustIds);
  const userId = uuidParam(...ctx.userIds);
  const schoolId = uuidParam(...ctx.schoolIds);
  const alertId = fc.oneof(fc.uuid(), hostileText, fc.constantFrom('1', '42'));
  const email = fc.oneof(fc.constantFrom(...ctx.emails), fc.emailAddress(), hostileText);
  const refreshToken = fc.oneof(fc.constantFrom(...ctx.refreshTokens), fc.string({ minLength: 20, maxLength: 60 }), hostileText);
  const user = {
    displayName: field(fc.constantFrom('Ada Lovelace', ' ', '=HYPERLINK("x")')),
    roles: field(fc.array(role, { minLength: 0, maxLength: 3 })),
    schoolIds: field(fc.array(schoolId, { maxLength: 3 })),
    // A staff record the read model does not know (422), an unlink, or not an id at all.
    staffId: field(fc.oneof(fc.constant(null), fc.uuid(), hostileText)),
  };
  // Issuers that fail fast: generated settings never make the gateway wait on the internet.
  const issuer = fc.constantFrom(
    'https://127.0.0.1:1/tenant/v2.0',
    'http://127.0.0.1:1',
    'ftp://x',
    'not a url',
    'https://u:p@127.0.0.1:1/?q=1',
  );
  return [
    { method: 'post', path: '/api/auth/sign-in', body: jsonBody({ email: field(email), password: field(password) }) },
    { method: 'post', path: '/api/auth/refresh', body: jsonBody({ refreshToken: field(refreshToken) }) },
    { method: 'post', path: '/api/auth/sign-out', body: jsonBody({ refreshToken: field(refreshToken) }) },
    { method: 'post', path: '/api/auth/password', body: jsonBody({ token: field(refreshToken), password: field(password) }) },
    { method: 'get', path: '/api/auth/me' },
    { method: 'get', path: '/api/auth/oidc/:trustId/start', params: { trustId } },
    {
      method: 'get',
      path: '/api/auth/oidc/:trustId/callback',
      params: { trustId },
      query: queryOf({ code: fc.constantFrom('abc', ''), state: fc.constantFrom('xyz', ''), error: fc.constantFrom('access_denied') }),
    },
    {
      method: 'post',
      path: '/api/auth/oidc/:trustId/id-token',
      params: { trustId },
      body: jsonBody({ idToken: field(fc.constantFrom('eyJhbGciOiJSUzI1NiJ9.e30.c2ln', 'not-a-token-at-all')) }),
    },
    { method: 'get', path: '/.well-known/jwks.json' },
    { method: 'post', path: '/api/admin/signing-keys/rotate' },
    {
      method: 'post',
      path: '/api/trusts/:trustId/users',
      params: { trustId },
      body: jsonBody({ email: field(fc.oneof(fc.emailAddress(), fc.constantFrom(...ctx.emails))), ...user, password: field(password) }),
    },
    { method: 'get', path: '/api/trusts/:trustId/users', params: { trustId } },
    { method: 'get', path: '/api/trusts/:trustId/users/:userId', params: { trustId, userId } },
    {
      method: 'patch',
      path: '/api/trusts/:trustId/users/:userId',
      params: { trustId, userId },
      body: jsonBody({ ...user, disabled: field(fc.boolean()) }),
    },
    { method: 'post', path: '/api/trusts/:trustId/users/:userId/password-reset', params: { trustId, userId } },
    { method: 'get', path: '/api/trusts/:trustId/sign-in-settings', params: { trustId } },
    {
      method: 'put',
      path: '/api/trusts/:trustId/sign-in-settings',
      params: { trustId },
      body: jsonBody({
        trustName: field(fc.constantFrom('Fenland Learning Partnership', '')),
        oidc: field(
          fc.oneof(
            fc.constant(null),
            jsonBody({
              issuer: field(issuer),
              clientId: field(fc.constantFrom('trustwide', '')),
              clientSecret: field(fc.constantFrom('s3cret')),
              roleClaim: field(fc.constantFrom('groups', 'roles')),
              roleMapping: field(
                fc.oneof(
                  fc.dictionary(fc.string({ maxLength: 10 }), fc.array(role, { maxLength: 2 }), { maxKeys: 3 }),
                  fc.constant({ x: 'ceo' }),
                ),
              ),
            }),
          ),
        ),
      }),
    },
    {
      method: 'get',
      path: '/api/trusts/:trustId/overview',
      params: { trustId },
      query: queryOf({
        membership: fc.constantFrom('member', 'former-member', 'not-member', 'x'),
        phase: fc.constantFrom('primary', 'secondary'),
        risk: fc.constantFrom('green', 'amber', 'red', 'unassessed', 'blue'),
        leadershipModel: fc.constantFrom('A', 'B', 'C', 'D'),
        q: fc.constantFrom('abb', '%', '_', "'"),
        sort: fc.constantFrom('name', '-pupils', 'risk', '-risk', 'bogus'),
        limit: whole,
        offset: whole,
        format,
      }),
    },
    { method: 'get', path: '/api/trusts/:trustId/overview/schools/:schoolId', params: { trustId, schoolId } },
    { method: 'get', path: '/api/trusts/:trustId/leadership', params: { trustId }, query: queryOf({ academicYear: year, format }) },
    { method: 'get', path: '/api/trusts/:trustId/pipeline', params: { trustId }, query: queryOf({ format }) },
    {
      method: 'get',
      path: '/api/trusts/:trustId/alerts',
      params: { trustId },
      query: queryOf({
        kind: fc.constantFrom('risk-worsened', 'nope'),
        acknowledged: fc.constantFrom('true', 'false', 'yes'),
        limit: whole,
        offset: whole,
        format,
      }),
    },
    { method: 'post', path: '/api/trusts/:trustId/alerts/:alertId/acknowledge', params: { trustId, alertId } },
    {
      method: 'get',
      path: '/api/trusts/:trustId/audit',
      params: { trustId },
      query: queryOf({
        subject: fc.oneof(schoolId, fc.uuid()),
        type: fc.constantFrom('user.created', 'x'),
        limit: whole,
        offset: whole,
        format,
      }),
    },
  ];
}
