import { afterAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';

/**
 * The built services as `npm start` runs them: each boots, reports healthy (ready: its database; Kafka and the outbox as detail),
 * logs JSON and shuts down cleanly on SIGTERM; a bad environment stops it at once with what to set.
 */
const entry = (name: string) => join(process.cwd(), 'dist', 'apps', name, 'apps', name, 'src', 'main.js');

interface Running {
  name: string;
  child: ChildProcess;
  lines: string[];
  port: Promise<number>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(name: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, [entry(name)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let resolvePort: (port: number) => void;
  const port = new Promise<number>((resolve) => (resolvePort = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line);
        if (entry.msg === `${name} listening`) resolvePort(entry.port);
      } catch {
        /* stderr text */
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { name, child, lines, port, exited };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the platform', () => {
  const env = testEnvironment('platform');
  const running: Running[] = [];

  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    await env.cleanup();
  });

  it('has been built', () => {
    for (const name of ['gateway', 'schools', 'people', 'improvement', 'cpd']) expect(existsSync(entry(name))).toBe(true);
  });

  it('starts every service healthy and stops each cleanly on SIGTERM', async () => {
    // As `npm start` runs them: sign-in required everywhere, the services checking callers against the gateway's JWKS.
    const gatewayPort = await freePort();
    const signIn = { AUTH_REQUIRED: 'true', GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json` };
    const backends = ['schools', 'people', 'improvement', 'cpd'].map((name) =>
      launch(name, { ...env.env(name), ...signIn, LOG_LEVEL: 'info' }),
    );
    running.push(...backends);
    const ports = await Promise.all(backends.map((b) => b.port));
    const urls = Object.fromEntries(backends.map((b, i) => [`${b.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[i]}`]));
    // npm start's own administrator: its default password must pass the gateway's password rules.
    const { BOOTSTRAP_ADMIN: admin } = (await import(pathToFileURL(join(process.cwd(), 'scripts', 'platform.mjs')).href)) as {
      BOOTSTRAP_ADMIN: { email: string; password: string };
    };
    const gateway = launch('gateway', {
      ...env.env('gateway'),
      ...urls,
      PORT: String(gatewayPort),
      AUTH_REQUIRED: 'true',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'info',
    });
    running.push(gateway);
    const all = [...backends, gateway];

    for (const service of all) {
      const port = await service.port;
      const body = await expectEventually(async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        expect(res.status).toBe(200);
        const json = (await res.json()) as { status: string; error: object; details: { outbox: { unsent: number } } };
        expect(json.status).toBe('ok');
        expect(json.details.outbox.unsent).toBe(0); // the gateway's first event (its bootstrap administrator) is on its way
        return json;
      });
      expect(body).toMatchObject({
        status: 'ok',
        service: service.name,
        details: { database: { status: 'up' }, kafka: { status: 'up' }, outbox: { status: 'up', unsent: 0, parked: 0 } },
      });
      expect(body.error).toEqual({});
      const live = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(live.status).toBe(200);
      const res = await fetch(`http://127.0.0.1:${port}/health`, { headers: { 'x-correlation-id': 'probe-123' } });
      expect(res.headers.get('x-correlation-id')).toBe('probe-123');
      // Metrics are internal like health: no token, even with sign-in required.
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain(`trustwide_outbox_unsent_events{service="${service.name}"} 0`);
    }

    // Nobody gets in unsigned, at the gateway or at a service's own port; the bootstrap administrator does, through the gateway.
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/api/trusts`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${ports[0]}/trusts`)).status).toBe(401);
    const signedIn = await fetch(`http://127.0.0.1:${gatewayPort}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(admin),
    });
    expect([signedIn.status, signedIn.status === 200 ? null : await signedIn.text()]).toEqual([200, null]);
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    expect(
      (await fetch(`http://127.0.0.1:${gatewayPort}/api/trusts?groupUid=1234`, { headers: { authorization: `Bearer ${accessToken}` } }))
        .status,
    ).toBe(200);

    for (const service of all) {
      const structured = service.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      expect(structured.length).toBeGreaterThan(0);
      expect(structured.every((e) => e.service === service.name && typeof e.time === 'string' && typeof e.level === 'string')).toBe(true);
    }

    for (const service of all) service.child.kill('SIGTERM');
    const exits = await Promise.all(all.map((s) => s.exited));
    for (const [i, exit] of exits.entries()) {
      // Nest re-raises the signal after its shutdown hooks ran.
      expect([exit.code === 0, exit.signal === 'SIGTERM']).toContain(true);
      const errors = all[i].lines.filter((l) => l.includes('"level":"error"') || l.includes('"level":"fatal"'));
      expect(errors).toEqual([]);
    }
  }, 180_000);

  it('refuses to start with a bad environment, saying what to set', async () => {
    const bad = launch('schools', { PORT: '3999', KAFKA_BROKERS: 'nowhere' });
    running.push(bad);
    const exit = await bad.exited;
    expect(exit.code).toBe(1);
    const output = bad.lines.join('\n');
    expect(output).toContain('schools: configuration is invalid');
    expect(output).toContain('DATABASE_URL must be a PostgreSQL URL');
    expect(output).toContain('KAFKA_BROKERS must be a comma-separated list of host:port');
  });

  it('starts without Kafka and is ready (its database answers), with Kafka reported as degraded detail', async () => {
    const service = launch('improvement', { ...env.env('improvement'), KAFKA_BROKERS: '127.0.0.1:1', LOG_LEVEL: 'info' });
    running.push(service);
    const port = await service.port;
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'degraded',
      details: { database: { status: 'up' }, kafka: { status: 'degraded', reason: expect.any(String) } },
    });
    service.child.kill('SIGTERM');
    await service.exited;
  });

  it('says clearly when no PostgreSQL server answers', async () => {
    const bad = launch('people', { ...env.env('people'), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/trustwide_people' });
    running.push(bad);
    const exit = await bad.exited;
    expect(exit.code).toBe(1);
    expect(bad.lines.join('\n')).toContain('No PostgreSQL server answers at 127.0.0.1:1');
  });
});
