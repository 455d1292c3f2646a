import { HttpException, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CsvFileError, invalidField, JsonLogger, notFound, streamCsvImport, todayInEngland, UploadQueue } from '@trustwide/common';
import { PeopleConfig } from '../people.config';
import { SchoolDirectory } from '../school-directory/school-directory';
import { RoleSpellRow } from '../staff/role-spell.entity';
import { STAFF_CSV, type StaffRow } from '../staff/staff-csv';
import { Staff } from '../staff/staff.entity';
import { EndRole, JoinStaff, MoveStaff, StartRole } from '../staff/staff.usecases';
import { addError, StaffImportJob } from './staff-import-job.entity';
import { planStaffRow, type RecordedStaff, type StaffChange } from './staff-import-plan';

const READ_CHUNK_BYTES = 256 * 1024;
/** Progress is written at most this often (a poller sees it move; the database is not hammered). */
const SAVE_EVERY_MS = 250;

/** A refusal's problems as one sentence for the row error (the use case's own words). */
function reasonOf(err: HttpException): string {
  const body = err.getResponse() as { errors?: { problems: string[] }[] } | string;
  const problems = typeof body === 'object' ? (body.errors ?? []).flatMap((e) => e.problems) : [];
  return problems.length > 0 ? problems.join('; ') : err.message;
}

/**
 * Staff list imports: the upload is streamed to disk, then imported in the background one at a time
 * per instance, row by row through the same use cases the API calls (JoinStaff, MoveStaff, StartRole,
 * EndRole), so every rule and announcement is the API's. Progress and row errors are kept on the job.
 */
@Injectable()
export class StaffImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly uploads: UploadQueue;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PeopleConfig,
    private readonly logger: JsonLogger,
    private readonly directory: SchoolDirectory,
    private readonly joinStaff: JoinStaff,
    private readonly moveStaff: MoveStaff,
    private readonly startRole: StartRole,
    private readonly endRole: EndRole,
  ) {
    this.uploads = new UploadQueue(dataSource, logger, {
      name: 'StaffImports',
      jobsTable: 'staff_import_jobs',
      interruptedMessage:
        'the service running this import stopped before it finished; start it again (rows already imported stay, and are unchanged the next time)',
      uploadRoot: config.IMPORT_UPLOAD_DIR ?? join(tmpdir(), 'trustwide-staff-imports'),
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

  /** Stores the upload, queues the import and returns the job at once. */
  start(trustId: string, body: Readable, options: { fileName?: string; declaredBytes: number | null }): Promise<StaffImportJob> {
    return this.uploads.receive(body, options.declaredBytes, {
      accept: async ({ id, size }) => {
        const repo = this.dataSource.getRepository(StaffImportJob);
        const job = repo.create({
          id,
          trustId,
          fileName: options.fileName ?? null,
          status: 'queued',
          totalBytes: size,
          processedBytes: 0,
          rowsRead: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          errorCount: 0,
          errors: [],
          message: null,
          owner: this.uploads.owner,
          heartbeatAt: new Date(),
          startedAt: new Date(),
          finishedAt: null,
        });
        await repo.insert(job);
        return job;
      },
      run: (job, file) => this.run(job, file),
    });
  }

  async get(trustId: string, id: string): Promise<StaffImportJob> {
    const job = await this.dataSource.getRepository(StaffImportJob).findOneBy({ id, trustId });
    if (!job) throw notFound('id', `no staff import ${id} in this trust`);
    return job;
  }

  list(trustId: string): Promise<StaffImportJob[]> {
    return this.dataSource.getRepository(StaffImportJob).find({ where: { trustId }, order: { startedAt: 'DESC' }, take: 50 });
  }

  async waitFor(trustId: string, id: string): Promise<StaffImportJob> {
    await this.uploads.waitFor(id);
    return this.get(trustId, id);
  }

  private async run(job: StaffImportJob, file: string): Promise<void> {
    const repo = this.dataSource.getRepository(StaffImportJob);
    const counters = () => ({
      processedBytes: job.processedBytes,
      rowsRead: job.rowsRead,
      created: job.created,
      updated: job.updated,
      unchanged: job.unchanged,
      errorCount: job.errorCount,
      errors: job.errors,
    });
    const schools = new Map<number, string | null>();
    const today = todayInEngland();
    let savedAt = 0;
    try {
      job.status = 'running';
      await repo.update({ id: job.id }, { status: 'running' });
      const rows = streamCsvImport(createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), STAFF_CSV, {
        limits: { maxRecordBytes: this.config.CSV_MAX_RECORD_BYTES },
        onProgress: ({ bytesRead }) => (job.processedBytes = Math.min(bytesRead, job.totalBytes)),
      });
      for await (const outcome of rows) {
        job.rowsRead++;
        if (!outcome.ok) addError(job, outcome.error);
        else {
          const subject = {
            staffNumber: outcome.value.staffNumber,
            ...(outcome.value.workEmail ? { workEmail: outcome.value.workEmail } : {}),
          };
          const reason = await this.importRow(job.trustId, outcome.value, schools, today).then(
            (result) => {
              job[result]++;
              return null;
            },
            (err: unknown) => {
              if (err instanceof HttpException && err.getStatus() < 500) return reasonOf(err);
              throw err;
            },
          );
          if (reason !== null) addError(job, { ...subject, line: outcome.line, reason });
        }
        if (Date.now() - savedAt >= SAVE_EVERY_MS) {
          savedAt = Date.now();
          await repo.update({ id: job.id }, counters());
        }
      }
      job.status = 'completed';
      job.processedBytes = job.totalBytes;
      job.message = `${job.created} joined, ${job.updated} updated, ${job.unchanged} unchanged, ${job.errorCount} rows with errors`;
    } catch (err) {
      job.status = 'failed';
      job.message = err instanceof CsvFileError ? err.message : `import failed: ${(err as Error).message}`;
      if (!(err instanceof CsvFileError))
        this.logger.error({ msg: 'staff import failed', importId: job.id, error: (err as Error).stack }, 'StaffImports');
    } finally {
      job.finishedAt = new Date();
      await repo
        .update({ id: job.id }, { ...counters(), status: job.status, message: job.message, finishedAt: job.finishedAt })
        .catch(() => undefined);
    }
  }

  /** One row: compare with what is recorded, then make each change through its use case. */
  private async importRow(
    trustId: string,
    row: StaffRow,
    schools: Map<number, string | null>,
    today: string,
  ): Promise<'created' | 'updated' | 'unchanged'> {
    if (!schools.has(row.schoolUrn)) {
      const school = await this.directory.byUrn(trustId, row.schoolUrn);
      schools.set(row.schoolUrn, school?.membership === 'member' ? school.schoolId : null);
    }
    const existing = row.workEmail === null ? null : await this.recorded(trustId, row.workEmail);
    const plan = planStaffRow(row, schools.get(row.schoolUrn)!, existing, today);
    if (!plan.ok) throw invalidField('row', plan.reason);
    let staffId = existing?.id ?? null;
    for (const change of plan.changes) staffId = await this.apply(trustId, staffId, change);
    return existing === null ? 'created' : plan.changes.length > 0 ? 'updated' : 'unchanged';
  }

  private async apply(trustId: string, staffId: string | null, change: StaffChange): Promise<string> {
    switch (change.kind) {
      case 'join': {
        const { kind: _, ...command } = change;
        return (await this.joinStaff.execute(trustId, command)).staff.id;
      }
      case 'move':
        await this.moveStaff.execute(trustId, staffId!, { schoolId: change.schoolId, movedOn: change.movedOn });
        return staffId!;
      case 'start-role':
        await this.startRole.execute(trustId, staffId!, {
          role: change.role,
          schoolId: change.schoolId,
          startedOn: change.startedOn,
          endedOn: change.endedOn,
        });
        return staffId!;
      case 'end-role':
        await this.endRole.execute(trustId, staffId!, change.roleId, { endedOn: change.endedOn });
        return staffId!;
    }
  }

  private async recorded(trustId: string, workEmail: string): Promise<RecordedStaff | null> {
    const staff = await this.dataSource.manager.findOneBy(Staff, { trustId, workEmail });
    if (!staff) return null;
    const roles = await this.dataSource.manager.find(RoleSpellRow, { where: { staffId: staff.id }, order: { startedOn: 'ASC' } });
    return { id: staff.id, status: staff.status, schoolId: staff.schoolId, leftOn: staff.leftOn, roles };
  }
}
