/**
 * Benchmark: the CSV parser of libs/common/src/csv against csv-parse (the well-kept library), in the
 * same run, on a national-size GIAS extract and on a header followed by 64 MiB of commas with no line
 * break. Run with `npm run bench` (see bench/README.md); it reports numbers and asserts only that both
 * read the same records. The reason the project keeps its own parser is written in parser.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CsvFileError, CsvParser, CsvTextDecoder, DEFAULT_CSV_LIMITS } from '@trustwide/common';
import { GIAS_DIR } from '../apps/schools/test/schools-app';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const CHUNK = 1024 * 1024;
const out = (text = '') => process.stdout.write(`${text}\n`);

function extract(rows: number): Buffer {
  const lines = readFileSync(`${GIAS_DIR}/edubasealldata-sample-99.csv`, 'latin1').split('\r\n').filter(Boolean);
  const body = Array.from({ length: rows }, (_, i) => lines[1 + (i % (lines.length - 1))]);
  return Buffer.from([lines[0], ...body].join('\r\n') + '\r\n', 'latin1');
}

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK) yield bytes.subarray(i, i + CHUNK);
}

function cpu<T>(fn: () => T): { result: T; cpuMs: number; wallMs: number; heapMb: number } {
  // (synchronous: nothing else runs meanwhile)
  const before = process.cpuUsage();
  const heap = process.memoryUsage().heapUsed;
  const t = performance.now();
  const result = fn();
  const used = process.cpuUsage(before);
  return {
    result,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - t,
    heapMb: (process.memoryUsage().heapUsed - heap) / 2 ** 20,
  };
}

/** Ours: decode and parse chunk by chunk; counts records (or the refusal). */
function ours(source: Iterable<Buffer>): number | string {
  const decoder = new CsvTextDecoder();
  const parser = new CsvParser(DEFAULT_CSV_LIMITS);
  let n = 0;
  try {
    for (const chunk of source) n += parser.push(decoder.decode(chunk)).length;
    return n + parser.end().length;
  } catch (e) {
    if (e instanceof CsvFileError) return e.message.slice(0, 60);
    throw e;
  }
}

/** csv-parse with the options that read these files as ours does, fed the same decoded text (with backpressure). */
async function library(source: Iterable<Buffer>): Promise<number | string> {
  const decoder = new CsvTextDecoder();
  const parser = parse({
    relax_quotes: true,
    skip_empty_lines: true,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    max_record_size: DEFAULT_CSV_LIMITS.maxRecordBytes,
  });
  let n = 0;
  let failure: string | null = null;
  parser.on('data', () => n++);
  const ended = new Promise<void>((resolve) => {
    parser.on('end', resolve);
    parser.on('error', (e: Error) => {
      failure = e.message.slice(0, 60);
      resolve();
    });
  });
  for (const chunk of source) {
    if (failure) break;
    if (!parser.write(decoder.decode(chunk))) await new Promise((r) => parser.once('drain', r));
  }
  if (!failure) parser.end(decoder.end());
  await ended;
  return failure ?? n;
}

async function cpuAsync<T>(fn: () => Promise<T>): Promise<{ result: T; cpuMs: number; heapMb: number }> {
  const before = process.cpuUsage();
  const heap = process.memoryUsage().heapUsed;
  const result = await fn();
  const used = process.cpuUsage(before);
  return { result, cpuMs: (used.user + used.system) / 1000, heapMb: (process.memoryUsage().heapUsed - heap) / 2 ** 20 };
}

describe('CSV parser vs csv-parse', () => {
  it(`reads a ${ROWS}-row GIAS extract, and a 64 MiB record of commas`, async () => {
    const file = extract(ROWS);
    const commas = Buffer.concat([Buffer.from(file.subarray(0, file.indexOf('\r\n') + 2)), Buffer.alloc(64 * 2 ** 20, ',')]);
    const rows: Record<string, unknown>[] = [];
    for (const [name, input] of [
      [`GIAS extract, ${(file.length / 2 ** 20).toFixed(0)} MiB`, file],
      ['header + 64 MiB of commas', commas],
    ] as const) {
      const a = cpu(() => ours(chunks(input)));
      const b = await cpuAsync(() => library(chunks(input)));
      const libResult = b.result;
      rows.push({ input: name, parser: 'libs/common/src/csv', result: a.result, cpuMs: Math.round(a.cpuMs), heapMb: Math.round(a.heapMb) });
      rows.push({ input: name, parser: 'csv-parse', result: libResult, cpuMs: Math.round(b.cpuMs), heapMb: Math.round(b.heapMb) });
      if (input === file) expect(libResult).toBe(a.result);
    }
    out();
    out('CSV parsing (CPU of the parse, same run):');
    for (const r of rows)
      out(
        `  ${String(r.input).padEnd(28)} ${String(r.parser).padEnd(20)} ${String(r.cpuMs).padStart(7)} ms CPU  heap ${String(r.heapMb).padStart(5)} MB  → ${String(r.result)}`,
      );
  }, 600_000);
});
