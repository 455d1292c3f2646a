import { describe, expect, it } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable, retryTransient, writeToTrust } from './transaction';

const failing = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransient', () => {
  it.each([
    ['a deadlock', '40P01', 3, 3],
    ['a serialisation failure', '40001', 2, 2],
  ])('runs again after %s', async (_name, code, failures, expectedRuns) => {
    let runs = 0;
    const result = await retryTransient(() => {
      runs++;
      return runs <= failures - 1 ? Promise.reject(failing(code)) : Promise.resolve('done');
    }, { baseDelayMs: 1 });
    expect(result).toBe('done');
    expect(runs).toBe(expectedRuns);
  });

  it('gives up after the bounded number of runs, with the last error', async () => {
    let runs = 0;
    await expect(
      retryTransient(() => {
        runs++;
        return Promise.reject(failing('40P01'));
      }, { attempts: 4, baseDelayMs: 1 }),
    ).rejects.toMatchObject({ code: '40P01' });
    expect(runs).toBe(4);
  });

  it('does not retry what a retry cannot fix', async () => {
    let runs = 0;
    await expect(
      retryTransient(() => {
        runs++;
        return Promise.reject(failing('23505'));
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(runs).toBe(1);
  });

  it('sees the code through TypeORM\'s wrapper', async () => {
    let runs = 0;
    await retryTransient(() => (++runs === 1 ? Promise.reject(Object.assign(new Error('QueryFailedError'), { driverError: { code: '40P01' } })) : Promise.resolve()), {
      baseDelayMs: 1,
    });
    expect(runs).toBe(2);
  });
});

describe('isDatabaseUnavailable', () => {
  it.each([
    [failing('57P01'), true],
    [failing('57P03'), true],
    [failing('53300'), true],
    [failing('08006'), true],
    [failing('ECONNREFUSED'), true],
    [new Error('Connection terminated due to connection timeout'), true],
    [new Error('Client has encountered a connection error and is not queryable'), true],
    [Object.assign(new Error('wrapped'), { driverError: failing('57P01') }), true],
    [new Error('Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.'), true],
    [failing('23505'), false],
    [failing('22P02'), false],
    [new Error('something else'), false],
    [null, false],
  ])('%#', (error, expected) => {
    expect(isDatabaseUnavailable(error)).toBe(expected);
  });
});

describe('writeToTrust', () => {
  const locks: string[] = [];
  const fakeDb = {
    transaction: (fn: (m: EntityManager) => Promise<unknown>) =>
      fn({
        query: (_sql: string, [id]: string[]) => {
          locks.push(id);
          return Promise.resolve();
        },
      } as unknown as EntityManager),
  } as unknown as DataSource;

  it('runs one trust\'s writes one after another (any spelling of its id), other trusts\' beside them', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = writeToTrust(fakeDb, 'AAAA', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
    });
    const second = writeToTrust(fakeDb, 'aaaa', () => Promise.resolve(void log.push('a2')));
    const other = writeToTrust(fakeDb, 'bbbb', () => Promise.resolve(void log.push('b')));
    await other;
    expect(log).toEqual(['a1 start', 'b']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
    expect(locks).toEqual(['aaaa', 'bbbb', 'aaaa']); // the database lock too, with the canonical id
  });

  it('goes on with the queue after a write that failed', async () => {
    await expect(writeToTrust(fakeDb, 'cccc', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(writeToTrust(fakeDb, 'cccc', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
