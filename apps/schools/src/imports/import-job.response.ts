import type { CsvRowError } from '@trustwide/common';

/**
 * An import as the API returns it, and as the import CLI reads it. Plain types only (no TypeORM), so
 * the CLI can use them and still start at once.
 */

export const IMPORT_KINDS = ['gias-establishments', 'gias-groups', 'gias-links', 'ofsted'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_SCOPES = ['trust', 'all'] as const;
export type ImportScope = (typeof IMPORT_SCOPES)[number];
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';

export interface ImportJobResponseDto {
  id: string;
  trustId: string;
  kind: ImportKind;
  scope: ImportScope;
  fileName: string | null;
  status: ImportStatus;
  totalBytes: number;
  processedBytes: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errorCount: number;
  /** The first row errors (all are counted in errorCount). */
  errors: CsvRowError[];
  /** How it ended, or why the file was refused (naming the line when there is one). */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** The fields of a job that go on the wire (not its owner instance or heartbeat). */
export function mapImportJob(
  job: Omit<ImportJobResponseDto, 'startedAt' | 'finishedAt'> & { startedAt: Date; finishedAt: Date | null },
): ImportJobResponseDto {
  return {
    id: job.id,
    trustId: job.trustId,
    kind: job.kind,
    scope: job.scope,
    fileName: job.fileName,
    status: job.status,
    totalBytes: job.totalBytes,
    processedBytes: job.processedBytes,
    rowsRead: job.rowsRead,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    skipped: job.skipped,
    errorCount: job.errorCount,
    errors: job.errors,
    message: job.message,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
