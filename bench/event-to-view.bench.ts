/**
 * Benchmark: from a command through the gateway until its effect shows in the trust overview, at a sustained rate,
 * against its floor measured in the same run. The command is `POST /api/trusts/:t/schools/:urn/measures` (a new
 * attendance figure) sent by a trust administrator to the gateway, which forwards it to the schools service; the
 * service writes it with its event in the outbox, the relay publishes it, the gateway's read model consumes it, and
 * a CEO's overview (polled back to back, one request at a time) shows it. Commands go out on a schedule of
 * `BENCH_E2V_RATE` per second [200] for `BENCH_E2V_SECONDS` [10], round robin over the trust's 120 schools, after
 * `BENCH_E2V_WARMUP_SECONDS` [10] of the same commands at the same rate, not measured: a service runs for hours, and a
 * fresh Node process spends its first seconds compiling its hot code (a fifth of each app's CPU in a cold run).
 * The floor: the command's own HTTP answer time (the same commands) plus a raw kafkajs produce → consume round trip
 * on the same broker at the same rate (a topic of its own, default consumer settings, as the read model's).
 * Reports p50/p95/p99 of each; goals: p50 within 2× the floor, p99 under 250 ms. The poll's own duration bounds the
 * resolution (reported). The gateway and the schools service run as processes of their own, built from this checkout
 * first, as deployed (BENCH_E2V_PROCESSES=0: both in this process, as the e2e tests run them, where
 * BENCH_E2V_QUERIES=1 and BENCH_E2V_PROFILE=1 can see their queries and CPU).
 * `npm run bench -- bench/event-to-view.bench.ts`. It asserts that every command showed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startConsumers } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { BOOTSTRAP_ADMIN, freePort, startGateway, startSchools, TestClock } from '../apps/gateway/test/auth-harness';
import { profiled } from './profile';
import { benchKafka, buildApp, cpuReport, cpuSnapshot, percentile, queryOnce } from './read-model-events';

// bench/run.mjs (and jest) run from the checkout's root.
const ROOT = process.cwd();

const RATE = Number(process.env.BENCH_E2V_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_E2V_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_E2V_WARMUP_SECONDS ?? 10);
/** BENCH_E2V_POLL_EVERY_MS: polls that far apart instead of back to back, to see the commands' own cost apart from the poller's. */
const POLL_EVERY_MS = Number(process.env.BENCH_E2V_POLL_EVERY_MS ?? 0);
const SCHOOLS = 120;
const out = (text = '') => process.stdout.write(`${text}\n`);
const env = testEnvironment('rm_e2v');
/** With BENCH_E2V_QUERIES=1: every pg query of this process by database and statement (time includes the client's queue). */
const queries = new Map<string, { count: number; ms: number }>();
if (process.env.BENCH_E2V_QUERIES === '1') {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; database?: string };
  const original = proto.query;
  proto.query = function (this: { database?: string }, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const sql = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').trim().slice(0, 90);
    const kind = `${(this.database ?? '').replace(/^trustwide_test_\w+?_(\w+)$/, '$1')}: ${sql}`;
    const start = performance.now();
    const result = original.apply(this, args);
    const done = () => {
      const stat = queries.get(kind) ?? { count: 0, ms: 0 };
      stat.count++;
      stat.ms += performance.now() - start;
      queries.set(kind, stat);
    };
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  };
}
/**
 * BENCH_E2V_PROCESSES=0 runs the gateway and the schools service in this process (as the e2e tests do), so one event
 * loop serves them, the poller and the senders; by default each is a process of its own, as deployed.
 */
const SEPARATE = process.env.BENCH_E2V_PROCESSES !== '0';

/** The built apps' launcher the browser suites use (test/apps.mjs: plain JavaScript, imported by URL). */
interface Launched {
  name: string;
  child: ChildProcess;
  lines: string[];
  port: Promise<number>;
}
interface AppLauncher {
  launchApp: (name: string, env: Record<string, string>, options?: { nodeArgs?: string[] }) => Launched;
  untilHealthy: (app: Launched) => Promise<void>;
  stopApps: (apps: Launched[]) => Promise<void>;
}
const launcher = () => import(pathToFileURL(join(ROOT, 'test', 'apps.mjs')).href) as Promise<AppLauncher>;
// BENCH_E2V_NODE_ARGS: flags for the apps' node, e.g. `--cpu-prof --cpu-prof-dir=.run/profiles` for their CPU profiles.
const NODE_ARGS = (process.env.BENCH_E2V_NODE_ARGS ?? '').split(' ').filter(Boolean);

const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - performance.now())));

function call(agent: Agent, port: number, method: string, path: string, token: string | null, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : null });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Raw kafkajs: messages produced at `rate`/s for `seconds`, each timed until a consumer of its own group has it. */
async function kafkaRoundTrips(rate: number, seconds: number): Promise<number[]> {
  const kafka = benchKafka();
  const topic = `${env.topicPrefix}e2v.floor`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  await admin.disconnect();
  const consumer = kafka.consumer({ groupId: `${env.topicPrefix}e2v.floor` });
  const sent = new Map<string, number>();
  const trips: number[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let joined!: () => void;
  const join = new Promise<void>((r) => (joined = r));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({
    eachMessage: ({ message }) => {
      const id = message.key!.toString();
      const at = sent.get(id);
      if (at !== undefined) trips.push(performance.now() - at);
      return Promise.resolve();
    },
  });
  await join;
  const producer = kafka.producer();
  await producer.connect();
  const n = rate * seconds;
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    await sleepUntil(start + (i * 1000) / rate);
    const id = randomUUID();
    sent.set(id, performance.now());
    sends.push(producer.send({ topic, acks: -1, messages: [{ key: id, value: JSON.stringify({ i }) }] }));
  }
  await Promise.all(sends);
  while (trips.length < n) await new Promise((r) => setTimeout(r, 20));
  await producer.disconnect();
  await consumer.disconnect();
  return trips;
}

/** A command as sent: its school, its value, when (performance.now()) it was sent, answered and shown. */
interface Command {
  urn: number;
  value: number;
  sentAt: number;
  answeredMs?: number;
  status?: number;
  shownMs?: number;
}

/**
 * Where each command's time went, from the rows it left behind: the outbox row (`created_at` is its
 * transaction's start, so the wait before it is the trust's write queue and the pool; `sent_at` is the relay's
 * pass that published it) and the read model's ledger row (`processed_at`: the ingest transaction that applied
 * it). One clock (this machine's), read as wall time on both sides.
 */
async function stages(commands: Command[], trustId: string): Promise<[string, number[]][]> {
  const wall = (t: number) => performance.timeOrigin + t;
  const read = <T>(db: string, sql: string, params: unknown[]) => queryOnce<T>(env.databaseUrl(db), sql, params);
  const outbox = await read<{ urn: number; value: number; event_id: string; created: number; sent: number }>(
    'schools',
    `SELECT (payload->'data'->>'urn')::int AS urn, (m->>'value')::float8 AS value, event_id,
            extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent
       FROM outbox_events, jsonb_array_elements(payload->'data'->'measures') m
      WHERE event_type = 'schools.measures.recorded' AND trust_id = $1 AND m->>'name' = 'attendance'`,
    [trustId],
  );
  const ledger = await read<{ event_id: string; processed: number }>(
    'gateway',
    `SELECT event_id, extract(epoch FROM processed_at) * 1000 AS processed FROM rm_audit WHERE event_id = ANY($1::uuid[])`,
    [outbox.map((o) => o.event_id)],
  );
  const processed = new Map(ledger.map((l) => [l.event_id, Number(l.processed)]));
  const rows = new Map(outbox.map((o) => [`${o.urn}|${o.value}`, o]));
  const queue: number[] = [];
  const write: number[] = [];
  const relay: number[] = [];
  const ingest: number[] = [];
  const shown: number[] = [];
  for (const c of commands) {
    const o = rows.get(`${c.urn}|${c.value}`);
    const applied = o && processed.get(o.event_id);
    if (!o || applied === undefined) continue;
    const created = Number(o.created);
    const sent = Number(o.sent);
    queue.push(created - wall(c.sentAt));
    write.push(wall(c.sentAt + c.answeredMs!) - created);
    relay.push(sent - wall(c.sentAt + c.answeredMs!));
    ingest.push(applied - sent);
    shown.push(wall(c.sentAt + c.shownMs!) - applied);
  }
  return [
    ['stage: sent → its transaction starts (gateway, auth, write queue, pool)', queue],
    ['stage: transaction start → answered (the write, commit, answer back)', write],
    ['stage: answered → the relay’s pass that sent it', relay],
    ['stage: relay pass → the read model’s ingest transaction', ingest],
    ['stage: ingest transaction → seen by a poll', shown],
  ];
}

describe('a command until it shows in the overview, at a sustained rate', () => {
  const apps: INestApplication[] = [];
  const children: Launched[] = [];
  afterAll(async () => {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await (await launcher()).stopApps(children);
    await env.cleanup();
  });

  it(`${RATE} commands/s for ${SECONDS} s`, async () => {
    await env.createDatabases('gateway', 'schools');
    const [gatewayPort, schoolsPort] = [await freePort(), await freePort()];
    const gatewayEnv = {
      LOG_LEVEL: 'error',
      AUTH_REQUIRED: 'true',
      SCHOOLS_URL: `http://127.0.0.1:${schoolsPort}`,
      WRITE_RATE_LIMIT_PER_MINUTE: '10000000',
    };
    const schoolsEnv = {
      LOG_LEVEL: 'error',
      AUTH_REQUIRED: 'true',
      GATEWAY_JWKS_URL: `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`,
    };
    if (SEPARATE) {
      // As deployed: each app its own process (built from this checkout first), this one only sends and polls.
      for (const name of ['gateway', 'schools']) buildApp(name);
      const { launchApp, untilHealthy } = await launcher();
      children.push(
        launchApp(
          'gateway',
          env.env('gateway', {
            ...gatewayEnv,
            PORT: String(gatewayPort),
            BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
            BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
            PEOPLE_URL: 'http://127.0.0.1:1',
            IMPROVEMENT_URL: 'http://127.0.0.1:1',
            CPD_URL: 'http://127.0.0.1:1',
          }),
          { nodeArgs: NODE_ARGS },
        ),
        launchApp('schools', env.env('schools', { ...schoolsEnv, PORT: String(schoolsPort) }), { nodeArgs: NODE_ARGS }),
      );
      await Promise.all(children.map(untilHealthy));
    } else {
      const gateway = await startGateway(env, new TestClock(), gatewayEnv, gatewayPort);
      apps.push(gateway);
      apps.push(await startSchools(env, schoolsEnv, schoolsPort));
      await startConsumers(gateway);
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 256 });
    const api = (method: string, path: string, token: string | null, body?: unknown) =>
      call(agent, gatewayPort, method, `/api${path}`, token, body);
    const token = async (body: unknown) => ((await api('POST', '/auth/sign-in', null, body)).body as { accessToken: string }).accessToken;
    const platform = await token(BOOTSTRAP_ADMIN);
    const trust = (await api('POST', '/trusts', platform, { name: 'Event To View Trust' })).body as { id: string };
    const password = 'velvet otter compass harbour';
    for (const [email, role] of [
      ['admin@e2v.test', 'trust-admin'],
      ['ceo@e2v.test', 'ceo'],
    ])
      expect((await api('POST', `/trusts/${trust.id}/users`, platform, { email, roles: [role], password })).status).toBe(201);
    const admin = await token({ email: 'admin@e2v.test', password });
    const ceo = await token({ email: 'ceo@e2v.test', password });
    const urns = Array.from({ length: SCHOOLS }, (_, i) => 150000 + i);
    for (const urn of urns)
      expect((await api('POST', `/trusts/${trust.id}/schools`, admin, { urn, name: `School ${urn}`, phase: 'primary' })).status).toBe(201);
    type Overview = { total: number; schools: { urn: number; measures: { attendance?: { value: number } } }[] };
    const overview = async () => (await api('GET', `/trusts/${trust.id}/overview?limit=500&sort=urn`, ceo)).body as Overview;
    while ((await overview()).total < SCHOOLS) await new Promise((r) => setTimeout(r, 100));

    // The commands, on schedule, while one poller reads the overview back to back: first the warm-up's, then the run's.
    const n = RATE * SECONDS;
    let commands: Command[] = [];
    let measuring = false;
    let polling = true;
    let pollMs: number[] = [];
    const poller = (async () => {
      while (polling) {
        if (POLL_EVERY_MS > 0) await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
        const start = performance.now();
        const view = await overview();
        const at = performance.now();
        pollMs.push(at - start);
        const shown = new Map(view.schools.map((s) => [s.urn, s.measures.attendance?.value ?? -1]));
        for (const c of commands)
          if (c.shownMs === undefined && c.answeredMs !== undefined && (shown.get(c.urn) ?? -1) >= c.value) c.shownMs = at - c.sentAt;
        if (
          measuring &&
          commands.length === n &&
          commands.every((c) => c.status !== undefined && (c.status >= 300 || c.shownMs !== undefined))
        )
          return;
      }
    })();
    /** Sends `count` commands on schedule (values from `base` up), then waits until every accepted one has shown; the sending time. */
    const send = async (count: number, base: number, step: number) => {
      const start = performance.now();
      const sends: Promise<void>[] = [];
      for (let i = 0; i < count; i++) {
        await sleepUntil(start + (i * 1000) / RATE);
        // Values only grow per school, so a later figure on the page means this one was applied too.
        const c: Command = { urn: urns[i % SCHOOLS], value: base + i * step, sentAt: performance.now() };
        commands.push(c);
        sends.push(
          api('POST', `/trusts/${trust.id}/schools/${c.urn}/measures`, admin, { period: '2025/26', values: { attendance: c.value } }).then(
            (r) => {
              c.answeredMs = performance.now() - c.sentAt;
              c.status = r.status;
            },
          ),
        );
      }
      const sentIn = performance.now() - start;
      await Promise.all(sends);
      const deadline = performance.now() + 120_000;
      while (commands.some((c) => c.status! < 300 && c.shownMs === undefined) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      return sentIn;
    };
    // The warm-up's values (10 up, by ten-thousandths) stay below the run's (50 up, by hundredths).
    if (WARMUP_SECONDS > 0) await send(RATE * WARMUP_SECONDS, 10, 1e-4);
    commands = [];
    pollMs = [];
    measuring = true;
    queries.clear(); // the run's queries only, not the set-up's
    const elu = performance.eventLoopUtilization();
    const machine = cpuSnapshot();
    let sentIn = 0;
    const run = async () => {
      sentIn = await send(n, 50, 0.01);
    };
    const cpu = process.env.BENCH_E2V_PROFILE === '1' ? (await profiled(run)).byPackage : (await run(), null);
    const busy = performance.eventLoopUtilization(elu).utilization;
    const machineLines = cpuReport(machine);
    polling = false;
    await poller;
    agent.destroy();
    // A command the schools service could not take (a 503 when it is saturated) is counted, not timed.
    const refused = commands.filter((c) => c.status! >= 300);
    const accepted = commands.filter((c) => c.status! < 300);
    expect(accepted.filter((c) => c.shownMs === undefined)).toEqual([]);

    const trips = await kafkaRoundTrips(RATE, Math.min(SECONDS, 5));
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const view = sorted(accepted.map((c) => c.shownMs!));
    const answer = sorted(accepted.map((c) => c.answeredMs!));
    const kafka = sorted(trips);
    const ps = [50, 95, 99] as const;
    const row = (name: string, xs: number[]) => out(`| ${name} | ${ps.map((p) => percentile(xs, p).toFixed(1)).join(' | ')} |`);
    out();
    out(
      `${n} commands sent in ${(sentIn / 1000).toFixed(1)} s (${(n / (sentIn / 1000)).toFixed(0)}/s), ${refused.length} refused (${[...new Set(refused.map((c) => c.status))].join(', ')}); ${trips.length} raw Kafka messages`,
    );
    out(`| ms | p50 | p95 | p99 |`);
    out(`|---|---:|---:|---:|`);
    row('the command’s HTTP answer', answer);
    row('raw kafkajs produce → consume', kafka);
    const floor = ps.map((p) => percentile(answer, p) + percentile(kafka, p));
    out(`| floor: answer + round trip | ${floor.map((f) => f.toFixed(1)).join(' | ')} |`);
    row('command → shown in the overview', view);
    row('of which after the answer (outbox, relay, Kafka, ingest, poll)', sorted(accepted.map((c) => c.shownMs! - c.answeredMs!)));
    out(`| ratio to the floor | ${ps.map((p, i) => `${(percentile(view, p) / floor[i]).toFixed(2)}×`).join(' | ')} |`);
    for (const [name, xs] of await stages(accepted, trust.id)) row(name, sorted(xs));
    const polls = sorted(pollMs);
    out(`overview poll (the resolution): p50 ${percentile(polls, 50).toFixed(1)} ms, p99 ${percentile(polls, 99).toFixed(1)} ms`);
    out(`goals: p50 within 2× the floor, p99 under 250 ms`);
    out(
      SEPARATE
        ? `the benchmark's own process (poller, senders) had its event loop busy ${(busy * 100).toFixed(0)}% of the run; the gateway and the schools service ran as processes of their own`
        : `this process's event loop was busy ${(busy * 100).toFixed(0)}% of the run (gateway, schools service, relay, ingest, poller, senders)`,
    );
    for (const line of machineLines) out(line);
    if (cpu) {
      out(`\nCPU self time during the run, by package:`);
      for (const p of cpu) out(`  ${p.share.padStart(6)}  ${String(p.ms).padStart(6)} ms  ${p.pkg}`);
    }
    if (queries.size > 0) {
      out(`\nqueries of the run, by total time (ms, count, mean):`);
      for (const [kind, q] of [...queries].sort((a, b) => b[1].ms - a[1].ms).slice(0, 30))
        out(`${q.ms.toFixed(0).padStart(7)} ${String(q.count).padStart(6)} ${(q.ms / q.count).toFixed(2).padStart(7)}  ${kind}`);
    }
  }, 900_000);
});
