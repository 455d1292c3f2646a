import { HttpException, HttpStatus, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, In } from 'typeorm';
import { CsvFileError, formatLimit, invalidField, JsonLogger, streamCsvImport, todayInEngland } from '@trustwide/common';
import { PeopleConfig } from '../people.config';
import { SchoolDirectory } from '../school-directory/school-directory';
import { notFound } from '../shared/http-errors';
import { RoleSpellRow } from '../staff/role-spell.entity';
import { STAFF_CSV, type StaffRow } from '../staff/staff-csv';
import { Staff } from '../staff/staff.entity';
import { EndRole, JoinStaff, MoveStaff, StartRole } from '../staff/staff.usecases';
import { addError, StaffImportJob } from './staff-import-job.entity';
import { planStaffRow, type RecordedStaff, type StaffChange } from './staff-import-plan';

const HEARTBEAT_MS = 20_000;
const STALE_AFTER_MS = 90_000;
const READ_CHUNK_BYTES = 256 * 1024;
const RETRY_AFTER_SECONDS = 30;
/** Progress is written at most this often (a poller sees it move; the database is not hammered). */
const SAVE_EVERY_MS = 250;

/** A refusal of an upload, about the request body; `retryAfter` (seconds) is sent as Retry-After. */
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

/** A refusal's problems as one sentence for the row error (the use case's own words). */
function reasonOf(err: HttpException): string {
  const body = err.getResponse() as { errors?: { problems: string[] }[] } | string;
  const problems = typeof body === 'object' ? (body.errors ?? []).flatMap((e) => e.problems) : [];
  return problems.length > 0 ? problems.join('; ') : err.message;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Staff list imports: the upload is streamed to disk, then imported in the background one at a time
 * per instance, row by row through the same use cases the API calls (JoinStaff, MoveStaff, StartRole,
 * EndRole), so every rule and announcement is the API's. Progress and row errors are kept on the job.
 */
@Injectable()
export class StaffImportsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private queue: Promise<void> = Promise.resolve();
  private readonly finished = new Map<string, Promise<void>>();
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private heartbeat?: NodeJS.Timeout;
  private activeUploads = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PeopleConfig,
    private readonly logger: JsonLogger,
    private readonly directory: SchoolDirectory,
    private readonly joinStaff: JoinStaff,
    private readonly moveStaff: MoveStaff,
    private readonly startRole: StartRole,
    private readonly endRole: EndRole,
  ) {}

  private get uploadRoot(): string {
    return this.config.IMPORT_UPLOAD_DIR ?? join(tmpdir(), 'trustwide-staff-imports');
  }

  /** This instance's uploads, in a folder named by its process so a sweep can tell whether it still runs. */
  private get uploads(): string {
    return join(this.uploadRoot, `${process.pid}-${this.owner.slice(-8)}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweepUploads();
    const beat = () => this.beat().catch((err) => this.logger.warn({ msg: 'staff import heartbeat failed', error: (err as Error).message }, 'StaffImports'));
    void beat();
    this.heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    await rm(this.uploads, { recursive: true, force: true });
  }

  /** Removes uploads of instances that have ended: their imports are marked interrupted and never resumed. */
  private async sweepUploads(): Promise<void> {
    const entries = await readdir(this.uploadRoot).catch(() => [] as string[]);
    for (const entry of entries) {
      const owner = /^(\d+)-[0-9a-f]+$/.exec(entry);
      if (owner && !isAlive(Number(owner[1]))) await rm(join(this.uploadRoot, entry), { recursive: true, force: true });
    }
  }

  private async beat(): Promise<void> {
    await this.dataSource.getRepository(StaffImportJob).update({ owner: this.owner, status: In(['queued', 'running']) }, { heartbeatAt: new Date() });
    await this.dataSource.query(
      `UPDATE staff_import_jobs SET status = 'interrupted', finished_at = now(),
         message = 'the service running this import stopped before it finished; start it again (rows already imported stay, and are unchanged the next time)'
       WHERE status IN ('queued', 'running') AND heartbeat_at < now() - ($1::int * interval '1 millisecond')`,
      [STALE_AFTER_MS],
    );
  }

  private admit(declaredBytes: number | null): void {
    const max = this.config.IMPORT_MAX_UPLOAD_BYTES;
    if (declaredBytes !== null && declaredBytes > max) {
      throw new UploadRefused(HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large', `the file is ${declaredBytes} bytes; files over ${formatLimit(max)} are refused`);
    }
    if (this.activeUploads >= this.config.IMPORT_MAX_CONCURRENT_UPLOADS) {
      throw new UploadRefused(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', `${this.activeUploads} uploads are being received already (the most at once); send the file again in a little while`, RETRY_AFTER_SECONDS);
    }
    const held = this.finished.size + this.activeUploads;
    if (held >= this.config.IMPORT_MAX_QUEUED) {
      throw new UploadRefused(HttpStatus.SERVICE_UNAVAILABLE, 'Service Unavailable', `${held} imports are waiting or running on this instance (the most it holds); send the file again once one has finished`, RETRY_AFTER_SECONDS);
    }
  }

  /** Stores the upload, queues the import and returns the job at once. */
  async start(trustId: string, body: Readable, options: { fileName?: string; declaredBytes: number | null }): Promise<StaffImportJob> {
    this.admit(options.declaredBytes);
    this.activeUploads++;
    let uploading = true;
    const uploaded = () => {
      if (uploading) this.activeUploads--;
      uploading = false;
    };
    const id = randomUUID();
    const file = join(this.uploads, `${id}.csv`);
    const max = this.config.IMPORT_MAX_UPLOAD_BYTES;
    let size = 0;
    try {
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
      const repo = this.dataSource.getRepository(StaffImportJob);
      const job = repo.create({
        id, trustId, fileName: options.fileName ?? null, status: 'queued', totalBytes: size, processedBytes: 0, rowsRead: 0, created: 0, updated: 0,
        unchanged: 0, errorCount: 0, errors: [], message: null, owner: this.owner, heartbeatAt: new Date(), startedAt: new Date(), finishedAt: null,
      });
      await repo.insert(job);
      const done = (this.queue = this.queue
        .then(() => this.run(job, file))
        .catch((err) => this.logger.error({ msg: 'staff import could not be run', importId: id, error: (err as Error).stack }, 'StaffImports'))
        .finally(() => this.finished.delete(id)));
      this.finished.set(id, done);
      return job;
    } catch (err) {
      uploaded();
      await rm(file, { force: true });
      throw err;
    }
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
    await this.finished.get(id);
    return this.get(trustId, id);
  }

  private async run(job: StaffImportJob, file: string): Promise<void> {
    const repo = this.dataSource.getRepository(StaffImportJob);
    const counters = () => ({
      processedBytes: job.processedBytes, rowsRead: job.rowsRead, created: job.created, updated: job.updated,
      unchanged: job.unchanged, errorCount: job.errorCount, errors: job.errors,
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
          const subject = { staffNumber: outcome.value.staffNumber, ...(outcome.value.workEmail ? { workEmail: outcome.value.workEmail } : {}) };
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
      if (!(err instanceof CsvFileError)) this.logger.error({ msg: 'staff import failed', importId: job.id, error: (err as Error).stack }, 'StaffImports');
    } finally {
      job.finishedAt = new Date();
      await repo.update({ id: job.id }, { ...counters(), status: job.status, message: job.message, finishedAt: job.finishedAt }).catch(() => undefined);
      await rm(file, { force: true });
    }
  }

  /** One row: compare with what is recorded, then make each change through its use case. */
  private async importRow(trustId: string, row: StaffRow, schools: Map<number, string | null>, today: string): Promise<'created' | 'updated' | 'unchanged'> {
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
        await this.startRole.execute(trustId, staffId!, { role: change.role, schoolId: change.schoolId, startedOn: change.startedOn, endedOn: change.endedOn });
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
