import { HttpException, HttpStatus, Injectable, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, In } from 'typeorm';
import { CsvFileError, formatLimit, invalidField, JsonLogger } from '@trustwide/common';
import { SchoolsConfig } from '../schools.config';
import { TrustsService } from '../trusts/trusts.service';
import { detectImportKind } from './detect-kind';
import { ImportJob, ImportKind, ImportScope } from './import-job.entity';
import { GiasEstablishmentsImporter } from './importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from './importers/gias-groups.importer';
import { Importer } from './importers/importer';
import { OfstedImporter } from './importers/ofsted.importer';

const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 90_000;
/** Chunks an import reads from its upload: small enough that parsing and mapping one is a short turn of the event loop. */
const READ_CHUNK_BYTES = 256 * 1024;
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

/** Runs imports one at a time in the background; callers follow them by id. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue: Promise<void> = Promise.resolve();
  private readonly finished = new Map<string, Promise<void>>();
  private readonly importers: Record<ImportKind, Importer>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly trusts: TrustsService,
    private readonly logger: JsonLogger,
    private readonly config: SchoolsConfig,
    establishments: GiasEstablishmentsImporter,
    groups: GiasGroupsImporter,
    links: GiasLinksImporter,
    ofsted: OfstedImporter,
  ) {
    this.importers = { 'gias-establishments': establishments, 'gias-groups': groups, 'gias-links': links, ofsted };
  }

  /** This instance, as the owner of the imports it runs. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private heartbeat?: NodeJS.Timeout;
  private activeUploads = 0;

  /** Uploads of all instances on this host, each instance in a folder `<pid>-<random>` of its own. */
  private get uploadRoot(): string {
    return this.config.IMPORT_UPLOAD_DIR ?? join(tmpdir(), 'trustwide-imports');
  }

  /** This instance's uploads: its folder is named by its process, so a sweep can tell whether it is still running. */
  private get uploads(): string {
    return join(this.uploadRoot, `${process.pid}-${this.owner.slice(-8)}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweepUploads();
    // Each instance keeps its own imports alive and says when another's have been abandoned (its owner
    // died or restarted): an upload is not kept, so such an import is not resumed.
    const beat = () => this.beat().catch((err) => this.logger.warn({ msg: 'import heartbeat failed', error: (err as Error).message }, 'Imports'));
    void beat();
    this.heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    await rm(this.uploads, { recursive: true, force: true });
  }

  /**
   * Removes the uploads of instances whose process has ended (killed, crashed): their imports are marked
   * interrupted and are never resumed, so the files would only fill the disk. Folders of processes
   * still running (other instances on this host, or in this process) are left alone.
   */
  private async sweepUploads(): Promise<void> {
    let entries: string[];
    try {
      entries = await readdir(this.uploadRoot);
    } catch {
      return; // nothing uploaded yet
    }
    for (const entry of entries) {
      const owner = /^(\d+)-[0-9a-f]+$/.exec(entry);
      const orphan = owner ? !isAlive(Number(owner[1])) : /^[0-9a-f-]{36}\.csv$/.test(entry); // (files of the layout before per-instance folders)
      if (!orphan) continue;
      await rm(join(this.uploadRoot, entry), { recursive: true, force: true });
      this.logger.log({ msg: 'removed uploads left by a stopped instance', path: join(this.uploadRoot, entry) }, 'Imports');
    }
  }

  private async beat(): Promise<void> {
    const repo = this.dataSource.getRepository(ImportJob);
    await repo.update({ owner: this.owner, status: In(['queued', 'running']) }, { heartbeatAt: new Date() });
    await this.dataSource.query(
      `UPDATE import_jobs SET status = 'interrupted', finished_at = now(),
         message = 'the service running this import stopped before it finished; start it again'
       WHERE status IN ('queued', 'running') AND heartbeat_at < now() - ($1::int * interval '1 millisecond')`,
      [STALE_AFTER_MS],
    );
  }

  /**
   * Refuses an upload before its body is read: one declared larger than the limit (413), or one this
   * instance has no room for (503, to be retried).
   */
  private admit(declaredBytes: number | null): void {
    const max = this.config.IMPORT_MAX_UPLOAD_BYTES;
    if (declaredBytes !== null && declaredBytes > max) {
      throw new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `the file is ${declaredBytes} bytes; files over ${formatLimit(max)} are refused`);
    }
    if (this.activeUploads >= this.config.IMPORT_MAX_CONCURRENT_UPLOADS) {
      throw new UploadRefused(
        HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable',
        `${this.activeUploads} ${this.activeUploads === 1 ? 'upload is' : 'uploads are'} being received already (the most at once); send the file again in a little while`, RETRY_AFTER_SECONDS,
      );
    }
    const held = this.finished.size + this.activeUploads;
    if (held >= this.config.IMPORT_MAX_QUEUED) {
      throw new UploadRefused(
        HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable',
        `${held} ${held === 1 ? 'import is' : 'imports are'} waiting or running on this instance (the most it holds); send the file again once one has finished`, RETRY_AFTER_SECONDS,
      );
    }
  }

  /** Stores the upload, works out its kind, queues the import and returns the job at once. */
  async start(
    trustId: string,
    body: Readable,
    options: { kind?: ImportKind; scope: ImportScope; fileName?: string; declaredBytes: number | null },
  ): Promise<ImportJob> {
    this.admit(options.declaredBytes);
    this.activeUploads++; // counted from here, so that the checks above hold while the trust is looked up
    let uploading = true;
    const uploaded = () => {
      if (uploading) this.activeUploads--;
      uploading = false;
    };
    const id = randomUUID();
    const file = join(this.uploads, `${id}.csv`);
    let size = 0;
    const max = this.config.IMPORT_MAX_UPLOAD_BYTES;
    try {
      const trust = await this.trusts.get(trustId);
      await mkdir(this.uploads, { recursive: true });
      await pipeline(
        body,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            done(size > max ? new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `files over ${formatLimit(max)} are refused`) : null, chunk);
          },
        }),
        createWriteStream(file),
      );
      uploaded();
      if (size === 0) throw invalidField('file', 'the upload is empty: send the CSV file as the request body');
      const kind = options.kind ?? (await this.detect(file));
      if (!kind) {
        throw invalidField('file', 'not a file this service imports: expected a GIAS establishments, groups or group links extract, or Ofsted management information');
      }
      if (options.scope === 'trust' && !trust.groupUid && kind !== 'ofsted' && kind !== 'gias-groups') {
        throw invalidField('scope', "the trust has no GIAS group UID, so its own schools can't be picked out: set groupUid on the trust, import the groups file, or use scope=all");
      }
      const job = this.dataSource.getRepository(ImportJob).create({
        id, trustId, kind, scope: options.scope, fileName: options.fileName ?? null, status: 'queued', totalBytes: size, processedBytes: 0,
        rowsRead: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, errorCount: 0, errors: [], message: null, owner: this.owner, heartbeatAt: new Date(),
        startedAt: new Date(), finishedAt: null,
      });
      await this.dataSource.getRepository(ImportJob).insert(job);
      const done = (this.queue = this.queue
        .then(() => this.run(job, file))
        .catch((err) => this.logger.error({ msg: 'import could not be run', importId: id, error: (err as Error).stack }, 'Imports'))
        .finally(() => this.finished.delete(id)));
      this.finished.set(id, done);
      return job;
    } catch (err) {
      uploaded();
      await rm(file, { force: true });
      throw err;
    }
  }

  async get(trustId: string, id: string): Promise<ImportJob> {
    const job = await this.dataSource.getRepository(ImportJob).findOneBy({ id, trustId });
    if (!job) throw new NotFoundException(`no import ${id} in this trust`);
    return job;
  }

  async list(trustId: string): Promise<ImportJob[]> {
    await this.trusts.get(trustId);
    return this.dataSource.getRepository(ImportJob).find({ where: { trustId }, order: { startedAt: 'DESC' }, take: 50 });
  }

  /** The job once it has finished (for callers that would rather wait than poll). */
  async waitFor(trustId: string, id: string): Promise<ImportJob> {
    await this.finished.get(id);
    return this.get(trustId, id);
  }

  private async detect(file: string): Promise<ImportKind | null> {
    const handle = await open(file, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
      return detectImportKind(new TextDecoder('windows-1252').decode(buffer.subarray(0, bytesRead)));
    } finally {
      await handle.close();
    }
  }

  private async run(job: ImportJob, file: string): Promise<void> {
    const repo = this.dataSource.getRepository(ImportJob);
    const counters = () => ({
      processedBytes: job.processedBytes, rowsRead: job.rowsRead, created: job.created, updated: job.updated,
      unchanged: job.unchanged, skipped: job.skipped, errorCount: job.errorCount, errors: job.errors,
    });
    try {
      // The trust as it is now: an import queued before this one may have changed it (e.g. its group UID).
      const trust = await this.trusts.get(job.trustId);
      job.status = 'running';
      await repo.update({ id: job.id }, { status: 'running' });
      await this.importers[job.kind].run({
        job,
        trust,
        source: createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }),
        limits: { maxRecordBytes: this.config.CSV_MAX_RECORD_BYTES },
        saveProgress: async (bytesRead) => {
          job.processedBytes = Math.min(bytesRead, job.totalBytes);
          await repo.update({ id: job.id }, counters());
        },
      });
      job.status = 'completed';
      job.processedBytes = job.totalBytes;
      job.message = `${job.created} created, ${job.updated} updated, ${job.unchanged} unchanged, ${job.skipped} skipped, ${job.errorCount} rows with errors`;
    } catch (err) {
      job.status = 'failed';
      job.message = err instanceof CsvFileError ? err.message : `import failed: ${(err as Error).message}`;
      if (!(err instanceof CsvFileError)) this.logger.error({ msg: 'import failed', importId: job.id, error: (err as Error).stack }, 'Imports');
    } finally {
      job.finishedAt = new Date();
      await repo.update({ id: job.id }, { ...counters(), status: job.status, message: job.message, finishedAt: job.finishedAt }).catch(() => undefined);
      await rm(file, { force: true });
    }
  }

}
