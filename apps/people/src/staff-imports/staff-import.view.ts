import type { CsvRowError } from '@trustwide/common'; // a type only: the CLI loads nothing of Nest

/** A staff import as the API returns it and the import CLI reads it (plain types, no TypeORM). */
export type StaffImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';

export interface StaffImportView {
  id: string;
  trustId: string;
  fileName: string | null;
  status: StaffImportStatus;
  totalBytes: number;
  processedBytes: number;
  rowsRead: number;
  /** People who joined. */
  created: number;
  /** People recorded before whose school or role spells changed. */
  updated: number;
  unchanged: number;
  errorCount: number;
  /** The first row errors (all are counted in errorCount), each with its line and reason. */
  errors: CsvRowError[];
  /** How it ended, or why the file was refused (naming the line when there is one). */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}
