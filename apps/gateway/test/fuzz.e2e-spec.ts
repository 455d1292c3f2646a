import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { fuzzRoutes, fuzzSettings, sendTo } from '@trustwide/common/testing/fuzz';
import type { FuzzRequest } from '@trustwide/common/testing/fuzz';
import { BOOTSTRAP_ADMIN, startGateway, TestClock } from './auth-harness';
import { gatewayRoutes, type GatewayFuzzContext } from './fuzz-routes';

jest.setTimeout(180_000);

/**
 * Generated requests over every route the gateway answers itself: sign-in, users and sign-in settings,
 * the read model (fixed seed, small budget; a larger run: `npm run fuzz -- --runs N --seed S`). No 5xx,
 * every error in the one shape. Requests carry the token of a caller the route admits (a platform
 * administrator or a trust's CEO), so they reach the handlers; a few carry none or the other one.
 */
describe('gateway API under generated requests', () => {
  const env = testEnvironment('gateway_fuzz');
  let gateway: INestApplication;
  const http = () => request(gateway.getHttpServer());
  const password = 'velvet otter compass harbour';
  const ctx: GatewayFuzzContext = {
    trustIds: [randomUUID(), randomUUID()],
    userIds: [],
    schoolIds: [randomUUID(), randomUUID()],
    emails: [BOOTSTRAP_ADMIN.email],
    refreshTokens: [],
  };
  let admin: string;
  let ceo: string;

  beforeAll(async () => {
    await env.createDatabases('gateway');
    gateway = await startGateway(env, new TestClock(), { SCHOOLS_URL: 'http://127.0.0.1:1' });
    admin = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken;
    const [t] = ctx.trustIds;
    for (const [email, roles, schoolIds] of [
      ['ceo@fuzz.test', ['ceo'], []],
      ['head@fuzz.test', ['headteacher'], [ctx.schoolIds[0]]],
    ] as const) {
      const created = await http()
        .post(`/api/trusts/${t}/users`)
        .set('authorization', `Bearer ${admin}`)
        .send({ email, roles, schoolIds, password })
        .expect(201);
      ctx.userIds.push(created.body.user.id);
      ctx.emails.push(email);
    }
    ceo = (await http().post('/api/auth/sign-in').send({ email: 'ceo@fuzz.test', password }).expect(200)).body.accessToken;
    // A session of its own for the generated refreshes and sign-outs (they may end it).
    ctx.refreshTokens.push(
      (await http().post('/api/auth/sign-in').send({ email: 'head@fuzz.test', password }).expect(200)).body.refreshToken,
    );
  }, 180_000);

  afterAll(async () => {
    await gateway?.close();
    await env.cleanup();
  });

  const adminRoute = (route: string) => /\/api\/admin\/|\/users|\/sign-in-settings/.test(route);
  /** The caller a route admits, mostly; one request in ten carries no token and one the other caller's (from the URL's hash: the run stays reproducible). */
  const tokenFor = (r: FuzzRequest): string | undefined => {
    const pick =
      createHash('sha256')
        .update(r.url + (r.body ?? ''))
        .digest()[0] % 10;
    const [own, other] = adminRoute(r.route) ? [admin, ceo] : [ceo, admin];
    return pick === 0 ? undefined : pick === 1 ? other : own;
  };

  const send = sendTo(
    () => gateway.getHttpServer(),
    (r): Record<string, string> => {
      const token = tokenFor(r);
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  );

  it('answers every generated request below 500, errors in the one shape', async () => {
    const routes = gatewayRoutes(ctx);
    const { routesHit } = await fuzzRoutes({ routes, send, ...fuzzSettings(200) });
    expect([...routesHit].sort()).toEqual(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
  });

  it('refuses an identity provider it cannot reach when settings are saved (400), and answers 502, not 500, when a saved one is away', async () => {
    const trustId = randomUUID();
    const refused = await http()
      .put(`/api/trusts/${trustId}/sign-in-settings`)
      .set('authorization', `Bearer ${admin}`)
      .send({ oidc: { issuer: 'https://127.0.0.1:1/tenant/v2.0', clientId: 'trustwide', roleClaim: 'groups', roleMapping: {} } })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'oidc.issuer', problems: [expect.stringContaining('discovery document')] }]);
    // Saved while it answered, gone since: what users meet is the provider's failure, in the one shape.
    await gateway
      .get(DataSource)
      .query(
        `INSERT INTO trust_sign_in (trust_id, oidc_issuer, oidc_client_id, oidc_role_claim, oidc_role_mapping) VALUES ($1, 'https://127.0.0.1:1/tenant/v2.0', 'trustwide', 'groups', '{}')`,
        [trustId],
      );
    for (const res of [
      await http().get(`/api/auth/oidc/${trustId}/start`),
      await http().post(`/api/auth/oidc/${trustId}/id-token`).send({ idToken: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln' }),
    ]) {
      expect(res.status).toBe(502);
      expect(res.body.errors[0].field).toBe('oidc.issuer');
    }
  });
});
