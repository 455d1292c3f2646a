import { Injectable, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown, PayloadTooLargeException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, In } from 'typeorm';
import { invalidField, JsonLogger } from '@trustwide/common';
import { TrustsService } from '../trusts/trusts.service';
import { detectImportKind } from './detect-kind';
import { ImportJob, ImportKind, ImportScope } from './import-job.entity';
import { GiasEstablishmentsImporter } from './importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from './importers/gias-groups.importer';
import { Importer } from './importers/importer';
import { OfstedImporter } from './importers/ofsted.importer';
import { CsvFileError } from '@trustwide/common';

const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 90_000;
const UPLOADS = join(tmpdir(), 'trustwide-imports');

/** Runs imports one at a time in the background; callers follow them by id. */
@Injectable()
export class ImportJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue: Promise<void> = Promise.resolve();
  private readonly finished = new Map<string, Promise<void>>();
  private readonly importers: Record<ImportKind, Importer>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly trusts: TrustsService,
    private readonly logger: JsonLogger,
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

  onApplicationBootstrap(): void {
    // Each instance keeps its own imports alive and says when another's have been abandoned (its owner
    // died or restarted): an upload is not kept, so such an import is not resumed.
    const beat = () => this.beat().catch((err) => this.logger.warn({ msg: 'import heartbeat failed', error: (err as Error).message }, 'Imports'));
    void beat();
    this.heartbeat = setInterval(beat, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
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

  /** Stores the upload, works out its kind, queues the import and returns the job at once. */
  async start(trustId: string, body: Readable, options: { kind?: ImportKind; scope: ImportScope; fileName?: string }): Promise<ImportJob> {
    const trust = await this.trusts.get(trustId);
    await mkdir(UPLOADS, { recursive: true });
    const id = randomUUID();
    const file = join(UPLOADS, `${id}.csv`);
    let size = 0;
    try {
      await pipeline(
        body,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            done(size > MAX_UPLOAD_BYTES ? new PayloadTooLargeException(`files over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB are refused`) : null, chunk);
          },
        }),
        createWriteStream(file),
      );
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
        source: createReadStream(file, { highWaterMark: 1024 * 1024 }),
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
