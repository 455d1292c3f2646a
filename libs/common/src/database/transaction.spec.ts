import { describe, expect, it } from '@jest/globals';
import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { isDatabaseUnavailable, retryTransient, startable, TrustBusyError, writeToTrust, writeToTrustPart } from './transaction';

const failing = (code: string) => Object.assign(new Error(code), { code });

describe('retryTransient', () => {
  it.each([
    ['a deadlock', '40P01', 3, 3],
    ['a serialisation failure', '40001', 2, 2],
  ])('runs again after %s', async (_name, code, failures, expectedRuns) => {
    let runs = 0;
    const result = await retryTransient(
      () => {
        runs++;
        return runs <= failures - 1 ? Promise.reject(failing(code)) : Promise.resolve('done');
      },
      { baseDelayMs: 1 },
    );
    expect(result).toBe('done');
    expect(runs).toBe(expectedRuns);
  });

  it('gives up after the bounded number of runs, with the last error', async () => {
    let runs = 0;
    await expect(
      retryTransient(
        () => {
          runs++;
          return Promise.reject(failing('40P01'));
        },
        { attempts: 4, baseDelayMs: 1 },
      ),
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

  it("sees the code through TypeORM's wrapper", async () => {
    let runs = 0;
    await retryTransient(
      () =>
        ++runs === 1 ? Promise.reject(Object.assign(new Error('QueryFailedError'), { driverError: { code: '40P01' } })) : Promise.resolve(),
      {
        baseDelayMs: 1,
      },
    );
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
    [
      new Error(
        'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
      ),
      true,
    ],
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

  it("runs one trust's writes one after another (any spelling of its id), other trusts' beside them", async () => {
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

/** A data source whose transactions run the work at once with a manager that only answers the lock query. */
const fakeDataSource = (lock: (sql: string, params: unknown[]) => Promise<unknown> = () => Promise.resolve([])) =>
  ({
    transaction: async <T>(work: (m: EntityManager) => Promise<T>) => work({ query: lock } as unknown as EntityManager),
  }) as unknown as DataSource;

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("writeToTrust: one trust's writes in this process", () => {
  it('runs them one after another, in arrival order', async () => {
    const ds = fakeDataSource();
    const order: string[] = [];
    const gate = deferred();
    const first = writeToTrust(ds, 'T1', async () => {
      order.push('first starts');
      await gate.promise;
      order.push('first ends');
    });
    const second = writeToTrust(ds, 't1', () => Promise.resolve(void order.push('second')));
    const third = writeToTrust(ds, 'T1', () => Promise.resolve(void order.push('third')));
    const otherTrust = writeToTrust(ds, 'T2', () => Promise.resolve(void order.push('other trust')));
    await otherTrust;
    gate.resolve();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first starts', 'other trust', 'first ends', 'second', 'third']);
  });

  it('answers 503 to a write that waited too long, and the ones behind it still run', async () => {
    const ds = fakeDataSource();
    const gate = deferred();
    const slow = writeToTrust(ds, 'T3', () => gate.promise);
    const waiting = writeToTrust(ds, 'T3', () => Promise.resolve('ran'), { maxQueueWaitMs: 20 });
    await expect(waiting).rejects.toBeInstanceOf(TrustBusyError);
    const after = writeToTrust(ds, 'T3', () => Promise.resolve('after'));
    gate.resolve();
    await slow;
    await expect(after).resolves.toBe('after');
  });

  it('answers every waiting write at once when the one ahead finds the database away', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const gate = deferred();
    const ds = fakeDataSource();
    const failing = writeToTrust(ds, 'T4', async () => {
      await gate.promise;
      throw refused;
    });
    const waiters = [1, 2, 3].map(() => writeToTrust(ds, 'T4', () => Promise.resolve('ran')));
    gate.resolve();
    await expect(failing).rejects.toBe(refused);
    for (const w of waiters) {
      const err = await w.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrustBusyError);
      expect((err as TrustBusyError).getStatus()).toBe(HttpStatus.SERVICE_UNAVAILABLE);
      expect((err as TrustBusyError).getResponse()).toMatchObject({ errors: [{ field: 'database' }] });
    }
    await expect(writeToTrust(ds, 'T4', () => Promise.resolve('recovered'))).resolves.toBe('recovered');
  });
});

describe('startable: which waiting writes of a trust start now', () => {
  const whole = { part: null };
  const part = (p: string) => ({ part: p });
  const idle = { whole: false, parts: new Set<string>() };
  const running = (...parts: string[]) => ({ whole: false, parts: new Set(parts) });
  it.each([
    ['nothing waits', idle, [], 4, []],
    ['a whole-trust write when nothing runs', idle, [whole, part('a')], 4, [0]],
    ['nothing while a whole-trust write runs', { whole: true, parts: new Set<string>() }, [part('a'), whole], 4, []],
    ['a whole-trust write waits for the parts that run', running('a'), [whole, part('b')], 4, []],
    ['parts side by side, up to the whole-trust write that waits', idle, [part('a'), part('b'), whole, part('c')], 4, [0, 1]],
    ['a part behind its own running write waits; other parts pass it', running('a'), [part('a'), part('b')], 4, [1]],
    ['a part twice: only its first write starts', idle, [part('a'), part('a'), part('b')], 4, [0, 2]],
    ['no more than the cap of parts at once', running('a', 'b'), [part('c'), part('d'), part('e')], 3, [0]],
    ['at the cap, nothing starts', running('a', 'b'), [part('c')], 2, []],
  ])('%s', (_name, state, waiting, maxParts, expected) => {
    expect(startable(state, waiting, maxParts)).toEqual(expected);
  });
});

describe("writeToTrustPart: a trust's parts in this process", () => {
  it("runs two parts' writes side by side, and a whole-trust write after both, before the part that came after it", async () => {
    const ds = fakeDataSource();
    const order: string[] = [];
    const [a, b, aStarted, bStarted] = [deferred(), deferred(), deferred(), deferred()];
    const first = writeToTrustPart(ds, 'T5', 'school:1', async () => {
      order.push('a starts');
      aStarted.resolve();
      await a.promise;
      order.push('a ends');
    });
    const second = writeToTrustPart(ds, 'T5', 'school:2', async () => {
      order.push('b starts');
      bStarted.resolve();
      await b.promise;
      order.push('b ends');
    });
    const whole = writeToTrust(ds, 't5', () => Promise.resolve(void order.push('whole')));
    const later = writeToTrustPart(ds, 'T5', 'school:3', () => Promise.resolve(void order.push('c')));
    await Promise.all([aStarted.promise, bStarted.promise]); // both run before either ends
    expect(order).toEqual(['a starts', 'b starts']);
    b.resolve();
    await second;
    expect(order).toEqual(['a starts', 'b starts', 'b ends']);
    a.resolve();
    await Promise.all([first, whole, later]);
    expect(order).toEqual(['a starts', 'b starts', 'b ends', 'a ends', 'whole', 'c']);
  });

  it("keeps one part's writes in arrival order", async () => {
    const ds = fakeDataSource();
    const order: string[] = [];
    const gate = deferred();
    const first = writeToTrustPart(ds, 'T6', 'school:1', async () => {
      await gate.promise;
      order.push('first');
    });
    const second = writeToTrustPart(ds, 'T6', 'school:1', () => Promise.resolve(void order.push('second')));
    const other = writeToTrustPart(ds, 'T6', 'school:2', () => Promise.resolve(void order.push('other part')));
    await other;
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['other part', 'first', 'second']);
  });

  it('lets the parts behind a whole-trust write that gave up waiting start', async () => {
    const ds = fakeDataSource();
    const gate = deferred();
    const running = writeToTrustPart(ds, 'T7', 'school:1', () => gate.promise);
    const whole = writeToTrust(ds, 'T7', () => Promise.resolve('ran'), { maxQueueWaitMs: 20 });
    const behind = writeToTrustPart(ds, 'T7', 'school:2', () => Promise.resolve('part ran'));
    await expect(whole).rejects.toBeInstanceOf(TrustBusyError);
    await expect(behind).resolves.toBe('part ran');
    gate.resolve();
    await running;
  });

  it("takes the trust's lock shared and then the part's, in one statement", async () => {
    const statements: { sql: string; params: unknown[] }[] = [];
    const ds = fakeDataSource((sql: string, params: unknown[]) => Promise.resolve(void statements.push({ sql, params })));
    await writeToTrustPart(ds, 'AbC', 'school:7', () => Promise.resolve());
    expect(statements).toHaveLength(1);
    expect(statements[0].params).toEqual(['abc', 'school:7']);
    expect(statements[0].sql.indexOf('pg_advisory_xact_lock_shared')).toBeLessThan(statements[0].sql.indexOf('pg_advisory_xact_lock('));
  });
});
