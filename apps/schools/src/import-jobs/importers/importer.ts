import type { CsvSource } from '../../imports/csv/import';
import type { Trust } from '../../trusts/trust.entity';
import type { ImportJob } from '../import-job.entity';

export interface ImportRun {
  job: ImportJob;
  trust: Trust;
  source: CsvSource;
  /** Saves the job's counters and progress (called after each batch). */
  saveProgress: (bytesRead: number) => Promise<void>;
}

/** One kind of file's import into the register. Rows go in batches, each batch in one transaction with its events. */
export interface Importer {
  run(run: ImportRun): Promise<void>;
}

export const BATCH_SIZE = 1000;
