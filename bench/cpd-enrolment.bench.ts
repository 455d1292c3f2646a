/**
 * Benchmark: 1,000 concurrent enrolment requests into a 30-place cohort through the CPD service's HTTP
 * stack (real PostgreSQL, the outbox relay to the real Kafka broker running), against the same 1,000
 * requests to `POST /trusts/:t/enrolments/validate`, which goes through the same stack (Express, the
 * validation pipe, the same DTO) and does nothing else. Requests per second and latency percentiles of
 * each. Run with `npm run bench -- bench/cpd-enrolment.bench.ts`. It asserts the outcome (30 enrolled,
 * 970 waitlisted, arrivals 1..1000), never a speed.
 *
 * Rounds alternate (validate, enrol, …), each enrol round on a fresh cohort with fresh staff; the
 * median round of each is reported. The load generator shares the process and the 2 cores.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { todayInEngland } from '@trustwide/common';
import { testEnvironment } from '@trustwide/common/testing';
import { addDays } from '@trustwide/common/util/calendar';
import { knowSchool, knowStaff, programmeBody, startCpdApp } from '../apps/cpd/test/cpd-app';

const REQUESTS = Number(process.env.BENCH_CPD_REQUESTS ?? 1000);
const PLACES = 30;
const ROUNDS = Number(process.env.BENCH_CPD_ROUNDS ?? 3);
const out = (text = '') => process.stdout.write(`${text}\n`);

interface Round {
  wallMs: number;
  latencies: number[];
  statuses: number[];
  bodies: Array<{ status?: string; arrival?: number }>;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('CPD enrolment under 1,000 concurrent requests', () => {
  const env = testEnvironment('cpd_bench');
  const trustId = randomUUID();
  const schoolId = randomUUID();
  let app: INestApplication;
  let url: string;
  let programmeId: string;
  let facilitator: string;
  // Every request its own connection, all at once: what 1,000 simultaneous callers look like.
  const dispatcher = new Agent({ connections: null, pipelining: 1, keepAliveTimeout: 10_000 });

  beforeAll(async () => {
    app = await startCpdApp(env);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    await knowSchool(app, trustId, schoolId, 'Bench Primary', 180001);
    [facilitator] = await knowStaff(app, trustId, schoolId, 1, 'middle-leader');
    const res = await fetch(`${url}/trusts/${trustId}/programmes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(programmeBody('TRUST-BENCH')),
    });
    programmeId = ((await res.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await dispatcher.close();
    await app?.close();
    await env.cleanup();
  });

  async function fire(path: string, bodies: object[]): Promise<Round> {
    const latencies: number[] = [];
    const started = performance.now();
    const answers = await Promise.all(
      bodies.map(async (body) => {
        const t0 = performance.now();
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          dispatcher,
        } as unknown as RequestInit);
        const json = (await res.json()) as { status?: string; arrival?: number };
        latencies.push(performance.now() - t0);
        return { status: res.status, json };
      }),
    );
    return { wallMs: performance.now() - started, latencies, statuses: answers.map((a) => a.status), bodies: answers.map((a) => a.json) };
  }

  async function freshCohort(): Promise<{ cohortId: string; staff: string[] }> {
    const start = addDays(todayInEngland(), 30);
    const res = await fetch(`${url}/trusts/${trustId}/cohorts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        programmeId,
        places: PLACES,
        sessions: [{ date: start, title: 'Day 1' }],
        venue: { schoolId },
        facilitatorIds: [facilitator],
      }),
    });
    return { cohortId: ((await res.json()) as { id: string }).id, staff: await knowStaff(app, trustId, schoolId, REQUESTS) };
  }

  it('reports requests per second and latency percentiles of enrol against validation only', async () => {
    const results: Record<'validate' | 'enrol', Round[]> = { validate: [], enrol: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const { cohortId, staff } = await freshCohort();
      const bodies = staff.map((staffId) => ({ cohortId, staffId }));
      const v = await fire(`/trusts/${trustId}/enrolments/validate`, bodies);
      expect(v.statuses.every((s) => s === 200)).toBe(true);
      results.validate.push(v);
      const e = await fire(`/trusts/${trustId}/enrolments`, bodies);
      expect(e.statuses.every((s) => s === 201)).toBe(true);
      expect(e.bodies.filter((b) => b.status === 'enrolled')).toHaveLength(PLACES);
      expect(e.bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(REQUESTS - PLACES);
      expect(e.bodies.map((b) => b.arrival).sort((a, b) => a! - b!)).toEqual(Array.from({ length: REQUESTS }, (_, i) => i + 1));
      results.enrol.push(e);
    }
    out();
    out(`CPD enrolment: ${REQUESTS} concurrent requests into a ${PLACES}-place cohort, ${ROUNDS} rounds, median round`);
    out('| route | requests/s | p50 ms | p90 ms | p99 ms | max ms |');
    out('|---|---:|---:|---:|---:|---:|');
    const rows: Record<string, number> = {};
    for (const [name, rounds] of Object.entries(results)) {
      const median = [...rounds].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(rounds.length / 2)];
      const sorted = [...median.latencies].sort((a, b) => a - b);
      const rps = (REQUESTS * 1000) / median.wallMs;
      rows[name] = rps;
      const label =
        name === 'enrol' ? 'POST /enrolments (lock, decide, write, outbox)' : 'POST /enrolments/validate (same stack, validation only)';
      out(
        `| ${label} | ${rps.toFixed(0)} | ${pct(sorted, 50).toFixed(0)} | ${pct(sorted, 90).toFixed(0)} | ${pct(sorted, 99).toFixed(0)} | ${sorted[sorted.length - 1].toFixed(0)} |`,
      );
    }
    out(
      `enrol runs at ${((rows.enrol / rows.validate) * 100).toFixed(1)}% of the validation-only rate (${(rows.validate / rows.enrol).toFixed(1)}× slower)`,
    );
  });
});
