import cliProgress from 'cli-progress';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { basename, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { parseArgs } from 'node:util';
import type { StaffImportView } from '../staff-imports/staff-import.view';

/**
 * `npm run import:staff -- --trust <id> [--url <people service>] <file.csv>`: uploads a staff list
 * (a school's MIS/HR export) to the people service, follows the import with a progress bar and prints
 * what it did with the first row errors. Plain Node (no Nest): it talks to a running service over HTTP.
 */

export const STAFF_USAGE = `Usage: npm run import:staff -- --trust <trustId> [--url <url>] <file.csv>

Uploads a staff list exported from a school's MIS or HR system (CSV, Windows-1252 or UTF-8) to the
people service and follows the import. Staff are matched by work email: importing the same file
again changes nothing.

Options:
  --trust <id>   the trust to import into (UUID; required)
  --url <url>    the people service, or the gateway's /api [env PEOPLE_URL, else http://127.0.0.1:3002]
  -h, --help     show this help

Exit status: 0 when the import completed (even with row errors), 1 when it failed or was refused,
2 for bad usage.
`;

export interface StaffCliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** How often the import's progress is fetched [300 ms]. */
  pollMs?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHOWN_ERRORS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  body: string;
}

/** One request; the body (a file stream) is piped, with its bytes counted by `onBytes`. */
function send(url: URL, method: string, body?: { path: string; size: number; onBytes: (n: number) => void }): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { method, headers: body ? { 'content-type': 'text/csv', 'content-length': body.size } : {} });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (!body) return void req.end();
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        body.onBytes(chunk.length);
        done(null, chunk);
      },
    });
    createReadStream(body.path).on('error', reject).pipe(counter).pipe(req);
  });
}

/** The service's refusal in its own words (`{ message, errors: [{ field, problems }] }`). */
function refusal(answer: Answer): string {
  try {
    const body = JSON.parse(answer.body) as { message?: string; errors?: { field: string; problems: string[] }[] };
    const problems = (body.errors ?? []).map((e) => `${e.field}: ${e.problems.join('; ')}`);
    return `${answer.status} ${problems.length ? problems.join('\n') : (body.message ?? '')}`;
  } catch {
    return `${answer.status} ${answer.body.slice(0, 200)}`;
  }
}

/** A bar on a terminal; elsewhere (logs, CI) a line each time the stage or a tenth of the file moves on. */
class Progress {
  private bar: cliProgress.SingleBar | null = null;
  private lastLine = '';

  constructor(private readonly out: StaffCliIo['stdout']) {}

  update(stage: string, done: number, total: number, detail: string): void {
    if (this.out.isTTY) {
      if (!this.bar) {
        this.bar = new cliProgress.SingleBar(
          {
            format: '{stage} [{bar}] {percentage}% | {detail}',
            stream: this.out as NodeJS.WriteStream,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        this.bar.start(total, done, { stage, detail });
      }
      this.bar.setTotal(total);
      this.bar.update(done, { stage, detail });
      return;
    }
    const line = `${stage} ${total > 0 ? Math.floor((done / total) * 10) * 10 : 0}%`;
    if (line !== this.lastLine) this.out.write(`${line} ${detail}\n`);
    this.lastLine = line;
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}

export async function runStaffImportCli(argv: string[], io: StaffCliIo): Promise<number> {
  let values: { trust?: string; url?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { trust: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    io.stderr.write(`${(err as Error).message}\n\n${STAFF_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(STAFF_USAGE);
    return 0;
  }
  const problems: string[] = [];
  if (!values.trust) problems.push('--trust <trustId> is required');
  else if (!UUID.test(values.trust)) problems.push(`--trust must be the trust's id (a UUID), not "${values.trust}"`);
  if (positionals.length !== 1)
    problems.push(positionals.length === 0 ? 'the CSV file to import is missing' : `one file at a time, got ${positionals.length}`);
  const rawUrl = values.url ?? io.env?.PEOPLE_URL ?? 'http://127.0.0.1:3002';
  let base: URL | null = null;
  try {
    base = new URL(rawUrl.endsWith('/') ? rawUrl : `${rawUrl}/`);
    if (!['http:', 'https:'].includes(base.protocol)) throw new Error('not http');
  } catch {
    problems.push(`--url must be an http(s) URL, not "${rawUrl}"`);
  }
  if (problems.length > 0) {
    io.stderr.write(`${problems.join('\n')}\n\n${STAFF_USAGE}`);
    return 2;
  }
  const file = resolve(io.cwd ?? process.cwd(), positionals[0]);
  const size = await stat(file)
    .then((s) => (s.isFile() ? s.size : null))
    .catch(() => null);
  if (size === null) {
    io.stderr.write(`cannot read ${file}\n`);
    return 2;
  }

  const progress = new Progress(io.stdout);
  const path = `trusts/${values.trust!.toLowerCase()}/staff/imports`;
  try {
    let sent = 0;
    const started = await send(new URL(`${path}?fileName=${encodeURIComponent(basename(file))}`, base!), 'POST', {
      path: file,
      size,
      onBytes: (n) => progress.update('uploading', (sent += n), size, `${sent} of ${size} bytes`),
    });
    if (started.status !== 202) {
      progress.stop();
      io.stderr.write(`the service refused the file: ${refusal(started)}\n`);
      return 1;
    }
    let job = JSON.parse(started.body) as StaffImportView;
    while (job.status === 'queued' || job.status === 'running') {
      progress.update(
        job.status === 'queued' ? 'waiting' : 'importing',
        job.processedBytes,
        job.totalBytes,
        `${job.rowsRead} rows, ${job.created} joined, ${job.updated} updated, ${job.unchanged} unchanged, ${job.errorCount} errors`,
      );
      await sleep(io.pollMs ?? 300);
      const answer = await send(new URL(`${path}/${job.id}`, base!), 'GET');
      if (answer.status !== 200) throw new Error(`following import ${job.id}: ${refusal(answer)}`);
      job = JSON.parse(answer.body) as StaffImportView;
    }
    progress.update('imported', job.processedBytes, job.totalBytes, `${job.rowsRead} rows`);
    progress.stop();
    io.stdout.write(`\nImport ${job.id} ${job.status}: ${job.message ?? ''}\n`);
    for (const e of job.errors.slice(0, SHOWN_ERRORS))
      io.stdout.write(`  line ${e.line}${e.staffNumber ? ` (${e.staffNumber})` : ''}: ${e.reason}\n`);
    if (job.errorCount > SHOWN_ERRORS) io.stdout.write(`  … and ${job.errorCount - SHOWN_ERRORS} more (GET /${path}/${job.id})\n`);
    return job.status === 'completed' ? 0 : 1;
  } catch (err) {
    progress.stop();
    io.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
}
