import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { defineCsvImport } from '@trustwide/common';
import type { ImportJob } from '../import-job.entity';
import { importInBatches, ImportRun } from './importer';

const numbers = defineCsvImport({
  fileKind: 'numbers',
  fields: { n: { headers: ['n'], required: true } },
  mapRow: (row) => row.integer('n', { min: 0, max: 100 }) ?? 0,
});

const job = () =>
  ({
    trustId: '7cf134ec-0000-4000-8000-000000000001',
    rowsRead: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    errorCount: 0,
    errors: [],
  }) as unknown as ImportJob;
// The manager answers the trust-lock query each batch takes first.
const fakeDb = {
  transaction: (fn: (m: EntityManager) => Promise<void>) => fn({ query: () => Promise.resolve([]) } as unknown as EntityManager),
} as unknown as DataSource;

describe('importInBatches', () => {
  it('reads rows, keeps unreadable ones as errors with their line, and applies the rest', async () => {
    const run: ImportRun = { job: job(), trust: {} as never, source: 'n\n1\nx\n3\n', saveProgress: () => Promise.resolve() };
    const applied: number[] = [];
    await importInBatches(
      run,
      fakeDb,
      numbers,
      (n) => [n],
      (_m, batch) => {
        applied.push(...batch);
        run.job.created += batch.length;
        return Promise.resolve();
      },
    );
    expect(applied).toEqual([1, 3]);
    expect(run.job).toMatchObject({ rowsRead: 3, created: 2, errorCount: 1 });
    expect(run.job.errors[0].line).toBe(3);
  });

  it('runs a batch again after a unique-key race, counting it once', async () => {
    const run: ImportRun = { job: job(), trust: {} as never, source: 'n\n1\n2\n', saveProgress: () => Promise.resolve() };
    let attempts = 0;
    await importInBatches(
      run,
      fakeDb,
      numbers,
      (n) => [n],
      (_m, batch, errors) => {
        attempts++;
        run.job.created += batch.length;
        errors.push({ line: 2, reason: `attempt ${attempts}` });
        if (attempts === 1)
          return Promise.reject(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
        return Promise.resolve();
      },
    );
    expect(attempts).toBe(2);
    expect(run.job).toMatchObject({ created: 2, errorCount: 1 });
    expect(run.job.errors).toEqual([{ line: 2, reason: 'attempt 2' }]);
  });

  it('runs a batch again after a deadlock, counting it once', async () => {
    const run: ImportRun = { job: job(), trust: {} as never, source: 'n\n1\n2\n', saveProgress: () => Promise.resolve() };
    let attempts = 0;
    await importInBatches(
      run,
      fakeDb,
      numbers,
      (n) => [n],
      (_m, batch, errors) => {
        attempts++;
        run.job.created += batch.length;
        errors.push({ line: 2, reason: `attempt ${attempts}` });
        if (attempts < 3) return Promise.reject(Object.assign(new Error('deadlock detected'), { code: '40P01' }));
        return Promise.resolve();
      },
    );
    expect(attempts).toBe(3);
    expect(run.job).toMatchObject({ created: 2, errorCount: 1 });
    expect(run.job.errors).toEqual([{ line: 2, reason: 'attempt 3' }]);
  });

  it('lets any other failure through', async () => {
    const run: ImportRun = { job: job(), trust: {} as never, source: 'n\n1\n', saveProgress: () => Promise.resolve() };
    await expect(
      importInBatches(
        run,
        fakeDb,
        numbers,
        (n) => [n],
        () => Promise.reject(new Error('disk full')),
      ),
    ).rejects.toThrow('disk full');
  });
});
