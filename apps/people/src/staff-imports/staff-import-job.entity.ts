import type { CsvRowError } from '@trustwide/common';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffImportStatus, StaffImportView } from './staff-import.view';

const bigint = { to: (v: number) => v, from: (v: string) => Number(v) };

/** One import of one staff list, with its progress and the rows it could not import. */
@Entity({ name: 'staff_import_jobs' })
export class StaffImportJob {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'file_name', type: 'text', nullable: true }) fileName: string | null;
  @Column('text') status: StaffImportStatus;
  @Column({ name: 'total_bytes', type: 'bigint', transformer: bigint }) totalBytes: number;
  @Column({ name: 'processed_bytes', type: 'bigint', transformer: bigint }) processedBytes: number;
  @Column({ name: 'rows_read', type: 'int' }) rowsRead: number;
  @Column('int') created: number;
  @Column('int') updated: number;
  @Column('int') unchanged: number;
  @Column({ name: 'error_count', type: 'int' }) errorCount: number;
  @Column({ type: 'jsonb' }) errors: CsvRowError[];
  @Column({ type: 'text', nullable: true }) message: string | null;
  /** The instance running it; it refreshes the heartbeat while the import waits or runs. */
  @Column({ type: 'text' }) owner: string;
  @Column({ name: 'heartbeat_at', type: 'timestamptz' }) heartbeatAt: Date;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
}

export const MAX_STORED_ERRORS = 500;

export function addError(job: StaffImportJob, error: CsvRowError): void {
  job.errorCount++;
  if (job.errors.length < MAX_STORED_ERRORS) job.errors.push(error);
}

/** What goes on the wire (not the owner instance nor its heartbeat). */
export const toStaffImportView = (j: StaffImportJob): StaffImportView => ({
  id: j.id,
  trustId: j.trustId,
  fileName: j.fileName,
  status: j.status,
  totalBytes: j.totalBytes,
  processedBytes: j.processedBytes,
  rowsRead: j.rowsRead,
  created: j.created,
  updated: j.updated,
  unchanged: j.unchanged,
  errorCount: j.errorCount,
  errors: j.errors,
  message: j.message,
  startedAt: j.startedAt.toISOString(),
  finishedAt: j.finishedAt?.toISOString() ?? null,
});
