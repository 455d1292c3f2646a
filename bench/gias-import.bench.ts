/**
 * Benchmark: a national-scale GIAS establishments import (about 50,000 rows) through the schools
 * service, against real PostgreSQL and Kafka. Run with `npm run bench` (see bench/README.md).
 * It reports numbers and asserts nothing about speed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ImportJobResponseDto } from '../apps/schools/src/cli/import-cli';
import { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { profiled } from './profile';
import { DataSource } from 'typeorm';
import { testEnvironment } from '@trustwide/common/testing';
import { parseCsvText, streamCsvImport } from '@trustwide/common';
import { giasEstablishmentsImport } from '../apps/schools/src/formats/gias/establishments';
import type { GiasEstablishment } from '../apps/schools/src/formats/gias/establishments';
import { GIAS_DIR, startSchoolsApp, toCsv } from '../apps/schools/test/schools-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
/** Share of rows changed in the "newer extract" phase. */
const CHANGED_SHARE = Number(process.env.BENCH_CHANGED_SHARE ?? 0.1);
const PROFILE = process.env.BENCH_PROFILE === '1';
const FLOOR_BATCH = 1000; // the importer's batch size

const out = (text = '') => process.stdout.write(`${text}\n`);

// ---------------------------------------------------------------------------------------------------
// Query accounting: every pg query of this process (the app's and the relay's), by kind of statement.

interface QueryStat {
  count: number;
  ms: number;
}
let queryStats = new Map<string, QueryStat>();

function queryKind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const rules: [RegExp, string][] = [
    [/^(START TRANSACTION|BEGIN)/i, 'BEGIN'],
    [/^COMMIT/i, 'COMMIT'],
    [/^ROLLBACK/i, 'ROLLBACK'],
    [/pg_try_advisory_xact_lock/i, 'relay: advisory lock'],
    [/FROM outbox_events WHERE sent_at IS NULL ORDER BY/i, 'relay: SELECT unsent outbox rows'],
    [/^UPDATE outbox_events SET sent_at/i, 'relay: UPDATE outbox sent_at'],
    [/^DELETE FROM outbox_events/i, 'relay: prune'],
    [/^INSERT INTO outbox_events/i, 'INSERT outbox_events (multi-row)'],
    [/pg_notify/i, 'SELECT pg_notify'],
    [/^SELECT .* FROM "schools" .* FOR UPDATE/i, 'SELECT schools ... FOR UPDATE (batch)'],
    [/^SELECT .* FROM "schools"/i, 'SELECT schools (other)'],
    [/^INSERT INTO "schools"/i, 'INSERT schools (multi-row)'],
    [/^UPDATE "schools"/i, 'UPDATE schools (one row)'],
    [/^UPDATE "import_jobs"/i, 'UPDATE import_jobs (progress)'],
    [/import_jobs/i, 'import_jobs (other)'],
    [/^INSERT INTO bench_floor/i, 'floor: INSERT bench_floor (unnest)'],
  ];
  for (const [re, name] of rules) if (re.test(s)) return name;
  return s.replace(/\$\d+/g, '$').slice(0, 70);
}

function record(sql: string, ms: number) {
  const kind = queryKind(sql);
  const stat = queryStats.get(kind) ?? { count: 0, ms: 0 };
  stat.count++;
  stat.ms += ms;
  queryStats.set(kind, stat);
}

/** Wraps pg's Client#query (TypeORM and the relay both go through it). Time includes waiting in the client's queue. */
function instrumentPg(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __benchWrapped?: boolean };
  if (proto.__benchWrapped) return;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const sql = typeof first === 'string' ? first : (first?.text ?? '');
    const start = performance.now();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cbArgs: unknown[]) => {
        record(sql, performance.now() - start);
        return (last as (...a: unknown[]) => unknown)(...cbArgs);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => record(sql, performance.now() - start),
        () => record(sql, performance.now() - start),
      );
    }
    return result;
  };
  proto.__benchWrapped = true;
}

function takeQueryStats(): Record<string, QueryStat> {
  const stats = Object.fromEntries(
    [...queryStats].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { count: v.count, ms: Math.round(v.ms) }]),
  );
  queryStats = new Map();
  return stats;
}

// ---------------------------------------------------------------------------------------------------
// Measuring a phase: wall time and peak RSS (sampled every 20 ms; the app runs in this process).

interface Phase {
  name: string;
  wallMs: number;
  rows: number;
  rowsPerSecond: number;
  rssStartMb: number;
  rssPeakMb: number;
  queries: Record<string, QueryStat>;
  totalQueries: number;
  queryMs: number;
  extra: Record<string, unknown>;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function measure(name: string, rows: number, fn: () => Promise<Record<string, unknown> | void>): Promise<Phase> {
  global.gc?.();
  takeQueryStats();
  const rssStart = process.memoryUsage.rss();
  let peak = rssStart;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = performance.now();
  let extra: Record<string, unknown>;
  try {
    extra = (await fn()) ?? {};
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage.rss());
  const queries = takeQueryStats();
  const phase: Phase = {
    name,
    wallMs: Math.round(wallMs),
    rows,
    rowsPerSecond: Math.round((rows * 1000) / wallMs),
    rssStartMb: mb(rssStart),
    rssPeakMb: mb(peak),
    queries,
    totalQueries: Object.values(queries).reduce((n, q) => n + q.count, 0),
    queryMs: Object.values(queries).reduce((n, q) => n + q.ms, 0),
    extra,
  };
  out(
    `  ${name}: ${(wallMs / 1000).toFixed(2)} s, ${phase.rowsPerSecond.toLocaleString('en-GB')} rows/s, RSS peak ${phase.rssPeakMb} MB, ${phase.totalQueries} queries`,
  );
  return phase;
}

// ---------------------------------------------------------------------------------------------------
// The extract: the sample's rows repeated with unique URNs, varied names and pupil numbers.

/** A deterministic pseudo-random sequence, so every run imports the same file. */
function random(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const WORDS = ['Oak', 'Meadow', 'Riverside', 'St Mary', 'Hillside', 'Kingsway', 'Brook', 'Castle', 'Park', 'Church', 'Valley', 'Green'];

interface Extract {
  header: string[];
  rows: string[][];
}

/** The sample is Windows-1252: read and write it as latin1 so every byte goes back as it came. */
function buildExtract(rows: number): Extract {
  const sample = parseCsvText(readFileSync(join(GIAS_DIR, 'edubasealldata-sample-99.csv')).toString('latin1'));
  const header = sample[0].fields;
  const data = sample.slice(1).map((r) => r.fields);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the sample has no ${name} column`);
    return i;
  };
  const [urn, name, pupils] = [col('URN'), col('EstablishmentName'), col('NumberOfPupils')];
  const rnd = random(20_261_122);
  const out: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const row = [...data[i % data.length]];
    row[urn] = String(200_000 + i);
    row[name] = `${WORDS[Math.floor(rnd() * WORDS.length)]} ${row[name]} ${i}`;
    row[pupils] = String(20 + Math.floor(rnd() * 1800));
    out.push(row);
  }
  return { header, rows: out };
}

function writeExtract(path: string, extract: Extract): number {
  writeFileSync(path, Buffer.from(toCsv(extract.header, extract.rows), 'latin1'));
  return statSync(path).size;
}

// ---------------------------------------------------------------------------------------------------

/** POSTs a file to the import API, streamed from disk, and waits for the finished job (wait=true). */
function postImport(base: string, trustId: string, file: string, query: string): Promise<ImportJobJson> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/trusts/${trustId}/imports?wait=true&${query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'content-length': statSync(file).size },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) return reject(new Error(`import answered ${res.statusCode}: ${body}`));
        resolve(JSON.parse(body) as ImportJobJson);
      });
    });
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

/** The job as the import API returns it (the CLI's view of it). */
type ImportJobJson = Required<ImportJobResponseDto>;

const jobSummary = (job: ImportJobJson) => ({
  status: job.status,
  rowsRead: job.rowsRead,
  created: job.created,
  updated: job.updated,
  unchanged: job.unchanged,
  skipped: job.skipped,
  errorCount: job.errorCount,
  serverMs: Date.parse(job.finishedAt ?? '') - Date.parse(job.startedAt),
  firstError: job.errors[0]?.reason,
});

const FLOOR_COLUMNS: [string, string, (e: GiasEstablishment) => unknown][] = [
  ['urn', 'int', (e) => e.urn],
  ['name', 'text', (e) => e.name],
  ['phase', 'text', (e) => e.phase],
  ['establishment_type', 'text', (e) => e.establishmentType],
  ['status', 'text', (e) => e.status],
  ['local_authority_code', 'text', (e) => e.localAuthorityCode],
  ['local_authority', 'text', (e) => e.localAuthority],
  ['street', 'text', (e) => e.street],
  ['town', 'text', (e) => e.town],
  ['postcode', 'text', (e) => e.postcode],
  ['easting', 'int', (e) => e.easting],
  ['northing', 'int', (e) => e.northing],
  ['pupils_on_roll', 'int', (e) => e.pupilsOnRoll],
  ['capacity', 'int', (e) => e.capacity],
  ['low_age', 'int', (e) => e.lowAge],
  ['high_age', 'int', (e) => e.highAge],
  ['opened_on', 'date', (e) => e.openedOn],
  ['closed_on', 'date', (e) => e.closedOn],
  ['gias_group_uid', 'text', (e) => e.trustGroupUid],
];

describe('benchmark: national GIAS establishments import', () => {
  const env = testEnvironment('bench_gias');
  const dir = join(tmpdir(), 'trustwide-bench');
  const file = join(dir, `gias-establishments-${ROWS}.csv`);
  const changedFile = join(dir, `gias-establishments-${ROWS}-changed.csv`);
  let app: INestApplication;
  let db: DataSource;
  let base: string;
  let bytes: number;
  const phases: Phase[] = [];
  const report: Record<string, unknown> = {};

  const unsent = async () =>
    Number((await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`))[0].n);
  const outboxTotal = async () => Number((await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox_events`))[0].n);

  /** Time from now until the relay has published every outbox row (polled every 50 ms). */
  const drainOutbox = async () => {
    const start = performance.now();
    const pendingAtStart = await unsent();
    while ((await unsent()) > 0) await new Promise((r) => setTimeout(r, 50));
    return { pendingAtImportEnd: pendingAtStart, drainAfterImportMs: Math.round(performance.now() - start) };
  };

  beforeAll(async () => {
    instrumentPg();
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    const extract = buildExtract(ROWS);
    bytes = writeExtract(file, extract);
    // A newer extract: CHANGED_SHARE of the schools have a new pupil number.
    const pupils = extract.header.indexOf('NumberOfPupils');
    const step = Math.max(1, Math.round(1 / CHANGED_SHARE));
    writeExtract(changedFile, {
      header: extract.header,
      rows: extract.rows.map((r, i) => (i % step === 0 ? r.map((v, c) => (c === pupils ? String(Number(v) + 1) : v)) : r)),
    });
    out(
      `\nGIAS import benchmark: ${ROWS.toLocaleString('en-GB')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB (${file}), generated in ${Math.round(performance.now() - started)} ms`,
    );

    app = await startSchoolsApp(env);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((app.getHttpServer() as Server).address() as AddressInfo).port}`;
    db = app.get(DataSource);
    out(`schools app on ${base}, database ${env.databaseUrl('schools')}, topic prefix ${env.topicPrefix}`);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
    // The run's topics hold every event it published: remove them.
    const kafka = new Kafka({ clientId: 'bench-cleanup', brokers: env.env('x').KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(env.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } catch {
      // best effort
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  });

  it('imports a national extract and reports the numbers', async () => {
    // Trusts: one for the real imports, one for the profiled import.
    const trustId = (
      await db.query<{ id: string }[]>(`INSERT INTO trusts (id, name) VALUES ($1, 'Bench national view') RETURNING id`, [randomUUID()])
    )[0].id;

    out('\n(a) baseline');
    let okRows = 0;
    let errorRows = 0;
    phases.push(
      await measure('a1 parse+map only', ROWS, async () => {
        for await (const o of streamCsvImport(createReadStream(file, { highWaterMark: 1024 * 1024 }), giasEstablishmentsImport)) {
          if (o.ok) okRows++;
          else errorRows++;
        }
        return { okRows, errorRows };
      }),
    );
    await db.query(`CREATE TABLE bench_floor (LIKE schools INCLUDING ALL)`);
    const floorClient = new pg.Client({ connectionString: env.databaseUrl('schools') });
    await floorClient.connect();
    const floorInsert =
      `INSERT INTO bench_floor (id, trust_id, membership, ${FLOOR_COLUMNS.map(([c]) => c).join(', ')}) ` +
      `SELECT gen_random_uuid(), $1::uuid, 'not-member', * FROM unnest(${FLOOR_COLUMNS.map(([, t], i) => `$${i + 2}::${t}[]`).join(', ')})`;
    try {
      phases.push(
        await measure('a2 floor: parse+map + raw INSERT, no events', ROWS, async () => {
          let batch: GiasEstablishment[] = [];
          let inserted = 0;
          const flush = async () => {
            if (batch.length === 0) return;
            await floorClient.query('BEGIN');
            await floorClient.query(floorInsert, [trustId, ...FLOOR_COLUMNS.map(([, , get]) => batch.map(get))]);
            await floorClient.query('COMMIT');
            inserted += batch.length;
            batch = [];
          };
          for await (const o of streamCsvImport(createReadStream(file, { highWaterMark: 1024 * 1024 }), giasEstablishmentsImport)) {
            if (!o.ok) continue;
            batch.push(o.value);
            if (batch.length >= FLOOR_BATCH) await flush();
          }
          await flush();
          return { inserted, batchSize: FLOOR_BATCH };
        }),
      );
    } finally {
      await floorClient.end();
    }

    out('\n(b) first import through the API (scope=all, wait=true)');
    const publishedBefore = await outboxTotal();
    let importStart = 0;
    const first = await measure('b first import', ROWS, async () => {
      importStart = performance.now();
      return jobSummary(await postImport(base, trustId, file, 'scope=all&fileName=national.csv'));
    });
    phases.push(first);
    const events = (await outboxTotal()) - publishedBefore;
    const relay = { events, ...(await drainOutbox()) };
    const relayTotalMs = Math.round(performance.now() - importStart);
    report.relayAfterFirstImport = { ...relay, importStartToAllPublishedMs: relayTotalMs, relayQueries: takeQueryStats() };
    out(
      `  relay: ${events} events; ${relay.pendingAtImportEnd} unsent when the import answered; all on Kafka ${relay.drainAfterImportMs} ms later (${relayTotalMs} ms after the import started)`,
    );
    expect(first.extra.status).toBe('completed');

    out('\n(c) the same file again (no changes)');
    const outboxBeforeSecond = await outboxTotal();
    const second = await measure('c same file again', ROWS, async () => jobSummary(await postImport(base, trustId, file, 'scope=all')));
    second.extra.events = (await outboxTotal()) - outboxBeforeSecond;
    phases.push(second);

    out(`\n(d) a newer extract: ${Math.round(CHANGED_SHARE * 100)}% of the schools changed`);
    const outboxBeforeThird = await outboxTotal();
    const third = await measure(`d newer extract (${Math.round(CHANGED_SHARE * 100)}% changed)`, ROWS, async () =>
      jobSummary(await postImport(base, trustId, changedFile, 'scope=all')),
    );
    third.extra.events = (await outboxTotal()) - outboxBeforeThird;
    phases.push(third);
    report.relayAfterNewerExtract = await drainOutbox();
    takeQueryStats();

    if (PROFILE) {
      out('\n(e) a first import again, into a new trust, with the CPU profiler on');
      const profileTrust = (
        await db.query<{ id: string }[]>(`INSERT INTO trusts (id, name) VALUES ($1, 'Bench profiled') RETURNING id`, [randomUUID()])
      )[0].id;
      const { result, top, byPackage } = await profiled(() =>
        measure('e first import, profiled', ROWS, async () => jobSummary(await postImport(base, profileTrust, file, 'scope=all'))),
      );
      phases.push(result);
      report.cpuProfile = { note: 'self time in this process (app, relay, bench) during (e)', byPackage, top };
      await drainOutbox();
    }

    // ------------------------------------------------------------------ report
    const floor = phases.find((p) => p.name.startsWith('a2'))!;
    const parseOnly = phases.find((p) => p.name.startsWith('a1'))!;
    const rows = phases.map((p) => ({
      phase: p.name,
      wall: `${(p.wallMs / 1000).toFixed(2)} s`,
      rowsPerSecond: p.rowsPerSecond.toLocaleString('en-GB'),
      rssPeak: `${p.rssStartMb} → ${p.rssPeakMb} MB`,
      server: typeof p.extra.serverMs === 'number' ? `${(p.extra.serverMs / 1000).toFixed(2)} s` : '',
      vsFloor: `${(p.wallMs / floor.wallMs).toFixed(2)}×`,
      vsParse: `${(p.wallMs / parseOnly.wallMs).toFixed(2)}×`,
      queries: String(p.totalQueries),
      events: typeof p.extra.events === 'number' ? String(p.extra.events) : p.name.startsWith('b') ? String(events) : '',
    }));
    const table = [
      '| phase | wall | job (server) | rows/s | RSS start → peak | × floor (a2) | × parse (a1) | queries | events |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.phase} | ${r.wall} | ${r.server} | ${r.rowsPerSecond} | ${r.rssPeak} | ${r.vsFloor} | ${r.vsParse} | ${r.queries} | ${r.events} |`,
      ),
      `| relay: outbox → Kafka after (b) | ${((report.relayAfterFirstImport as { drainAfterImportMs: number }).drainAfterImportMs / 1000).toFixed(2)} s after (b) answered | | | | | | | ${events} |`,
    ];
    out('\nResults');
    out(table.join('\n'));
    for (const p of phases.filter((p) => p.totalQueries > 0)) {
      out(`\nQueries during ${p.name} (time includes waiting in the pg client's queue):`);
      for (const [kind, s] of Object.entries(p.queries).slice(0, 12)) out(`  ${String(s.count).padStart(7)} × ${kind}  ${s.ms} ms`);
      if (Object.keys(p.extra).length > 0) out(`  result: ${JSON.stringify(p.extra)}`);
    }
    if (report.cpuProfile) {
      const cpu = report.cpuProfile as {
        byPackage: { pkg: string; ms: number; share: string }[];
        top: { fn: string; ms: number; share: string }[];
      };
      out('\nCPU self time during (e), by package:');
      for (const p of cpu.byPackage) out(`  ${p.share.padStart(6)}  ${String(p.ms).padStart(6)} ms  ${p.pkg}`);
      out('\nTop functions by self time:');
      for (const f of cpu.top.slice(0, 20)) out(`  ${f.share.padStart(6)}  ${String(f.ms).padStart(6)} ms  ${f.fn}`);
    }

    const resultsDir = join(process.cwd(), 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const jsonPath = join(resultsDir, `gias-import-${stamp}.json`);
    writeFileSync(
      jsonPath,
      JSON.stringify(
        {
          benchmark: 'gias-import',
          at: new Date().toISOString(),
          machine: { node: process.version, platform: process.platform, cpus: cpus().length, cpuModel: cpus()[0]?.model },
          file: { rows: ROWS, bytes, okRows, errorRows },
          settings: { outboxBatchSize: process.env.OUTBOX_BATCH_SIZE ?? '500 (default)', changedShare: CHANGED_SHARE, profile: PROFILE },
          phases,
          ratios: Object.fromEntries(
            phases
              .filter((p) => !p.name.startsWith('a'))
              .map((p) => [p.name, { vsFloor: p.wallMs / floor.wallMs, vsParseOnly: p.wallMs / parseOnly.wallMs }]),
          ),
          ...report,
        },
        null,
        2,
      ),
    );
    out(`\nJSON: ${relative(process.cwd(), jsonPath)}\n`);
  });
});
