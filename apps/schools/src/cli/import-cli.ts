import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { basename, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import {
  IMPORT_KINDS,
  IMPORT_SCOPES,
  type ImportJobResponseDto,
  type ImportKind,
  type ImportScope,
  type ImportStatus,
} from '../imports/import-job.response';
import {
  formatBytes,
  formatCount,
  formatDuration,
  ProgressRenderer,
  RateMeter,
  type OutputStream,
  type ProgressState,
} from './progress-bar';

/**
 * `npm run import -- --trust <id> [options] <file.csv>`: uploads a CSV file to the schools service's
 * import API, follows the import with progress bars and prints a summary with the first row errors.
 * Plain Node (no Nest) so it starts at once; it talks to a running service over HTTP.
 */

export const CLI_IMPORT_KINDS: readonly ImportKind[] = IMPORT_KINDS;
const SCOPES: readonly ImportScope[] = [...IMPORT_SCOPES].reverse(); // `all` first, as the usage lists them
const DEFAULT_URL = 'http://127.0.0.1:3001';
const SHOWN_ERRORS = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

export const USAGE = `Usage: npm run import -- --trust <trustId> [options] <file.csv>

Uploads a GIAS or Ofsted CSV file to the schools service and follows the import.

Options:
  --trust <id>     the trust to import into (UUID; required)
  --scope <scope>  all: every row of the file; trust: only the trust's own schools
                   (needs the trust's GIAS group UID) [service default: trust]
  --kind <kind>    gias-establishments | gias-groups | gias-links | ofsted
                   [detected from the file's header]
  --url <url>      the schools service [env SCHOOLS_URL, else ${DEFAULT_URL}]
  -h, --help       show this help

Exit status: 0 when the import completed (even with row errors), 1 when it failed, was
interrupted or the service refused it, 2 for bad usage, 130 when stopped with Ctrl-C (an
import already uploaded goes on in the service).
`;

/** The import job as the API returns it (the service's own response type). */
export type { ImportJobResponseDto };

export interface ImportCliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Where SCHOOLS_URL is read [process.env]. */
  env?: Record<string, string | undefined>;
  /** Relative file paths are resolved against this [process.cwd()]. */
  cwd?: string;
  /** Aborting stops the upload, or stops following an import already uploaded. */
  signal?: AbortSignal;
  /** How often the import's progress is fetched [300 ms]. */
  pollMs?: number;
  /** Without a TTY, one progress line per this many ms [3000]. */
  lineIntervalMs?: number;
}

interface CliOptions {
  trustId: string;
  scope?: ImportScope;
  kind?: ImportKind;
  baseUrl: URL;
  file: string;
}

class UsageError extends Error {}
/** A problem already explained to the user; ends the run with exit status 1. */
class CliFailure extends Error {}
class Cancelled extends Error {}

function parseOptions(argv: string[], io: ImportCliIo): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        trust: { type: 'string' },
        scope: { type: 'string' },
        kind: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const problems: string[] = [];
  if (!values.trust) problems.push('--trust <trustId> is required');
  else if (!UUID.test(values.trust)) problems.push(`--trust must be the trust's id (a UUID), not "${values.trust}"`);
  if (values.scope !== undefined && !SCOPES.includes(values.scope as ImportScope)) {
    problems.push(`--scope must be one of ${SCOPES.join(', ')}, not "${values.scope}"`);
  }
  if (values.kind !== undefined && !CLI_IMPORT_KINDS.includes(values.kind as ImportKind)) {
    problems.push(`--kind must be one of ${CLI_IMPORT_KINDS.join(', ')}, not "${values.kind}"`);
  }
  const rawUrl = values.url ?? (io.env ?? process.env).SCHOOLS_URL ?? DEFAULT_URL;
  let baseUrl: URL | null = null;
  try {
    baseUrl = new URL(rawUrl.endsWith('/') ? rawUrl : `${rawUrl}/`);
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new Error('not http');
  } catch {
    problems.push(`--url must be an http(s) URL such as ${DEFAULT_URL}, not "${rawUrl}"`);
  }
  if (positionals.length === 0) problems.push('the CSV file to import is missing');
  else if (positionals.length > 1) problems.push(`one file at a time, got ${positionals.length}: ${positionals.join(' ')}`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    trustId: values.trust!,
    scope: values.scope as ImportScope | undefined,
    kind: values.kind as ImportKind | undefined,
    baseUrl: baseUrl!,
    file: resolve(io.cwd ?? process.cwd(), positionals[0]),
  };
}

interface HttpResult {
  status: number;
  body: string;
}

/** A small HTTP client on node:http, so an upload can be streamed from the file with its progress counted. */
class ServiceClient {
  private readonly agent: HttpAgent;
  private readonly request: typeof httpRequest;

  constructor(
    readonly baseUrl: URL,
    private readonly signal?: AbortSignal,
  ) {
    const https = baseUrl.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.request = https ? httpsRequest : httpRequest;
  }

  url(path: string): URL {
    return new URL(path, this.baseUrl);
  }

  close(): void {
    this.agent.destroy();
  }

  send(method: string, path: string, options: { headers?: Record<string, string | number>; body?: Readable } = {}): Promise<HttpResult> {
    const url = this.url(path);
    return new Promise<HttpResult>((resolvePromise, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = this.request(url, { method, headers: options.headers, agent: this.agent });
      const onAbort = () => {
        options.body?.destroy();
        req.destroy();
        finish(() => reject(new Cancelled()));
      };
      if (this.signal?.aborted) return onAbort();
      this.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('response', (res: IncomingMessage) => {
        // The service may answer before the whole upload is read (e.g. an unknown trust): stop sending.
        if (options.body && !options.body.readableEnded) {
          options.body.unpipe(req);
          options.body.destroy();
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(() => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })));
        res.on('error', (err) => finish(() => reject(err)));
      });
      req.on('error', (err) => finish(() => reject(err)));
      if (options.body) {
        options.body.on('error', (err) => {
          req.destroy(err);
          finish(() => reject(err));
        });
        options.body.pipe(req);
      } else {
        req.end();
      }
    });
  }

  async json<T>(method: string, path: string, options: Parameters<ServiceClient['send']>[2] = {}): Promise<{ status: number; body: T }> {
    const res = await this.send(method, path, options);
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      // not JSON: keep the text for the message
    }
    return { status: res.status, body: body as T };
  }
}

/** What the service said when it refused a request: its message and the problems per field. */
function describeRefusal(status: number, body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { message?: unknown; errors?: { field?: string; problems?: string[] }[] };
    const details = Array.isArray(b.errors) ? b.errors.map((e) => `${e.field ?? '?'}: ${(e.problems ?? []).join('; ')}`) : [];
    const message = Array.isArray(b.message) ? b.message.join('; ') : typeof b.message === 'string' ? b.message : '';
    if (details.length > 0) return `${message ? `${message}: ` : ''}${details.join('; ')} (HTTP ${status})`;
    if (message) return `${message} (HTTP ${status})`;
  }
  const text = typeof body === 'string' ? body.trim().slice(0, 300) : '';
  return text ? `${text} (HTTP ${status})` : `HTTP ${status}`;
}

function networkProblem(err: unknown, baseUrl: URL): string {
  const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return `cannot reach the schools service at ${baseUrl.origin} (${code}); start it (npm start) or point --url / SCHOOLS_URL at it`;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolvePromise, reject) => {
    if (signal?.aborted) return reject(new Cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolvePromise();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Runs the tool; resolves with the process exit status. Never throws. */
export async function runImportCli(argv: string[], io: ImportCliIo): Promise<number> {
  const say = (text: string) => io.stdout.write(`${text}\n`);
  const complain = (text: string) => io.stderr.write(`${text}\n`);
  let options: CliOptions | 'help';
  try {
    options = parseOptions(argv, io);
  } catch (err) {
    complain(
      `${(err as Error).message
        .split('\n')
        .map((line) => `import: ${line}`)
        .join('\n')}\n`,
    );
    complain(USAGE);
    return EXIT.usage;
  }
  if (options === 'help') {
    say(USAGE);
    return EXIT.ok;
  }

  let size: number;
  try {
    const info = await stat(options.file);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = info.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : `cannot read it (${code ?? (err as Error).message})`;
    complain(`import: ${options.file}: ${why}`);
    complain(`Run with --help for usage.`);
    return EXIT.usage;
  }
  if (size === 0) {
    complain(`import: ${options.file}: the file is empty`);
    return EXIT.usage;
  }

  const client = new ServiceClient(options.baseUrl, io.signal);
  const progress = new ProgressRenderer(io.stdout, { lineIntervalMs: io.lineIntervalMs });
  let jobId: string | null = null;
  try {
    await checkTrust(client, options.trustId);
    const job = await upload(client, options, size, progress);
    jobId = job.id;
    const final = await follow(client, options.trustId, job, progress, io);
    printSummary(final, say, client);
    return final.status === 'completed' ? EXIT.ok : EXIT.failed;
  } catch (err) {
    progress.done();
    if (err instanceof Cancelled) {
      complain(
        jobId
          ? `Stopped following import ${jobId}; it goes on in the service: GET ${client.url(`trusts/${options.trustId}/imports/${jobId}`).href}`
          : 'Upload cancelled; nothing was imported.',
      );
      return EXIT.cancelled;
    }
    complain(`import: ${err instanceof CliFailure ? err.message : networkProblem(err, options.baseUrl)}`);
    return EXIT.failed;
  } finally {
    client.close();
  }
}

async function checkTrust(client: ServiceClient, trustId: string): Promise<void> {
  const res = await client.json<{ name?: string }>('GET', `trusts/${trustId}`);
  if (res.status === 404) throw new CliFailure(`no trust ${trustId} at ${client.baseUrl.origin}`);
  if (res.status !== 200) throw new CliFailure(`could not look up trust ${trustId}: ${describeRefusal(res.status, res.body)}`);
}

async function upload(client: ServiceClient, options: CliOptions, size: number, progress: ProgressRenderer): Promise<ImportJobResponseDto> {
  const fileName = basename(options.file);
  const query = new URLSearchParams({ fileName });
  if (options.scope) query.set('scope', options.scope);
  if (options.kind) query.set('kind', options.kind);
  let sent = 0;
  const started = Date.now();
  const rate = new RateMeter(3000);
  const draw = (force = false) => {
    rate.add(Date.now(), sent);
    const perSecond = rate.perSecond();
    progress.update(
      {
        label: `Uploading ${fileName}`,
        fraction: sent / size,
        stats: ` ${formatBytes(sent)} / ${formatBytes(size)}` + (perSecond ? `  ${formatBytes(perSecond)}/s` : ''),
      },
      force,
    );
  };
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sent += chunk.length;
      done(null, chunk);
    },
  });
  const source = createReadStream(options.file, { highWaterMark: 256 * 1024 });
  source.on('error', (err) => counter.destroy(err));
  const body = source.pipe(counter);
  draw(true);
  const timer = setInterval(() => draw(), 200);
  let res;
  try {
    res = await client.json<ImportJobResponseDto>('POST', `trusts/${options.trustId}/imports?${query.toString()}`, {
      headers: { 'content-type': 'text/csv', 'content-length': size },
      body,
    });
  } finally {
    clearInterval(timer);
  }
  if (res.status !== 202 && res.status !== 200 && res.status !== 201) {
    progress.done();
    throw new CliFailure(`the service refused the file: ${describeRefusal(res.status, res.body)}`);
  }
  progress.done({ label: `Uploaded ${fileName}: ${formatBytes(size)} in ${formatDuration(Date.now() - started)}` });
  return res.body;
}

const TERMINAL: readonly ImportStatus[] = ['completed', 'failed', 'interrupted'];

async function follow(
  client: ServiceClient,
  trustId: string,
  first: ImportJobResponseDto,
  progress: ProgressRenderer,
  io: ImportCliIo,
): Promise<ImportJobResponseDto> {
  const pollMs = io.pollMs ?? 300;
  const rows = new RateMeter(5000);
  const bytes = new RateMeter(5000);
  const started = Date.now();
  let job = first;
  let lastStatus: ImportStatus | null = null;
  let failures = 0;
  for (;;) {
    if (TERMINAL.includes(job.status)) break;
    if (job.status === 'queued') {
      progress.update(
        { label: `Import ${job.id} (${job.kind}) queued behind another import… ${formatDuration(Date.now() - started)}` },
        lastStatus !== 'queued',
      );
    } else {
      // Rates are measured while rows are read, not while queued.
      rows.add(Date.now(), job.rowsRead);
      bytes.add(Date.now(), job.processedBytes);
      progress.update(progressLine(job, rows.perSecond(), bytes.perSecond()), lastStatus !== 'running');
    }
    lastStatus = job.status;
    await sleep(pollMs, io.signal);
    try {
      const res = await client.json<ImportJobResponseDto>('GET', `trusts/${trustId}/imports/${job.id}`);
      if (res.status !== 200) throw new CliFailure(`could not read the import's progress: ${describeRefusal(res.status, res.body)}`);
      job = res.body;
      failures = 0;
    } catch (err) {
      if (err instanceof Cancelled) throw err;
      // A restart or a dropped connection: keep trying for a while before giving up.
      if (++failures >= 10) throw err;
    }
  }
  progress.done(job.status === 'completed' ? progressLine(job, null, null) : undefined);
  return job;
}

function progressLine(job: ImportJobResponseDto, rowsPerSecond: number | null, bytesPerSecond: number | null): ProgressState {
  const fraction = job.totalBytes > 0 ? job.processedBytes / job.totalBytes : 0;
  const parts = [
    `${formatCount(job.rowsRead)} rows`,
    `${formatCount(job.created)} created`,
    `${formatCount(job.updated)} updated`,
    `${formatCount(job.unchanged)} unchanged`,
    `${formatCount(job.skipped)} skipped`,
    `${formatCount(job.errorCount)} errors`,
  ];
  if (rowsPerSecond !== null) parts.push(`${formatCount(rowsPerSecond)} rows/s`);
  if (bytesPerSecond && bytesPerSecond > 0 && job.processedBytes < job.totalBytes) {
    parts.push(`ETA ${formatDuration(((job.totalBytes - job.processedBytes) / bytesPerSecond) * 1000)}`);
  }
  return { label: 'Importing', fraction, stats: ` ${parts.join('  ')}` };
}

function printSummary(job: ImportJobResponseDto, say: (text: string) => void, client: ServiceClient): void {
  const took = job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : null;
  const rate = took && took > 0 ? `, ${formatCount((job.rowsRead * 1000) / took)} rows/s` : '';
  say('');
  say(`Import ${job.id} ${job.status}${took !== null ? ` in ${formatDuration(took)}` : ''} (${job.kind}, scope ${job.scope}${rate})`);
  say(
    `  ${formatCount(job.rowsRead)} rows read: ${formatCount(job.created)} created, ${formatCount(job.updated)} updated, ` +
      `${formatCount(job.unchanged)} unchanged, ${formatCount(job.skipped)} skipped, ${formatCount(job.errorCount)} rows with errors`,
  );
  if (job.status !== 'completed' && job.message) say(`  ${job.message}`);
  if (job.errorCount > 0) {
    const shown = job.errors.slice(0, SHOWN_ERRORS);
    say('');
    say(`Row errors (${shown.length < job.errorCount ? `first ${shown.length} of ${formatCount(job.errorCount)}` : `${job.errorCount}`}):`);
    for (const e of shown)
      say(
        `  line ${e.line}${e.urn !== undefined ? ` (URN ${e.urn})` : e.groupUid !== undefined ? ` (group ${e.groupUid})` : ''}: ${e.reason}`,
      );
    if (job.errorCount > shown.length) {
      say(`  … the service keeps the first ${job.errors.length}: GET ${client.url(`trusts/${job.trustId}/imports/${job.id}`).href}`);
    }
  }
}
