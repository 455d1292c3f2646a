import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { expectEventually, testEnvironment } from '@trustwide/common/testing';
import type { TestEnvironment } from '@trustwide/common/testing';
import { halfWritten } from './consistency';
import { startSchoolsApp } from './schools-app';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL cluster of the test's own (the shared one on 5432 serves other suites and is
 * never restarted): initdb into a temporary folder, a free port, trust authentication. initdb refuses
 * to run as root, so as root it runs as the postgres user.
 */
class OwnCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'trustwide-pg-'));
  readonly data = join(this.dir, 'data');
  port = 0;
  private readonly asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];

  private run(tool: string, args: string[]) {
    const [command, ...prefix] = [...this.asPostgres, join(PG_BIN, tool)];
    execFileSync(command, [...prefix, ...args], { stdio: 'pipe', timeout: 60_000 });
  }

  async init(): Promise<void> {
    if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) {
      throw new Error(
        `this test runs a PostgreSQL cluster of its own and needs initdb and pg_ctl in ${PG_BIN} (apt-get install postgresql-15, or set PG_BIN)`,
      );
    }
    if (this.asPostgres.length > 0)
      chownSync(
        this.dir,
        Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
        Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
      );
    this.run('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    this.port = await freePort();
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
      'start',
    ]);
  }

  /** Fast shutdown: sessions are terminated (57P01 for the queries in flight), new connections refused. */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', this.data, '-w', '-m', mode, 'stop']);
  }

  remove(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Outcome {
  phase: 'before' | 'down' | 'after';
  status?: number;
  retryAfter?: string;
  body?: { statusCode?: number; errors?: { field: string }[] };
  error?: string;
}

/** PostgreSQL stopped and started again under load (issue 7: 1 to 197 of 200 requests answered 500). */
describe('the database going away under load', () => {
  const base = testEnvironment('schools_db_outage');
  const cluster = new OwnCluster();
  let app: INestApplication;
  let trustId: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    await cluster.init();
    cluster.start();
    const env: TestEnvironment = {
      ...base,
      env: (service, extra) => ({
        ...base.env(service, extra),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${cluster.port}/trustwide_${service}`,
      }),
    };
    app = await startSchoolsApp(env);
    trustId = (await http().post('/trusts').send({ name: 'Outage Trust' }).expect(201)).body.id;
    await http().post(`/trusts/${trustId}/schools`).send({ urn: 146001, name: 'Outage Primary', phase: 'primary' }).expect(201);
  });

  afterAll(async () => {
    await app?.close();
    cluster.remove();
    await base.cleanup();
  });

  it('answers 503 with Retry-After while it is away, recovers by itself, and leaves no request hanging', async () => {
    let phase: Outcome['phase'] = 'before';
    let running = true;
    const outcomes: Outcome[] = [];
    const requests = [
      () => http().get(`/trusts/${trustId}`),
      () => http().get(`/trusts/${trustId}/schools?limit=5`),
      (i: number) =>
        http()
          .patch(`/trusts/${trustId}`)
          .send({ name: `Outage Trust ${i}` }),
      (i: number) =>
        http()
          .post(`/trusts/${trustId}/schools/146001/measures`)
          .send({ period: '2024/25', values: { attendance: 90 + (i % 10) } }),
    ];
    // 200 requests in flight at all times; a request that takes longer than 30 s counts as hanging.
    const slots = Array.from({ length: 200 }, async (_, slot) => {
      for (let i = slot; running; i += 200) {
        const at = phase;
        try {
          const res = await requests[i % requests.length](i).timeout(30_000);
          outcomes.push({ phase: at, status: res.status, retryAfter: res.headers['retry-after'], body: res.body });
          if (res.status === 503) await pause(20); // a client honouring Retry-After would wait longer; this keeps the load up
        } catch (err) {
          outcomes.push({ phase: at, error: (err as Error).message });
        }
      }
    });
    const count = (p: Outcome['phase'], test: (o: Outcome) => boolean) => outcomes.filter((o) => o.phase === p && test(o)).length;
    const ok = (o: Outcome) => o.status !== undefined && o.status < 300;

    await expectEventually(() => expect(count('before', ok)).toBeGreaterThanOrEqual(200));
    phase = 'down';
    cluster.stop('fast');
    await expectEventually(() => expect(count('down', (o) => o.status === 503)).toBeGreaterThanOrEqual(200));
    cluster.start();
    phase = 'after';
    await expectEventually(() => expect(count('after', ok)).toBeGreaterThanOrEqual(200), { timeoutMs: 60_000 });
    running = false;
    await Promise.all(slots);

    expect(outcomes.filter((o) => o.error).map((o) => o.error)).toEqual([]); // nothing hung, no connection dropped
    expect([...new Set(outcomes.map((o) => o.status))].sort()).toEqual(expect.arrayContaining([200, 503]));
    expect(
      outcomes.filter((o) => ![200, 201, 503].includes(o.status!)).map((o) => `${o.phase} ${o.status} ${JSON.stringify(o.body)}`),
    ).toEqual([]);
    for (const o of outcomes.filter((x) => x.status === 503)) {
      expect(o.retryAfter).toMatch(/^\d+$/);
      // The database away, or (on a slow machine) a write that waited its 20 s turn behind the trust's other writes:
      // both are "send again", in the one shape.
      expect(o.body).toMatchObject({ statusCode: 503, errors: [{ field: expect.stringMatching(/^(database|trustId)$/) }] });
    }
    expect(
      outcomes.filter((o) => o.phase === 'down' && o.status === 503 && o.body?.errors?.[0]?.field === 'database').length,
    ).toBeGreaterThan(0);
    expect(await halfWritten(app.get(DataSource))).toEqual([]);
  });
});
