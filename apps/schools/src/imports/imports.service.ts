import { Injectable, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CsvFileError, invalidField, JsonLogger, UploadQueue } from '@trustwide/common';
import type { Trust } from '../trusts/trust.entity';
import { SchoolsConfig } from '../schools.config';
import { TrustsService } from '../trusts/trusts.service';
import { detectImportKind } from './detect-kind';
import { ImportJob, ImportKind, ImportScope } from './import-job.entity';
import { GiasEstablishmentsImporter } from './importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from './importers/gias-groups.importer';
import { Importer } from './importers/importer';
import { OfstedImporter } from './importers/ofsted.importer';

/** Chunks an import reads from its upload: small enough that parsing and mapping one is a short turn of the event loop. */
const READ_CHUNK_BYTES = 256 * 1024;

/** Runs imports one at a time in the background; callers follow them by id. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly importers: Record<ImportKind, Importer>;
  private readonly uploads: UploadQueue;

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
    this.uploads = new UploadQueue(dataSource, logger, {
      name: 'Imports',
      jobsTable: 'import_jobs',
      interruptedMessage: 'the service running this import stopped before it finished; start it again',
      uploadRoot: config.IMPORT_UPLOAD_DIR ?? join(tmpdir(), 'trustwide-imports'),
      maxUploadBytes: config.IMPORT_MAX_UPLOAD_BYTES,
      maxConcurrentUploads: config.IMPORT_MAX_CONCURRENT_UPLOADS,
      maxQueued: config.IMPORT_MAX_QUEUED,
    });
  }

  onApplicationBootstrap(): Promise<void> {
    return this.uploads.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.uploads.stop();
  }

  /** Refreshes this instance's jobs and marks abandoned ones interrupted (on a timer; tests call it). */
  private beat(): Promise<void> {
    return this.uploads.beat();
  }

  /** Stores the upload, works out its kind, queues the import and returns the job at once. */
  start(
    trustId: string,
    body: Readable,
    options: { kind?: ImportKind; scope: ImportScope; fileName?: string; declaredBytes: number | null },
  ): Promise<ImportJob> {
    let trust: Trust;
    return this.uploads.receive(body, options.declaredBytes, {
      check: async () => (trust = await this.trusts.get(trustId)),
      accept: async ({ id, file, size }) => {
        const kind = options.kind ?? (await this.detect(file));
        if (!kind) {
          throw invalidField(
            'file',
            'not a file this service imports: expected a GIAS establishments, groups or group links extract, or Ofsted management information',
          );
        }
        if (options.scope === 'trust' && !trust.groupUid && kind !== 'ofsted' && kind !== 'gias-groups') {
          throw invalidField(
            'scope',
            "the trust has no GIAS group UID, so its own schools can't be picked out: set groupUid on the trust, import the groups file, or use scope=all",
          );
        }
        const job = this.dataSource.getRepository(ImportJob).create({
          id,
          trustId,
          kind,
          scope: options.scope,
          fileName: options.fileName ?? null,
          status: 'queued',
          totalBytes: size,
          processedBytes: 0,
          rowsRead: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          skipped: 0,
          errorCount: 0,
          errors: [],
          message: null,
          owner: this.uploads.owner,
          heartbeatAt: new Date(),
          startedAt: new Date(),
          finishedAt: null,
        });
        await this.dataSource.getRepository(ImportJob).insert(job);
        return job;
      },
      run: (job, file) => this.run(job, file),
    });
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
    await this.uploads.waitFor(id);
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
      processedBytes: job.processedBytes,
      rowsRead: job.rowsRead,
      created: job.created,
      updated: job.updated,
      unchanged: job.unchanged,
      skipped: job.skipped,
      errorCount: job.errorCount,
      errors: job.errors,
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
      if (!(err instanceof CsvFileError))
        this.logger.error({ msg: 'import failed', importId: job.id, error: (err as Error).stack }, 'Imports');
    } finally {
      job.finishedAt = new Date();
      await repo
        .update({ id: job.id }, { ...counters(), status: job.status, message: job.message, finishedAt: job.finishedAt })
        .catch(() => undefined);
    }
  }
}
