import { HttpException, HttpStatus } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { invalidField } from '../bootstrap/http';
import type { JsonLogger } from '../logging/json-logger';
import { formatLimit } from './parser';

const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 90_000;
/** Seconds a caller refused for want of room is asked to wait. */
const RETRY_AFTER_SECONDS = 30;

/**
 * A refusal in the one error shape, about the request body. `retryAfter` (seconds) is sent as
 * Retry-After, and the connection is closed so an unread upload is not drained.
 */
export class UploadRefused extends HttpException {
  constructor(
    status: HttpStatus.PAYLOAD_TOO_LARGE | HttpStatus.SERVICE_UNAVAILABLE,
    message: string,
    problem: string,
    readonly retryAfter: number | null = null,
  ) {
    super({ statusCode: status, message, errors: [{ field: 'body', problems: [problem] }] }, status);
  }
}

/** Whether a process of this host is running (a signal 0 reaches it, or exists but is not ours). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface UploadQueueOptions {
  /** Log context, e.g. `Imports`. */
  name: string;
  /** The jobs table: `id`, `status` (queued, running, …), `owner`, `heartbeat_at`, `finished_at`, `message`. */
  jobsTable: string;
  /** What an import whose instance stopped is told (its status becomes `interrupted`). */
  interruptedMessage: string;
  /** Folder of every instance's uploads on this host, each instance in a folder `<pid>-<random>` of its own. */
  uploadRoot: string;
  maxUploadBytes: number;
  maxConcurrentUploads: number;
  /** Imports this instance holds, waiting or running (uploads in progress count). */
  maxQueued: number;
}

/** An upload stored on disk, before its job is recorded. */
export interface StoredUpload {
  id: string;
  file: string;
  size: number;
}

/**
 * What every service that imports uploaded files shares: refusing an upload early (too large, no room),
 * storing it under a folder of this instance, running the imports one at a time in the background,
 * keeping their jobs' heartbeat and marking another instance's abandoned ones interrupted, and sweeping
 * the uploads a stopped instance left behind. The service says how to record a job and how to run it.
 */
export class UploadQueue {
  /** This instance, as the owner of the imports it runs. */
  readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private queue: Promise<void> = Promise.resolve();
  private readonly finished = new Map<string, Promise<void>>();
  private heartbeat?: NodeJS.Timeout;
  private activeUploads = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: JsonLogger,
    private readonly options: UploadQueueOptions,
  ) {}

  /** This instance's uploads: its folder is named by its process, so a sweep can tell whether it is still running. */
  private get uploads(): string {
    return join(this.options.uploadRoot, `${process.pid}-${this.owner.slice(-8)}`);
  }

  async start(): Promise<void> {
    await this.sweep();
    // Each instance keeps its own imports alive and says when another's have been abandoned (its owner
    // died or restarted): an upload is not kept, so such an import is not resumed.
    const beat = () =>
      this.beat().catch((err) => this.logger.warn({ msg: 'import heartbeat failed', error: (err as Error).message }, this.options.name));
    void beat();
    this.heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    await rm(this.uploads, { recursive: true, force: true });
  }

  /**
   * Removes the uploads of instances whose process has ended (killed, crashed): their imports are marked
   * interrupted and are never resumed, so the files would only fill the disk. Folders of processes
   * still running (other instances on this host, or in this process) are left alone.
   */
  private async sweep(): Promise<void> {
    const root = this.options.uploadRoot;
    const entries = await readdir(root).catch(() => [] as string[]); // nothing uploaded yet
    for (const entry of entries) {
      const owner = /^(\d+)-[0-9a-f]+$/.exec(entry);
      const orphan = owner ? !isAlive(Number(owner[1])) : /^[0-9a-f-]{36}\.csv$/.test(entry); // (files of the layout before per-instance folders)
      if (!orphan) continue;
      await rm(join(root, entry), { recursive: true, force: true });
      this.logger.log({ msg: 'removed uploads left by a stopped instance', path: join(root, entry) }, this.options.name);
    }
  }

  async beat(): Promise<void> {
    const table = this.options.jobsTable;
    await this.dataSource.query(`UPDATE ${table} SET heartbeat_at = now() WHERE owner = $1 AND status IN ('queued', 'running')`, [
      this.owner,
    ]);
    await this.dataSource.query(
      `UPDATE ${table} SET status = 'interrupted', finished_at = now(), message = $2
       WHERE status IN ('queued', 'running') AND heartbeat_at < now() - ($1::int * interval '1 millisecond')`,
      [STALE_AFTER_MS, this.options.interruptedMessage],
    );
  }

  /** Refuses an upload before its body is read: declared larger than the limit (413), or no room here (503, to be retried). */
  private admit(declaredBytes: number | null): void {
    const { maxUploadBytes: max, maxConcurrentUploads, maxQueued } = this.options;
    if (declaredBytes !== null && declaredBytes > max) {
      throw new UploadRefused(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'Payload Too Large',
        `the file is ${declaredBytes} bytes; files over ${formatLimit(max)} are refused`,
      );
    }
    if (this.activeUploads >= maxConcurrentUploads) {
      throw new UploadRefused(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Service Unavailable',
        `${this.activeUploads} ${this.activeUploads === 1 ? 'upload is' : 'uploads are'} being received already (the most at once); send the file again in a little while`,
        RETRY_AFTER_SECONDS,
      );
    }
    const held = this.finished.size + this.activeUploads;
    if (held >= maxQueued) {
      throw new UploadRefused(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Service Unavailable',
        `${held} ${held === 1 ? 'import is' : 'imports are'} waiting or running on this instance (the most it holds); send the file again once one has finished`,
        RETRY_AFTER_SECONDS,
      );
    }
  }

  /**
   * Takes an upload: `check` runs first (the trust exists, say) while the upload already counts against
   * the limits; the body is stored (never more than the limit); `accept` records the job (or throws to
   * refuse the file, which is then removed); `run` is queued behind this instance's other imports and the
   * upload is removed when it ends. Returns what `accept` returned, at once.
   */
  async receive<J>(
    body: Readable,
    declaredBytes: number | null,
    steps: { check?: () => Promise<unknown>; accept: (upload: StoredUpload) => Promise<J>; run: (job: J, file: string) => Promise<void> },
  ): Promise<J> {
    this.admit(declaredBytes);
    this.activeUploads++; // counted from here, so that the checks above hold while `check` runs
    let uploading = true;
    const uploaded = () => {
      if (uploading) this.activeUploads--;
      uploading = false;
    };
    const id = randomUUID();
    const file = join(this.uploads, `${id}.csv`);
    const max = this.options.maxUploadBytes;
    let size = 0;
    try {
      await steps.check?.();
      await mkdir(this.uploads, { recursive: true });
      await pipeline(
        body,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            done(
              size > max
                ? new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `files over ${formatLimit(max)} are refused`)
                : null,
              chunk,
            );
          },
        }),
        createWriteStream(file),
      );
      uploaded();
      if (size === 0) throw invalidField('file', 'the upload is empty: send the CSV file as the request body');
      const job = await steps.accept({ id, file, size });
      const done = (this.queue = this.queue
        .then(() => steps.run(job, file))
        .catch((err) => this.logger.error({ msg: 'import could not be run', importId: id, error: (err as Error).stack }, this.options.name))
        .finally(() => {
          this.finished.delete(id);
          return rm(file, { force: true });
        }));
      this.finished.set(id, done);
      return job;
    } catch (err) {
      uploaded();
      await rm(file, { force: true });
      throw err;
    }
  }

  /** Resolves once the import has finished (at once when it is not this instance's, or already done). */
  async waitFor(id: string): Promise<void> {
    await this.finished.get(id);
  }
}
