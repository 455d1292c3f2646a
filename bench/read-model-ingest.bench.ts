/**
 * Benchmark: events per second into the gateway's read model (the `read-model` consumer: a partition's run folded
 * and written with one multi-row upsert per table, its audit rows, which are its ledger, in the same transaction)
 * against a naive consumer on the same broker and database server: NestJS `@EventPattern` on `ServerKafka`
 * (@nestjs/microservices), one INSERT per message. The same events (schools registered, measures, staff, enrolments:
 * a realistic mix) are put on the topics first; each consumer then reads them from the beginning, in a plain Node
 * process of its own running the gateway as built (read-model-ingest.child.cjs; inside jest's VM context the code
 * runs slower than deployed), and the clock runs until the last is written (each counts its own writes in its
 * process, so no count(*) polling loads the database it measures; the tables are counted once, after). Also
 * reported: the CPU seconds each process of the machine used meanwhile (the consumer's node, postgres, the broker's
 * java), and with `--profile` the read model's self time by package and function. Run with
 * `npm run bench -- bench/read-model-ingest.bench.ts` (BENCH_RM_EVENTS, default 300,000: the read model fetches 4 MiB a
 * partition, about 36 MB of these events at a time, so 100,000 events were three fetches and the first, applied by
 * nothing while it is read, was a tenth of the run; 300,000 gives a steady rate). It asserts that every event arrived,
 * never a speed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventType } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { summarise, type CpuProfile } from './profile';
import { benchKafka, buildApp, envelope as benchEnvelope, cpuReport, cpuSnapshot, produce, queryOnce } from './read-model-events';

const EVENTS = Number(process.env.BENCH_RM_EVENTS ?? 300_000);
/** BENCH_RM_NAIVE=0 leaves out the naive consumer (two minutes at 300,000 events): for trying changes to the read model's ingest. */
const NAIVE = process.env.BENCH_RM_NAIVE !== '0';
/** BENCH_PROFILE=1 (`npm run bench -- --profile`): the read model's ingest under V8's sampling profiler, self time reported. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const out = (text = '') => process.stdout.write(`${text}\n`);
const env = testEnvironment('rm_bench');
const TOPICS = ['trustwide.schools', 'trustwide.people', 'trustwide.cpd'].map((t) => `${env.topicPrefix}${t}`);
// bench/run.mjs (and jest) run from the checkout's root.
const ROOT = process.cwd();

/** Children still running: a run that failed or timed out must not leave its consumer consuming. */
const children = new Set<ChildProcess>();

interface Consumed {
  ms: number;
  joinMs?: number;
  userMs: number;
  systemMs: number;
}

/**
 * One consumer in a plain Node process of its own (read-model-ingest.child.cjs), until it has written every event;
 * the machine's CPU is read while it still runs (its database connections too), then it is let go.
 */
async function consumeInChild(
  kind: 'read-model' | 'naive',
  appEnv: Record<string, string>,
  profileFile?: string,
): Promise<{ consumed: Consumed; cpu: string[] }> {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'read-model-ingest.child.cjs'), kind, String(EVENTS), ...TOPICS], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...appEnv, LOG_LEVEL: 'error', ...(profileFile ? { BENCH_RM_PROFILE_FILE: profileFile } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  const errors: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  const cpu0 = cpuSnapshot();
  const line = await new Promise<string | undefined>((resolve) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    lines.once('close', () => resolve(undefined));
  });
  const cpu = cpuReport(cpu0);
  child.stdin.end();
  const code = await exited;
  if (line === undefined || code !== 0) throw new Error(`the ${kind} consumer failed (exit ${code}):\n${errors.join('')}`);
  return { consumed: JSON.parse(line) as Consumed, cpu };
}

/** Counts in an app's database, read once after its consumer is done. */
async function count(databaseUrl: string, sql: string): Promise<Record<string, number>> {
  const [row] = await queryOnce<Record<string, string>>(databaseUrl, sql);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const envelope = (trustId: string, type: EventType, aggregateId: string, data: unknown) =>
  benchEnvelope(env.topicPrefix, trustId, type, aggregateId, data);

/** A trust's worth of events, repeated: 1 school registered, 4 terms of measures, 3 staff joined, 2 enrolments per school. */
function generate(n: number) {
  const trustId = randomUUID();
  const messages: ReturnType<typeof envelope>[] = [];
  while (messages.length < n) {
    const schoolId = randomUUID();
    const cohortId = randomUUID();
    messages.push(
      envelope(trustId, 'schools.school.registered', schoolId, {
        school: {
          schoolId,
          urn: 100000 + (messages.length % 800000),
          name: `School ${messages.length}`,
          phase: 'primary',
          membership: 'member',
        },
      }),
    );
    for (const period of ['2023/24-autumn', '2023/24-spring', '2023/24-summer', '2023/24'])
      messages.push(
        envelope(trustId, 'schools.measures.recorded', schoolId, {
          schoolId,
          urn: 100001,
          period,
          measures: [
            { name: 'attendance', value: 90 + Math.random() * 8 },
            { name: 'pupilsOnRoll', value: 300 },
          ],
        }),
      );
    for (let i = 0; i < 3; i++) {
      const staffId = randomUUID();
      messages.push(
        envelope(trustId, 'people.staff.joined', staffId, { staffId, schoolId, displayName: `Person ${i}`, joinedOn: '2020-09-01' }),
      );
      if (i < 2)
        messages.push(
          envelope(trustId, 'cpd.enrolment.created', cohortId, {
            enrolmentId: randomUUID(),
            cohortId,
            programmeId: cohortId,
            staffId,
            schoolId,
            enrolledOn: '2026-09-10',
          }),
        );
    }
  }
  return messages.slice(0, n);
}

describe('read-model ingest against a naive one-row-per-message consumer', () => {
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await env.cleanup();
  });

  it(`ingests ${EVENTS} events`, async () => {
    buildApp('gateway');
    await produce(benchKafka(), generate(EVENTS), TOPICS);
    await env.createDatabases('gateway', 'naive');
    const rate = (ms: number) => Math.round(EVENTS / (ms / 1000));

    // The read model: the gateway's consumer as it runs in production.
    const rmEnv = env.env('gateway');
    const profileFile = PROFILE ? join(tmpdir(), `trustwide-rm-bench-${process.pid}.cpuprofile`) : undefined;
    const rm = await consumeInChild('read-model', rmEnv, profileFile);
    const rows = await count(
      rmEnv.DATABASE_URL,
      `SELECT (SELECT count(*) FROM rm_audit) AS events, (SELECT count(*) FROM rm_schools) AS schools, (SELECT count(*) FROM rm_measures) AS measures,
              (SELECT count(*) FROM rm_people) AS people, (SELECT count(*) FROM rm_enrolments) AS enrolments`,
    );
    expect(rows.events).toBe(EVENTS);
    expect(rows.enrolments).toBeGreaterThan(0);
    const { ms: rmMs, joinMs = 0, userMs, systemMs } = rm.consumed;
    out();
    out(
      `read model: ${(rmMs / 1000).toFixed(1)} s in all (${rate(rmMs)} events/s), of which ${(joinMs / 1000).toFixed(1)} s to join the group; after it ${rate(rmMs - joinMs)} events/s`,
    );
    out(
      `its process's CPU during it: ${((userMs + systemMs) / rmMs).toFixed(2)} cores (user ${(userMs / 1000).toFixed(1)} s, system ${(systemMs / 1000).toFixed(1)} s)`,
    );
    for (const line of rm.cpu) out(line);
    if (profileFile) {
      const cpu = summarise(JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile);
      rmSync(profileFile, { force: true });
      out('CPU self time by package:');
      for (const p of cpu.byPackage) out(`  ${p.share.padStart(6)} ${String(p.ms).padStart(6)} ms  ${p.pkg}`);
      out('by function:');
      for (const f of cpu.top) out(`  ${f.share.padStart(6)} ${String(f.ms).padStart(6)} ms  ${f.fn}`);
    }
    out(`read model rows: ${rows.schools} schools, ${rows.measures} measures, ${rows.people} people, ${rows.enrolments} enrolments`);
    if (!NAIVE) return;

    // The naive consumer: ServerKafka, one message at a time, one INSERT each.
    const naiveEnv = env.env('naive');
    const naive = await consumeInChild('naive', naiveEnv);
    expect((await count(naiveEnv.DATABASE_URL, `SELECT count(*) AS events FROM naive_events`)).events).toBe(EVENTS);
    const naiveMs = naive.consumed.ms;
    for (const line of naive.cpu) out(`naive: ${line}`);

    out(`| consumer | events | wall (incl. group join) | events/s |`);
    out(`|---|---:|---:|---:|`);
    out(
      `| naive: @EventPattern on ServerKafka, one INSERT per message | ${EVENTS} | ${(naiveMs / 1000).toFixed(1)} s | ${rate(naiveMs)} |`,
    );
    out(
      `| read model: @OnEventBatch, runs of ≤2,000 folded, one upsert per table | ${EVENTS} | ${(rmMs / 1000).toFixed(1)} s | ${rate(rmMs)} |`,
    );
    out(`| ratio | | | ${(naiveMs / rmMs).toFixed(1)}× |`);
  }, 900_000);
});
