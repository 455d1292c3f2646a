import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { BOOTSTRAP_ADMIN, startGateway, TestClock } from './auth-harness';

jest.setTimeout(180_000);

/**
 * The gateway's own write routes (users, their roles and resets, sign-in settings, sessions, signing keys)
 * under many valid requests at once to one trust: only 2xx and honest 4xx (409 for a lost race, 401 for
 * a refresh token another request used first), never a 5xx, every error in the one shape, and the stored
 * result one of the requested ones.
 */
describe('gateway writes at once to one trust', () => {
  const env = testEnvironment('gateway_concurrency');
  let gateway: INestApplication;
  let db: DataSource;
  const http = () => request(gateway.getHttpServer());
  const trustId = randomUUID();
  const password = 'quiet heron ledger lantern';
  let admin: string;

  const inShape = (res: request.Response) => {
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400)
      expect(res.body).toMatchObject({ statusCode: res.status, message: expect.any(String), errors: expect.any(Array) });
  };

  beforeAll(async () => {
    await env.createDatabases('gateway');
    gateway = await startGateway(env, new TestClock(), { SCHOOLS_URL: 'http://127.0.0.1:1', WRITE_RATE_LIMIT_PER_MINUTE: '10000' });
    db = gateway.get(DataSource);
    admin = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken;
  });

  afterAll(async () => {
    await gateway?.close();
    await env.cleanup();
  });

  const asAdmin = (req: request.Test) => req.set('authorization', `Bearer ${admin}`);

  it('creates users at once: each new e-mail once, the same e-mail twice a 409', async () => {
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) =>
        asAdmin(http().post(`/api/trusts/${trustId}/users`)).send({ email: `hr${i}@busy.test`, roles: ['hr'], password }),
      ),
      ...Array.from({ length: 4 }, () =>
        asAdmin(http().post(`/api/trusts/${trustId}/users`)).send({ email: 'same@busy.test', roles: ['hr'], password }),
      ),
    ]);
    answers.forEach(inShape);
    expect(answers.slice(0, 8).map((r) => r.status)).toEqual(Array(8).fill(201));
    expect(
      answers
        .slice(8)
        .map((r) => r.status)
        .sort(),
    ).toEqual([201, 409, 409, 409]);
    const [{ n }] = await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM users WHERE email = 'same@busy.test'`);
    expect(Number(n)).toBe(1);
  });

  it("changes one user's roles, resets their password and saves the trust's sign-in settings at once", async () => {
    const user = (
      await asAdmin(http().post(`/api/trusts/${trustId}/users`))
        .send({ email: 'ceo@busy.test', roles: ['ceo'], password })
        .expect(201)
    ).body.user.id as string;
    const roleSets = [['ceo'], ['executive'], ['hr'], ['cpd-lead'], ['ceo', 'hr'], ['executive', 'cpd-lead']];
    const answers = await Promise.all([
      ...roleSets.map((roles) => asAdmin(http().patch(`/api/trusts/${trustId}/users/${user}`)).send({ roles })),
      ...Array.from({ length: 4 }, () => asAdmin(http().post(`/api/trusts/${trustId}/users/${user}/password-reset`))),
      ...Array.from({ length: 4 }, (_, i) =>
        asAdmin(http().put(`/api/trusts/${trustId}/sign-in-settings`)).send({ trustName: `Busy Trust ${i}`, oidc: null }),
      ),
    ]);
    answers.forEach(inShape);
    expect(answers.every((r) => r.status < 300 || r.status === 409)).toBe(true);
    const stored = (await asAdmin(http().get(`/api/trusts/${trustId}/users/${user}`)).expect(200)).body as { roles: string[] };
    expect(roleSets.map((r) => [...r].sort().join())).toContain([...stored.roles].sort().join());
  });

  it('refreshes one session at once: one request gets the new tokens, the others are refused, none fails', async () => {
    await asAdmin(http().post(`/api/trusts/${trustId}/users`))
      .send({ email: 'twice@busy.test', roles: ['hr'], password })
      .expect(201);
    const { refreshToken } = (await http().post('/api/auth/sign-in').send({ email: 'twice@busy.test', password }).expect(200)).body as {
      refreshToken: string;
    };
    const answers = await Promise.all(Array.from({ length: 12 }, () => http().post('/api/auth/refresh').send({ refreshToken })));
    answers.forEach(inShape);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status !== 200).every((r) => r.status === 401)).toBe(true);
  });

  it('rotates the signing key from many requests at once, and tokens still verify', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => asAdmin(http().post('/api/admin/signing-keys/rotate'))));
    answers.forEach(inShape);
    expect(answers.every((r) => r.status < 300 || r.status === 409)).toBe(true);
    const fresh = (await http().post('/api/auth/sign-in').send(BOOTSTRAP_ADMIN).expect(200)).body.accessToken as string;
    await http().get('/api/auth/me').set('authorization', `Bearer ${fresh}`).expect(200);
  });
});
