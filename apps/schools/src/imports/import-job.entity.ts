import type { CsvRowError } from '@trustwide/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImportKind, ImportScope, ImportStatus } from './import-job.response';

export { IMPORT_KINDS } from './import-job.response';
export type { ImportKind, ImportScope, ImportStatus } from './import-job.response';

/** One import of one file, with its progress and the rows it could not read. */
@Entity({ name: 'import_jobs' })
export class ImportJob {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('text') kind: ImportKind;
  /** `trust`: only the trust's own schools (by GIAS group UID); `all`: every row of the file. */
  @Column('text') scope: ImportScope;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column('text') status: ImportStatus;
  @Column({ name: 'total_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  totalBytes: number;
  @Column({ name: 'processed_bytes', type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  processedBytes: number;
  @Column({ name: 'rows_read', type: 'int' }) rowsRead: number;
  @Column('int') created: number;
  @Column('int') updated: number;
  @Column('int') unchanged: number;
  /** Rows read but outside the scope or about schools not in the register. */
  @Column('int') skipped: number;
  @Column({ name: 'error_count', type: 'int' }) errorCount: number;
  /** The first errors (all are counted in errorCount). */
  @Column({ type: 'jsonb' }) errors: CsvRowError[];
  @Column({ type: 'text', nullable: true }) message: string | null;
  /** The service instance running it. */
  @Column({ type: 'text', nullable: true }) owner: string | null;
  /** Refreshed by its owner while queued or running; a stale one means the owner died. */
  @Column({ name: 'heartbeat_at', type: 'timestamptz' }) heartbeatAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}

export const MAX_STORED_ERRORS = 500;

export function addErrors(job: ImportJob, errors: readonly CsvRowError[]): void {
  job.errorCount += errors.length;
  const room = MAX_STORED_ERRORS - job.errors.length;
  if (room > 0) job.errors.push(...errors.slice(0, room));
}
