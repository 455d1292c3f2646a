import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { ROLES, type Role } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { AppModule as CpdModule } from '../../cpd/src/app.module';
import { AppModule as ImprovementModule } from '../../improvement/src/app.module';
import { AppModule as PeopleModule } from '../../people/src/app.module';
import { expectedFor } from '../src/access/access';
import { ROUTE_TABLE, type RouteRule } from '../src/access/route-table';
import { BOOTSTRAP_ADMIN, freePort, startGateway, startSchools, startService, TestClock } from './auth-harness';

/**
 * The access matrix, generated from the route table: every endpoint × every role × (own trust, another trust) and
 * no token, through the gateway to the four running services (each on its own database, sign-in required at
 * every one). One request per cell. "Allowed" means the gateway let it through and the service took it as the
 * caller's: anything but 401, 403 and the trust's 404 (a minimal body's 400, an unknown id's 404 naming that id,
 * a 409 or 422 all count). Every answer is scanned for the other trust's names and ids. A step a named member of
 * staff takes (`qaNamed`, `staffNamed`) answers these accounts, linked to no staff record, 403 on `staffId` from the
 * service: the gateway let them through and the service asked for the link, so that counts as allowed here
 * (staff-link.e2e-spec.ts takes a linked QA lead through).
 */
interface Tenant {
  id: string;
  name: string;
  schools: { id: string; urn: number; name: string }[];
  tokens: Map<Role, string>;
}

const TRUST_ROLES = ROLES.filter((r) => r !== 'platform-admin');
const UNKNOWN_ID = '3f1d6c7e-0a4b-4c1d-9e2f-8a7b6c5d4e3f';
const password = (role: string, n: number) => `walnut ${n} copper ${ROLES.indexOf(role as Role) + 1} lantern`;

describe('the access matrix (generated from the route table)', () => {
  const env = testEnvironment('access_matrix');
  const apps: INestApplication[] = [];
  let gateway: INestApplication;
  let schoolsPort: number;
  let platformToken: string;
  const tenants: Tenant[] = [];
  const http = () => request(gateway.getHttpServer());
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const [gatewayPort, sPort, pPort, iPort, cPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    schoolsPort = sPort;
    const service = { AUTH_REQUIRED: 'true', GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` };
    gateway = await startGateway(
      env,
      new TestClock(),
      {
        AUTH_REQUIRED: 'true',
        SCHOOLS_URL: `http://127.0.0.1:${sPort}`,
        PEOPLE_URL: `http://127.0.0.1:${pPort}`,
        IMPROVEMENT_URL: `http://127.0.0.1:${iPort}`,
        CPD_URL: `http://127.0.0.1:${cPort}`,
        SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS: '100',
        WRITE_RATE_LIMIT_PER_MINUTE: '100000',
        MAX_JSON_BODY_BYTES: '65536',
      },
      gatewayPort,
    );
    apps.push(
      await startSchools(env, service, sPort),
      await startService(env, 'people', PeopleModule, service, pPort),
      await startService(env, 'improvement', ImprovementModule, service, iPort),
      await startService(env, 'cpd', CpdModule, service, cPort),
    );
    platformToken = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken;

    // Two trusts, each with two schools, a trust administrator and one user per role (a headteacher and a head of
    // school lead the first school).
    for (const [n, name] of ['Matrix North Trust', 'Matrix South Trust'].entries()) {
      const trust = (await http().post('/api/trusts').set(bearer(platformToken)).send({ name }).expect(201)).body;
      await http()
        .post(`/api/trusts/${trust.id}/users`)
        .set(bearer(platformToken))
        .send({ email: `admin${n}@matrix.test`, roles: ['trust-admin'], password: password('admin', n) })
        .expect(201);
      const admin = (
        await http()
          .post('/api/auth/sign-in')
          .send({ email: `admin${n}@matrix.test`, password: password('admin', n) })
          .expect(200)
      ).body.accessToken;
      const schools = [];
      for (const k of [1, 2]) {
        const school = (
          await http()
            .post(`/api/trusts/${trust.id}/schools`)
            .set(bearer(admin))
            .send({ urn: 180000 + n * 10 + k, name: `${name} School ${k}`, phase: 'primary' })
            .expect(201)
        ).body;
        schools.push({ id: school.id, urn: school.urn, name: school.name });
      }
      const tokens = new Map<Role, string>([['platform-admin', platformToken]]);
      for (const role of TRUST_ROLES) {
        const email = `${role}${n}@matrix.test`;
        const schoolIds = ['headteacher', 'head-of-school'].includes(role) ? [schools[0].id] : undefined;
        await http()
          .post(`/api/trusts/${trust.id}/users`)
          .set(bearer(admin))
          .send({ email, roles: [role], password: password(role, n), schoolIds })
          .expect(201);
        tokens.set(
          role,
          (
            await http()
              .post('/api/auth/sign-in')
              .send({ email, password: password(role, n) })
              .expect(200)
          ).body.accessToken,
        );
      }
      tenants.push({ id: trust.id, name, schools, tokens });
    }
  });

  afterAll(async () => {
    await gateway?.close();
    for (const app of apps) await app.close();
    await env.cleanup();
  });

  /** The path of `rule` in `tenant`'s trust, with its first school and an unknown id for every other resource. */
  const pathIn = (rule: RouteRule, tenant: Tenant) =>
    '/api' +
    rule.path
      .replace(':trustId', tenant.id)
      .replace(':urn', String(tenant.schools[0].urn))
      .replace(':schoolId', tenant.schools[0].id)
      .replace(':report', 'take-up')
      .replace(/:[A-Za-z]+/g, UNKNOWN_ID);

  async function send(rule: RouteRule, path: string, token: string | null) {
    let req = http()[rule.method.toLowerCase() as 'get'](path);
    if (token) req = req.set(bearer(token));
    if (rule.method !== 'GET') req = req.send({});
    return req;
  }

  const outcome = (rule: RouteRule, res: { status: number; body: { errors?: { field: string }[] } }) => {
    const named = rule.qaNamed || rule.staffNamed;
    if (named && res.status === 403 && res.body?.errors?.[0]?.field === 'staffId') return 'allowed';
    if (res.status === 401 || res.status === 403) return res.status;
    if (res.status === 404 && res.body?.errors?.[0]?.field === 'trustId') return 404;
    expect(res.status).toBeLessThan(500);
    return 'allowed';
  };

  /** Nothing of `other` in an answer to a caller of `own`, but what the caller sent in the path. */
  function expectNothingOf(other: Tenant, res: { text: string }, path: string) {
    const secrets = [other.name, other.id, ...other.schools.flatMap((s) => [s.id, s.name])].filter((s) => !path.includes(s));
    for (const secret of secrets) expect([path, res.text.includes(secret) ? secret : null]).toEqual([path, null]);
  }

  it('answers every cell as the route table says, and never with the other trust’s data', async () => {
    const [own, other] = tenants;
    const cells: string[] = [];
    let ownDataSeen = 0; // the scan looks at real answers: the caller's own trust's schools do come back
    for (const rule of ROUTE_TABLE) {
      const trustRoute = rule.path.includes(':trustId');
      // No token: 401 everywhere.
      const anonymous = await send(rule, pathIn(rule, own), null);
      cells.push(`${rule.method} ${rule.path} anonymous: ${outcome(rule, anonymous)} (expected ${expectedFor(rule, null, true)})`);
      for (const role of ROLES) {
        const token = own.tokens.get(role)!;
        for (const [target, ownTrust] of trustRoute
          ? ([
              [own, true],
              [other, false],
            ] as const)
          : ([[own, true]] as const)) {
          const path = pathIn(rule, target);
          const res = await send(rule, path, token);
          const expected = expectedFor(rule, role, ownTrust);
          cells.push(`${rule.method} ${rule.path} ${role} ${ownTrust ? 'own' : 'other'}: ${outcome(rule, res)} (expected ${expected})`);
          if (role !== 'platform-admin') expectNothingOf(other, res, path);
          if (res.text.includes(own.schools[0].name)) ownDataSeen++;
        }
      }
    }
    const wrong = cells.filter((c) => {
      const [, got, expected] = /: (\S+) \(expected (\S+)\)$/.exec(c)!;
      return got !== expected;
    });
    expect(wrong).toEqual([]);
    const seen = new Set(cells.map((c) => /: (\S+) \(expected/.exec(c)![1]));
    expect([...seen].sort()).toEqual(['401', '403', '404', 'allowed']);
    expect(ownDataSeen).toBeGreaterThan(10);
    expect(cells.length).toBeGreaterThan(ROUTE_TABLE.length * (ROLES.length + 1));
  }, 300_000);

  it('keeps a headteacher and a head of school to their own school: lists, a URN, a school id', async () => {
    const [own] = tenants;
    const [mine, theirs] = own.schools;
    for (const role of ['headteacher', 'head-of-school'] as const) {
      const token = own.tokens.get(role)!;
      const list = await http().get(`/api/trusts/${own.id}/schools`).set(bearer(token)).expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([mine.id]);
      expect(list.text).not.toContain(theirs.name);
      await http().get(`/api/trusts/${own.id}/schools/${mine.urn}`).set(bearer(token)).expect(200);
      const other = await http().get(`/api/trusts/${own.id}/schools/${theirs.urn}`).set(bearer(token)).expect(404);
      expect(other.text).not.toContain(theirs.name);
      await http().get(`/api/trusts/${own.id}/support/schools/${theirs.id}`).set(bearer(token)).expect(404);
      expect((await http().get(`/api/trusts/${own.id}/plans`).set(bearer(token)).expect(200)).body.items).toEqual([]);
    }
    // The CEO sees both.
    const all = await http()
      .get(`/api/trusts/${own.id}/schools`)
      .set(bearer(own.tokens.get('ceo')!))
      .expect(200);
    expect(all.body.items.map((s: { id: string }) => s.id).sort()).toEqual([mine.id, theirs.id].sort());
  });

  it('refuses a JSON body over the cap before it reaches a service (413), and a direct call to a service (401)', async () => {
    const [own] = tenants;
    const big = JSON.stringify({ name: 'x'.repeat(70_000) });
    const res = await http()
      .patch(`/api/trusts/${own.id}`)
      .set(bearer(own.tokens.get('trust-admin')!))
      .set('content-type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, errors: [{ field: 'body', problems: [expect.any(String)] }] });
    await request(`http://127.0.0.1:${schoolsPort}`).get(`/trusts/${own.id}/schools`).expect(401);
    await request(`http://127.0.0.1:${schoolsPort}`)
      .get(`/trusts/${own.id}/schools`)
      .set(bearer(own.tokens.get('ceo')!))
      .expect(401); // the client's token is not the gateway's
  });
});
