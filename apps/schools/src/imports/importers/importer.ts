import type { DataSource, EntityManager } from 'typeorm';
import { writeToTrust } from '@trustwide/common/database/transaction';
import { streamCsvImport, type CsvImportSpec, type CsvLimits, type CsvRowError, type CsvSource } from '@trustwide/common';
import type { Trust } from '../../trusts/trust.entity';
import { addErrors } from '../import-job.entity';
import type { ImportJob } from '../import-job.entity';

export interface ImportRun {
  job: ImportJob;
  trust: Trust;
  source: CsvSource;
  /** Bounds on one record of the file (the service's CSV_MAX_RECORD_BYTES). */
  limits?: Partial<CsvLimits>;
  /** Saves the job's counters and progress (called after each batch). */
  saveProgress: (bytesRead: number) => Promise<void>;
}

/** One kind of file's import into the register. Rows go in batches, each batch in one transaction with its events. */
export interface Importer {
  run(run: ImportRun): Promise<void>;
}

export const BATCH_SIZE = 1000;

/**
 * The loop every importer shares: stream the file's rows, count them, keep unreadable ones as errors
 * with their line, let `select` say what of each row to apply (nothing: skipped or refused), and apply
 * them `BATCH_SIZE` at a time, each batch in one transaction, saving progress after each.
 */
export async function importInBatches<R, T>(
  { job, source, limits, saveProgress }: ImportRun,
  dataSource: DataSource,
  spec: CsvImportSpec<R>,
  select: (row: R, line: number, errors: CsvRowError[]) => T[],
  apply: (m: EntityManager, batch: T[], errors: CsvRowError[]) => Promise<void>,
): Promise<void> {
  let batch: T[] = [];
  let errors: CsvRowError[] = [];
  let bytesRead = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    if (rows.length > 0) {
      // A rolled-back attempt leaves no trace in the job's counts or errors.
      // The trust's write lock first, like every API write to it (no deadlock between a batch and a
      // request); a deadlock or serialisation failure all the same runs the batch again from scratch.
      const attempt = async () => {
        const before = { created: job.created, updated: job.updated, unchanged: job.unchanged, skipped: job.skipped };
        let found: CsvRowError[] = [];
        try {
          await writeToTrust(dataSource, job.trustId, (m) => {
            Object.assign(job, before);
            found = [];
            return apply(m, rows, found);
          });
        } catch (err) {
          Object.assign(job, before);
          throw err;
        }
        errors.push(...found);
      };
      try {
        await attempt();
      } catch (err) {
        // A school created by hand at the same moment took a row's URN: once more, it is then an update.
        if ((err as { code?: string }).code !== '23505') throw err;
        await attempt();
      }
    }
    addErrors(job, errors);
    errors = [];
    await saveProgress(bytesRead);
  };
  for await (const outcome of streamCsvImport(source, spec, { limits, onProgress: (p) => (bytesRead = p.bytesRead) })) {
    job.rowsRead++;
    if (!outcome.ok) errors.push(outcome.error);
    else batch.push(...select(outcome.value, outcome.line, errors));
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();
}
