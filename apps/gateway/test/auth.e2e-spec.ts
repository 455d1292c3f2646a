import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { CALLER_HEADER, topicName, Topics } from '@trustwide/common';
import { documentedHttp, expectEventually, readTopic, testCallerKeys, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { BOOTSTRAP_ADMIN, freePort, startGateway, startSchools, TestClock } from './auth-harness';

/**
 * Sign-in at the gateway against real PostgreSQL and Kafka, with the schools service behind it checking the
 * caller itself (AUTH_REQUIRED=true, keys from the gateway's JWKS URL).
 */
describe('sign-in and tokens', () => {
  const env = testEnvironment('gateway_auth');
  const clock = new TestClock();
  let gateway: INestApplication;
  let schools: INestApplication;
  let gatewayEvents: TopicReader;
  let schoolsEvents: TopicReader;
  let trustId: string;
  let trustAdmin: { email: string; password: string; id: string };
  const http = documentedHttp(() => gateway.getHttpServer());
  const direct = () => request(schools.getHttpServer());
  const TTL = 900;

  const signIn = (email: string, password: string) => http().post('/api/auth/sign-in').send({ email, password });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const inTheShape = (status: number) =>
    expect.objectContaining({
      statusCode: status,
      message: expect.any(String),
      errors: [{ field: expect.any(String), problems: [expect.any(String)] }],
    });
  const audit = (type: string) =>
    gatewayEvents.events().filter((e) => e.type === type) as {
      type: string;
      trustId: string;
      actor: { kind: string; id: string };
      data: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    const [gatewayPort, schoolsPort] = [await freePort(), await freePort()];
    gateway = await startGateway(
      env,
      clock,
      {
        SCHOOLS_URL: `http://127.0.0.1:${schoolsPort}`,
        SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3',
        SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS: '40',
        ACCESS_TOKEN_TTL_SECONDS: String(TTL),
      },
      gatewayPort,
    );
    schools = await startSchools(
      env,
      { AUTH_REQUIRED: 'true', GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` },
      schoolsPort,
    );
    gatewayEvents = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.gateway));
    schoolsEvents = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
  });

  afterAll(async () => {
    await gatewayEvents?.stop();
    await schoolsEvents?.stop();
    await gateway?.close();
    await schools?.close();
    await env.cleanup();
  });

  it('signs the platform administrator in; the trust is registered through the gateway and its first admin created', async () => {
    const admin = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password).expect(200);
    expect(admin.headers['cache-control']).toBe('no-store');
    expect(admin.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: TTL,
      user: { email: BOOTSTRAP_ADMIN.email, roles: ['platform-admin'], trustId: null },
    });
    const token = admin.body.accessToken;
    const me = await http().get('/api/auth/me').set(bearer(token)).expect(200);
    expect(me.body.caller).toEqual({ userId: admin.body.user.id, trustId: null, roles: ['platform-admin'], schoolIds: [] });

    trustId = (await http().post('/api/trusts').set(bearer(token)).send({ name: 'Fenland Learning Partnership' }).expect(201)).body.id;
    await http()
      .put(`/api/trusts/${trustId}/sign-in-settings`)
      .set(bearer(token))
      .send({ trustName: 'Fenland Learning Partnership' })
      .expect(200);
    // The password rules: the trust's name is refused, with the reason.
    const weak = await http()
      .post(`/api/trusts/${trustId}/users`)
      .set(bearer(token))
      .send({ email: 'head@fenland.test', roles: ['trust-admin'], password: 'fenland-2024-rules' })
      .expect(400);
    expect(weak.body.errors).toEqual([{ field: 'password', problems: [expect.stringContaining("trust's name")] }]);
    const created = await http()
      .post(`/api/trusts/${trustId}/users`)
      .set(bearer(token))
      .send({ email: 'Admin@Fenland.test', displayName: 'Ada Admin', roles: ['trust-admin'], password: 'maple quartz harbour' })
      .expect(201);
    expect(created.body.user).toMatchObject({
      email: 'admin@fenland.test',
      roles: ['trust-admin'],
      trustId,
      signIn: 'password',
      disabled: false,
    });
    trustAdmin = { email: 'admin@fenland.test', password: 'maple quartz harbour', id: created.body.user.id };
    await expectEventually(() => expect(audit('gateway.user.created').map((e) => e.data.userId)).toContain(trustAdmin.id));
    await expectEventually(() => expect(audit('gateway.user.signed-in').map((e) => e.data.userId)).toContain(admin.body.user.id));
  });

  it('refuses a wrong password and an unknown account alike, in the one shape, and records both', async () => {
    const wrong = await signIn(trustAdmin.email, 'not the right password').expect(401);
    const unknown = await signIn('nobody@fenland.test', 'not the right password').expect(401);
    expect(wrong.body).toEqual(inTheShape(401));
    expect(unknown.body).toEqual(wrong.body);
    await expectEventually(() =>
      expect(audit('gateway.user.sign-in-failed').map((e) => e.data.reason)).toEqual(
        expect.arrayContaining(['wrong-password', 'unknown-account']),
      ),
    );
    const failed = audit('gateway.user.sign-in-failed').find((e) => e.data.reason === 'wrong-password')!;
    expect(failed).toMatchObject({ trustId, data: { userId: trustAdmin.id, method: 'password', address: '127.0.0.1' } });
    expect(JSON.stringify(audit('gateway.user.sign-in-failed'))).not.toContain('nobody@fenland.test');
  });

  it('a service refuses a call that did not come through the gateway and accepts one that did, with the user as actor', async () => {
    expect((await direct().get('/health/live').expect(200)).body.status).toBe('ok');
    const none = await direct().post('/trusts').send({ name: 'Around the gateway' }).expect(401);
    expect(none.body).toEqual(inTheShape(401));
    const forger = await testCallerKeys(); // right shape, wrong key
    const forged = await direct()
      .post('/trusts')
      .set(CALLER_HEADER, await forger.mint({ roles: ['platform-admin'] }))
      .send({ name: 'Forged' })
      .expect(401);
    expect(forged.body.errors[0].field).toBe(CALLER_HEADER);
    // A client's own x-trustwide-caller is dropped by the gateway: it cannot smuggle one in.
    await http()
      .post('/api/trusts')
      .set(CALLER_HEADER, await forger.mint({ roles: ['platform-admin'] }))
      .send({ name: 'Smuggled' })
      .expect(401);

    const { body } = await signIn(trustAdmin.email, trustAdmin.password).expect(200);
    const school = await http()
      .post(`/api/trusts/${trustId}/schools`)
      .set(bearer(body.accessToken))
      .send({ urn: 170001, name: 'Signed In Primary', phase: 'primary' })
      .expect(201);
    await expectEventually(() => {
      const event = schoolsEvents
        .events()
        .find(
          (e) => e.type === 'schools.school.registered' && (e.data as { school: { schoolId: string } }).school.schoolId === school.body.id,
        );
      expect(event?.actor).toEqual({ kind: 'user', id: trustAdmin.id });
    });
  });

  it('refuses a missing, malformed or tampered access token at the gateway', async () => {
    await http().get('/api/auth/me').expect(401);
    await http().get('/api/auth/me').set('authorization', 'Basic eDp5').expect(401);
    const { body } = await signIn(trustAdmin.email, trustAdmin.password).expect(200);
    const [h, p, s] = body.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const raised = Buffer.from(JSON.stringify({ ...claims, roles: ['platform-admin'] })).toString('base64url');
    await http()
      .get('/api/auth/me')
      .set(bearer(`${h}.${raised}.${s}`))
      .expect(401);
    await http()
      .get(`/api/trusts/${trustId}/schools`)
      .set(bearer(`${h}.${raised}.${s}`))
      .expect(401);
  });

  it('expires access tokens; a refresh token gives a new pair once, and a reused one ends the session', async () => {
    const first = (await signIn(trustAdmin.email, trustAdmin.password).expect(200)).body;
    clock.advance((TTL + 1) * 1000);
    const expired = await http().get('/api/auth/me').set(bearer(first.accessToken)).expect(401);
    expect(expired.body.message).toContain('expired');
    const second = (await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().get('/api/auth/me').set(bearer(second.accessToken)).expect(200);
    // The first refresh token again: someone copied it. The whole session ends, the new tokens with it.
    await http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await http().get('/api/auth/me').set(bearer(second.accessToken)).expect(401);
    await expectEventually(() => expect(audit('gateway.user.session-revoked').map((e) => e.data.reason)).toContain('refresh-token-reuse'));
  });

  it('signs out: the refresh token and the access tokens of the session stop working', async () => {
    const pair = (await signIn(trustAdmin.email, trustAdmin.password).expect(200)).body;
    await http().post('/api/auth/sign-out').send({ refreshToken: pair.refreshToken }).expect(204);
    await http().get('/api/auth/me').set(bearer(pair.accessToken)).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: pair.refreshToken }).expect(401);
  });

  it('lets a trust administrator manage users and roles in their own trust only; a role change is recorded and applies at once', async () => {
    const admin = (await signIn(trustAdmin.email, trustAdmin.password).expect(200)).body.accessToken;
    const hr = await http()
      .post(`/api/trusts/${trustId}/users`)
      .set(bearer(admin))
      .send({ email: 'hr@fenland.test', roles: ['hr'] })
      .expect(201);
    expect(hr.body.user.signIn).toBe('not-set');
    expect(hr.body.setPasswordLink.link).toMatch(/\/set-password#token=/);
    await http().post('/api/auth/password').send({ token: hr.body.setPasswordLink.token, password: 'hr@fenland.test is me' }).expect(400);
    await http().post('/api/auth/password').send({ token: hr.body.setPasswordLink.token, password: 'velvet otter compass' }).expect(204);
    await http().post('/api/auth/password').send({ token: hr.body.setPasswordLink.token, password: 'velvet otter compass' }).expect(401); // one time only
    const hrToken = (await signIn('hr@fenland.test', 'velvet otter compass').expect(200)).body;
    expect((await http().get('/api/auth/me').set(bearer(hrToken.accessToken)).expect(200)).body.caller.roles).toEqual(['hr']);
    // HR is not a trust administrator.
    await http().get(`/api/trusts/${trustId}/users`).set(bearer(hrToken.accessToken)).expect(403);

    const list = await http().get(`/api/trusts/${trustId}/users`).set(bearer(admin)).expect(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['admin@fenland.test', 'hr@fenland.test']);
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|passwordHash/);
    const school = '5b1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';
    await http()
      .patch(`/api/trusts/${trustId}/users/${hr.body.user.id}`)
      .set(bearer(admin))
      .send({ roles: ['headteacher'] })
      .expect(400); // a headteacher needs a school
    await http()
      .patch(`/api/trusts/${trustId}/users/${hr.body.user.id}`)
      .set(bearer(admin))
      .send({ roles: ['headteacher'], schoolIds: [school] })
      .expect(200);
    const stale = await http().get('/api/auth/me').set(bearer(hrToken.accessToken)).expect(401);
    expect(stale.body.message).toContain('roles changed');
    const fresh = (await http().post('/api/auth/refresh').send({ refreshToken: hrToken.refreshToken }).expect(200)).body;
    expect((await http().get('/api/auth/me').set(bearer(fresh.accessToken)).expect(200)).body.caller).toMatchObject({
      roles: ['headteacher'],
      schoolIds: [school],
      trustId,
    });
    await expectEventually(() =>
      expect(audit('gateway.user.roles-changed')).toContainEqual(
        expect.objectContaining({
          actor: { kind: 'user', id: trustAdmin.id },
          data: expect.objectContaining({ from: ['hr'], to: ['headteacher'], schoolIdsTo: [school], via: 'admin' }),
        }),
      ),
    );

    // Another trust: its administrator cannot see or change this trust's users.
    const platform = (await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password).expect(200)).body.accessToken;
    const other = '7d1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';
    await http()
      .post(`/api/trusts/${other}/users`)
      .set(bearer(platform))
      .send({ email: 'admin@other.test', roles: ['trust-admin'], password: 'granite meadow lantern' })
      .expect(201);
    const otherAdmin = (await signIn('admin@other.test', 'granite meadow lantern').expect(200)).body.accessToken;
    await http().get(`/api/trusts/${trustId}/users`).set(bearer(otherAdmin)).expect(404); // another trust: as if absent
    await http()
      .patch(`/api/trusts/${trustId}/users/${hr.body.user.id}`)
      .set(bearer(otherAdmin))
      .send({ roles: ['trust-admin'] })
      .expect(404);
    await http()
      .patch(`/api/trusts/${other}/users/${hr.body.user.id}`)
      .set(bearer(otherAdmin))
      .send({ roles: ['trust-admin'] })
      .expect(404);
    await http().post(`/api/trusts/${trustId}/users/${hr.body.user.id}/password-reset`).set(bearer(otherAdmin)).expect(404);
    // Nobody is made a platform administrator through a trust.
    await http()
      .post(`/api/trusts/${other}/users`)
      .set(bearer(otherAdmin))
      .send({ email: 'x@other.test', roles: ['platform-admin'] })
      .expect(400);
  });

  it('rotates the signing key: the next key is published before it signs, old tokens work until they expire, then the old key goes', async () => {
    const before = (await signIn(trustAdmin.email, trustAdmin.password).expect(200)).body.accessToken;
    const oldKid = decodeProtectedHeader(before).kid;
    const document = (await http().get('/.well-known/jwks.json').expect(200)).body;
    expect(document.keys.every((k: Record<string, unknown>) => k.kty === 'EC' && k.crv === 'P-256' && !('d' in k))).toBe(true); // public keys only
    const published = document.keys.map((k: { kid: string }) => k.kid);
    expect(published).toHaveLength(2); // the current key and the next one
    const platform = (await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password).expect(200)).body.accessToken;
    await http().post('/api/admin/signing-keys/rotate').set(bearer(before)).expect(403);
    const { kid: newKid } = (await http().post('/api/admin/signing-keys/rotate').set(bearer(platform)).expect(200)).body;
    expect(newKid).not.toBe(oldKid);
    expect(published).toContain(newKid); // it was published before it signed anything
    const jwks = (await http().get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(jwks).toEqual(expect.arrayContaining([oldKid, newKid]));
    expect(jwks).toHaveLength(3); // the retired, the current and a new next one
    const after = (await signIn(trustAdmin.email, trustAdmin.password).expect(200)).body.accessToken;
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    await http().get('/api/auth/me').set(bearer(before)).expect(200);
    // The service, which read the JWKS before the rotation, checks a caller token of the new key.
    await http().get(`/api/trusts/${trustId}/schools`).set(bearer(after)).expect(200);

    clock.advance((TTL + 15 * 60) * 1000);
    const later = (await http().get('/.well-known/jwks.json').expect(200)).body.keys.map((k: { kid: string }) => k.kid);
    expect(later).toHaveLength(2);
    expect(later).toContain(newKid);
    expect(later).not.toContain(oldKid);
    await http().get('/api/auth/me').set(bearer(before)).expect(401);
  });

  it('rate-limits sign-in per account and per address, with Retry-After, and records the refusal once', async () => {
    for (let i = 0; i < 3; i++) await signIn(trustAdmin.email, `wrong password ${i}`).expect(401);
    const locked = await signIn(trustAdmin.email, trustAdmin.password).expect(429); // even the right password
    expect(locked.body).toEqual(inTheShape(429));
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await signIn(trustAdmin.email, trustAdmin.password).expect(429);
    await expectEventually(() =>
      expect(audit('gateway.user.sign-in-failed').filter((e) => e.data.reason === 'rate-limited')).toHaveLength(1),
    );
    // Another account from the same address still signs in, until the address has used its attempts.
    await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password).expect(200);
    let status = 200;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await signIn(`spray${i}@fenland.test`, 'not the right password')).status;
    expect(status).toBe(429);
    const byAddress = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password).expect(429);
    expect(byAddress.body.errors[0].field).toBe('address');
    clock.advance(16 * 60_000); // the window passes
    await signIn(trustAdmin.email, trustAdmin.password).expect(200);
  });

  it('sends security headers and allows no cross-origin caller when no dashboard origin is set', async () => {
    const res = await http().get('/.well-known/jwks.json').set('origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
