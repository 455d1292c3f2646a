import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import type { CryptoKey } from 'jose';
import { createServer, Server } from 'node:http';
import Provider from 'oidc-provider';
import request from 'supertest';
import { topicName, Topics } from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { BOOTSTRAP_ADMIN, freePort, startGateway, TestClock } from './auth-harness';

/**
 * Single sign-on against a real OpenID Connect issuer (the `oidc-provider` package) started here: the
 * authorization-code flow through the gateway, and ID tokens the gateway must refuse.
 */
describe('single sign-on with a trust OpenID Connect provider', () => {
  const env = testEnvironment('gateway_oidc');
  const clock = new TestClock();
  const trustId = '3c1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';
  const clientId = 'trustwide-fenland';
  let gateway: INestApplication;
  let issuerServer: Server;
  let issuer: string;
  let gatewayUrl: string;
  let issuerKey: { privateKey: CryptoKey; kid: string };
  let events: TopicReader;
  const http = () => request(gateway.getHttpServer());
  /** The groups each account at the provider is in. */
  const groups: Record<string, string[]> = { 'ceo-1': ['grp-ceo', 'staff'], 'hr-1': ['grp-hr'], 'nobody-1': ['staff'] };

  beforeAll(async () => {
    const [issuerPort, gatewayPort] = [await freePort(), await freePort()];
    issuer = `http://localhost:${issuerPort}`;
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    issuerKey = { privateKey, kid: 'issuer-key-1' };
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: 'a-client-secret-for-tests',
          redirect_uris: [`${gatewayUrl}/api/auth/oidc/${trustId}/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: issuerKey.kid, alg: 'RS256', use: 'sig' } as JWK] },
      claims: { openid: ['sub', 'groups'], email: ['email'], profile: ['name'] },
      conformIdTokenClaims: false, // the groups go in the ID token, as Entra ID puts them
      findAccount: (_ctx: unknown, id: string) =>
        Promise.resolve({
          accountId: id,
          claims: () => Promise.resolve({ sub: id, email: `${id}@idp.test`, name: `User ${id}`, groups: groups[id] ?? [] }),
        }),
      cookies: { keys: ['cookie-key-for-tests'] },
    });
    issuerServer = createServer(provider.callback());
    await new Promise<void>((resolve) => issuerServer.listen(issuerPort, '127.0.0.1', resolve));

    gateway = await startGateway(
      env,
      clock,
      { SCHOOLS_URL: 'http://127.0.0.1:1', PUBLIC_URL: gatewayUrl, OIDC_ALLOW_HTTP_ISSUER: 'true' },
      gatewayPort,
    );
    events = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.gateway));
    const admin = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken;
    await http()
      .put(`/api/trusts/${trustId}/sign-in-settings`)
      .set('authorization', `Bearer ${admin}`)
      .send({
        trustName: 'Fenland',
        oidc: {
          issuer,
          clientId,
          clientSecret: 'a-client-secret-for-tests',
          roleClaim: 'groups',
          roleMapping: { 'grp-ceo': ['ceo', 'executive'], 'grp-hr': ['hr'] },
        },
      })
      .expect(200);
  });

  afterAll(async () => {
    await events?.stop();
    await gateway?.close();
    await new Promise((resolve) => issuerServer?.close(resolve));
    await env.cleanup();
  });

  /** A browser signing in as `account`: start at the gateway, log in and consent at the provider, back to the gateway. */
  async function browserSignIn(
    account: string,
    accept?: string,
  ): Promise<{ status: number; body: Record<string, unknown>; location?: string }> {
    const cookies = new Map<string, string>();
    let url = `${gatewayUrl}/api/auth/oidc/${trustId}/start`;
    let form: Record<string, string> | null = null;
    for (let hop = 0; hop < 20; hop++) {
      const res = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(accept ? { accept } : {}),
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form) : undefined,
      });
      form = null;
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = res.headers.get('location');
      // The gateway's callback sending a browser on to the dashboard: where it goes is the answer.
      if (location && url.startsWith(`${gatewayUrl}/api/auth/oidc/${trustId}/callback`) && accept?.includes('text/html'))
        return { status: res.status, body: {}, location };
      if (location) {
        url = new URL(location, url).href;
        continue;
      }
      if (url.startsWith(gatewayUrl)) return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      const page = await res.text();
      // The provider's development login and consent pages: answer them as a user would.
      form = page.includes('name="login"') ? { prompt: 'login', login: account, password: 'any' } : { prompt: 'consent' };
    }
    throw new Error('the sign-in did not come back to the gateway');
  }

  const idToken = ({ key = issuerKey, exp = '5m', audience = clientId, iss = issuer } = {}) =>
    new SignJWT({ groups: ['grp-ceo'] })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(iss)
      .setAudience(audience)
      .setSubject('ceo-1')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key.privateKey);

  it('signs a user in through the provider, maps their groups to roles and creates the account once', async () => {
    const answer = await browserSignIn('ceo-1');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = (
      await http()
        .get('/api/auth/me')
        .set('authorization', `Bearer ${String(answer.body.accessToken)}`)
        .expect(200)
    ).body;
    expect(me).toMatchObject({ email: 'ceo-1@idp.test', signIn: 'oidc', trustId, caller: { trustId, roles: ['ceo', 'executive'] } });
    const again = await browserSignIn('ceo-1');
    expect(
      (
        await http()
          .get('/api/auth/me')
          .set('authorization', `Bearer ${String(again.body.accessToken)}`)
          .expect(200)
      ).body.id,
    ).toBe(me.id);
    await expectEventually(() => {
      const mine = events.events().filter((e) => (e.data as { userId?: string }).userId === me.id);
      expect(mine.filter((e) => e.type === 'gateway.user.created')).toHaveLength(1);
      expect(mine.filter((e) => e.type === 'gateway.user.signed-in').map((e) => (e.data as { method: string }).method)).toEqual([
        'oidc',
        'oidc',
      ]);
    });
  });

  it('sends a browser back to the dashboard with a one-time code, never the tokens, and the code works once', async () => {
    const answer = await browserSignIn('ceo-1', 'text/html,application/xhtml+xml');
    expect(answer.status).toBe(303);
    const back = new URL(answer.location!, gatewayUrl);
    expect(back.pathname).toBe('/signed-in');
    expect(answer.location).not.toMatch(/token/i);
    const code = back.searchParams.get('code')!;
    const exchanged = await http().post('/api/auth/oidc/exchange').send({ code }).expect(200);
    expect(exchanged.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = await http().get('/api/auth/me').set('authorization', `Bearer ${exchanged.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: 'ceo-1@idp.test', caller: { trustId, roles: ['ceo', 'executive'] } });
    const again = await http().post('/api/auth/oidc/exchange').send({ code }).expect(401);
    expect(again.body.errors[0].field).toBe('code');
    // The codes are in the gateway's database: another replica takes the exchange; a code past its 60 s is refused.
    const replica = await startGateway(env, clock, {
      SCHOOLS_URL: 'http://127.0.0.1:1',
      PUBLIC_URL: gatewayUrl,
      OIDC_ALLOW_HTTP_ISSUER: 'true',
    });
    try {
      const codeOf = async () => new URL((await browserSignIn('ceo-1', 'text/html')).location!, gatewayUrl).searchParams.get('code')!;
      const atReplica = (c: string) => request(replica.getHttpServer()).post('/api/auth/oidc/exchange').send({ code: c });
      const viaReplica = await atReplica(await codeOf()).expect(200);
      await http().get('/api/auth/me').set('authorization', `Bearer ${viaReplica.body.accessToken}`).expect(200);
      const late = await codeOf();
      clock.advance(61_000);
      try {
        expect((await atReplica(late).expect(401)).body.errors[0].field).toBe('code');
      } finally {
        clock.advance(-61_000);
      }
    } finally {
      await replica.close();
    }
    // A refused browser sign-in goes back to the sign-in page with the reason, not to a JSON error.
    const refused = await browserSignIn('nobody-1', 'text/html');
    const to = new URL(refused.location!, gatewayUrl);
    expect([refused.status, to.pathname, to.searchParams.get('trust')]).toEqual([303, '/sign-in', trustId]);
    expect(to.searchParams.get('error')).toContain('no group');
  });

  it('refuses a user whose groups give no Trustwide role, and records it', async () => {
    const answer = await browserSignIn('nobody-1');
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ statusCode: 403, errors: [{ field: 'idToken', problems: [expect.stringContaining('no group')] }] });
    await expectEventually(() =>
      expect(
        events
          .events()
          .filter((e) => e.type === 'gateway.user.sign-in-failed')
          .map((e) => (e.data as { reason: string }).reason),
      ).toContain('no-role'),
    );
  });

  it("accepts an ID token signed with the issuer's key, and refuses forged, expired and other-audience ones", async () => {
    const exchange = (token: string) => http().post(`/api/auth/oidc/${trustId}/id-token`).send({ idToken: token });
    await exchange(await idToken()).expect(200);
    const { privateKey: wrongKey } = await generateKeyPair('RS256');
    const refused = {
      forged: await idToken({ key: { privateKey: wrongKey, kid: issuerKey.kid } }), // the issuer's key id, another key
      expired: await idToken({ exp: '-1h' }),
      'other audience': await idToken({ audience: 'another-client' }),
      'other issuer': await idToken({ iss: 'https://evil.example' }),
    };
    for (const [name, token] of Object.entries(refused)) {
      const res = await exchange(token);
      expect({ name, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ name, status: 401, field: 'idToken' });
    }
    // A state the gateway did not hand out (or already used) is refused too.
    await http().get(`/api/auth/oidc/${trustId}/callback?code=x&state=not-ours`).expect(401);
  });

  it('answers 404 in the shape for a trust without single sign-on', async () => {
    const res = await http().get('/api/auth/oidc/9f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11/start').expect(404);
    expect(res.body.errors[0].field).toBe('trustId');
  });
});
