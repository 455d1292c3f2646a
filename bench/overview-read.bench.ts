/**
 * Benchmark: the trust overview of a 120-school trust under concurrent load, through the gateway with a real access
 * token, against its floor measured in the same run: a static JSON answer of the same size served by the same
 * gateway stack (the same Express set-up, auth guard with its session lookup, scope check and JSON serialisation),
 * with nothing read from the read model. Requests go from this process over keep-alive connections
 * (`BENCH_OVERVIEW_CONCURRENCY` at a time, `BENCH_OVERVIEW_REQUESTS` per round), rounds alternating between the two
 * routes (`BENCH_OVERVIEW_ROUNDS`); latency percentiles of all rounds of each. Also one cold overview (cache empty)
 * and one after a change of the trust. `npm run bench -- bench/overview-read.bench.ts`. It asserts the answers,
 * never a speed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, INestApplication, Module, Req } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { configureHttp, GATEWAY_HTTP, startConsumers, UuidParam } from '@trustwide/common';
import { testEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule as GatewayModule } from '../apps/gateway/src/app.module';
import { Allow } from '../apps/gateway/src/auth/auth.guard';
import type { AuthenticatedRequest } from '../apps/gateway/src/auth/auth.guard';
import { READ_MODEL_ROLES, scopeOf } from '../apps/gateway/src/read-model/api/access';
import { BOOTSTRAP_ADMIN } from '../apps/gateway/test/auth-harness';
import { benchKafka, envelope, percentile, produce, trustEvents, waitForCount } from './read-model-events';

const SCHOOLS = Number(process.env.BENCH_OVERVIEW_SCHOOLS ?? 120);
const REQUESTS = Number(process.env.BENCH_OVERVIEW_REQUESTS ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_OVERVIEW_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_OVERVIEW_ROUNDS ?? 3);
const out = (text = '') => process.stdout.write(`${text}\n`);
const env = testEnvironment('rm_overview');

/** The floor's answer: set to a copy of the real overview before it is measured. */
let staticAnswer: unknown = null;

@Controller('api/trusts/:trustId')
@Allow(...READ_MODEL_ROLES)
class StaticAnswerController {
  @Get('bench-static')
  answer(@UuidParam('trustId') trustId: string, @Req() req: AuthenticatedRequest) {
    scopeOf(req.caller, trustId);
    return staticAnswer;
  }
}

/** Listed first, so its route is registered before the gateway's proxy takes every other /api path. */
@Module({ imports: [GatewayModule], controllers: [StaticAnswerController] })
class BenchGateway {}

interface Answer {
  status: number;
  ms: number;
  bytes: number;
  etag?: string;
}

function get(agent: Agent, port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, bytes, etag: res.headers.etag }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `n` requests, `concurrency` in flight, over one keep-alive agent. */
async function load(port: number, path: string, headers: Record<string, string>, n: number, concurrency: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let bytes = 0;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < n) {
        const a = await get(agent, port, path, headers);
        times.push(a.ms);
        bytes = a.bytes;
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      }
    }),
  );
  const wall = performance.now() - start;
  agent.destroy();
  return { times, statuses, bytes, perSecond: n / (wall / 1000) };
}

describe('the overview of a 120-school trust under load, against a static answer of the same size', () => {
  let gateway: INestApplication | undefined;
  afterAll(async () => {
    await gateway?.close();
    await env.cleanup();
  });

  it('reports p50/p95/p99 of both', async () => {
    const trustId = randomUUID();
    const events = [...trustEvents(env.topicPrefix, trustId, SCHOOLS, { staffPerSchool: 12, designatedShare: 0.05, firstUrn: 100000 })];
    const topics = [...new Set(events.map((e) => e.topic))];
    await produce(benchKafka(), events, topics);
    await env.createDatabases('gateway');
    gateway = await withEnv(
      env.env('gateway', {
        LOG_LEVEL: 'error',
        BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
        BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
        SCHOOLS_URL: 'http://127.0.0.1:1',
        PEOPLE_URL: 'http://127.0.0.1:1',
        IMPROVEMENT_URL: 'http://127.0.0.1:1',
        CPD_URL: 'http://127.0.0.1:1',
      }),
      async () => {
        const app = (await Test.createTestingModule({ imports: [BenchGateway] }).compile()).createNestApplication({
          logger: ['error'],
          bodyParser: false,
        });
        configureHttp(app, GATEWAY_HTTP);
        await app.listen(0, '127.0.0.1');
        return app;
      },
    );
    const app = gateway;
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    const db = app.get(DataSource);
    const ingestMs = await (async () => {
      await startConsumers(app);
      return waitForCount(async () => Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM rm_audit`))[0].n), events.length);
    })();

    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const admin = (await post('/api/auth/sign-in', BOOTSTRAP_ADMIN)).accessToken as string;
    const password = 'velvet otter compass harbour';
    await post(`/api/trusts/${trustId}/users`, { email: 'ceo@bench.test', roles: ['ceo'], password }, admin);
    const ceo = (await post('/api/auth/sign-in', { email: 'ceo@bench.test', password })).accessToken as string;
    const headers = { authorization: `Bearer ${ceo}` };
    const overviewPath = `/api/trusts/${trustId}/overview`;

    // The answer as the dashboard asks for it (the first page of 50, by name), cold and then cached.
    const agent = new Agent({ keepAlive: true });
    const cold = await get(agent, port, overviewPath, headers);
    const body = (await (await fetch(`http://127.0.0.1:${port}${overviewPath}`, { headers })).json()) as {
      total: number;
      schools: unknown[];
      totals: { schools: number };
    };
    expect(body.total).toBe(SCHOOLS);
    expect(body.totals.schools).toBe(SCHOOLS);
    staticAnswer = structuredClone(body);
    const fixed = await get(agent, port, `/api/trusts/${trustId}/bench-static`, headers);
    expect([fixed.status, fixed.bytes]).toEqual([200, cold.bytes]);
    // A conditional request for an unchanged overview: 304, no body.
    const etag = (await get(agent, port, overviewPath, headers)).etag!;
    const notModified = await get(agent, port, overviewPath, { ...headers, 'if-none-match': etag });
    expect(notModified.status).toBe(304);

    const runs = { static: [] as number[], overview: [] as number[] };
    const rates = { static: [] as number[], overview: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, path] of [
        ['static', `/api/trusts/${trustId}/bench-static`],
        ['overview', overviewPath],
      ] as const) {
        const r = await load(port, path, headers, REQUESTS, CONCURRENCY);
        expect([...r.statuses]).toEqual([[200, REQUESTS]]);
        runs[name].push(...r.times);
        rates[name].push(r.perSecond);
      }
    }

    // After a change of the trust (one measure of one school), the next overview is read again from the tables.
    const [{ school_id: schoolId }] = await db.query<{ school_id: string }[]>(`SELECT school_id FROM rm_schools LIMIT 1`);
    const before = Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM rm_audit`))[0].n);
    await produce(
      benchKafka(),
      [
        envelope(env.topicPrefix, trustId, 'schools.measures.recorded', schoolId, {
          schoolId,
          urn: 100000,
          period: '2025/26',
          measures: [{ name: 'attendance', value: 91.5 }],
        }),
      ],
      topics,
    );
    await waitForCount(async () => Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM rm_audit`))[0].n), before + 1, 5);
    const afterChange = await get(agent, port, overviewPath, headers);
    expect(afterChange.status).toBe(200);
    agent.destroy();

    const stats = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
    };
    const s = stats(runs.static);
    const o = stats(runs.overview);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    out();
    out(`${SCHOOLS} schools, ${events.length} events ingested in ${(ingestMs / 1000).toFixed(1)} s; answer ${cold.bytes} bytes;`);
    out(`${ROUNDS} rounds × ${REQUESTS} requests per route, ${CONCURRENCY} concurrent, keep-alive`);
    out(`| route | requests/s | p50 ms | p95 ms | p99 ms |`);
    out(`|---|---:|---:|---:|---:|`);
    const row = (name: string, r: typeof s, rate: number) =>
      out(`| ${name} | ${rate.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.p99.toFixed(2)} |`);
    row('floor: static answer, same size, same stack', s, mean(rates.static));
    row('overview', o, mean(rates.overview));
    out(`| ratio | | ${(o.p50 / s.p50).toFixed(2)}× | ${(o.p95 / s.p95).toFixed(2)}× | ${(o.p99 / s.p99).toFixed(2)}× |`);
    out(
      `one request alone: cold overview ${cold.ms.toFixed(1)} ms, static ${fixed.ms.toFixed(1)} ms, 304 ${notModified.ms.toFixed(1)} ms, first overview after a change ${afterChange.ms.toFixed(1)} ms`,
    );
  }, 900_000);
});
