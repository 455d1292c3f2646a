import { describe, expect, it } from '@jest/globals';
import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { TrustBusyError, writeToTrust } from './transaction';

/** A data source whose transactions run the work at once with a manager that only answers the lock query. */
const fakeDataSource = (lock: () => Promise<unknown> = async () => []) =>
  ({ transaction: async <T>(work: (m: EntityManager) => Promise<T>) => work({ query: lock } as unknown as EntityManager) }) as unknown as DataSource;

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('writeToTrust: one trust\'s writes in this process', () => {
  it('runs them one after another, in arrival order', async () => {
    const ds = fakeDataSource();
    const order: string[] = [];
    const gate = deferred();
    const first = writeToTrust(ds, 'T1', async () => {
      order.push('first starts');
      await gate.promise;
      order.push('first ends');
    });
    const second = writeToTrust(ds, 't1', async () => void order.push('second'));
    const third = writeToTrust(ds, 'T1', async () => void order.push('third'));
    const otherTrust = writeToTrust(ds, 'T2', async () => void order.push('other trust'));
    await otherTrust;
    gate.resolve();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first starts', 'other trust', 'first ends', 'second', 'third']);
  });

  it('answers 503 to a write that waited too long, and the ones behind it still run', async () => {
    const ds = fakeDataSource();
    const gate = deferred();
    const slow = writeToTrust(ds, 'T3', () => gate.promise);
    const waiting = writeToTrust(ds, 'T3', async () => 'ran', { maxQueueWaitMs: 20 });
    await expect(waiting).rejects.toBeInstanceOf(TrustBusyError);
    const after = writeToTrust(ds, 'T3', async () => 'after');
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
    const waiters = [1, 2, 3].map(() => writeToTrust(ds, 'T4', async () => 'ran'));
    gate.resolve();
    await expect(failing).rejects.toBe(refused);
    for (const w of waiters) {
      const err = await w.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrustBusyError);
      expect((err as TrustBusyError).getStatus()).toBe(HttpStatus.SERVICE_UNAVAILABLE);
      expect((err as TrustBusyError).getResponse()).toMatchObject({ errors: [{ field: 'database' }] });
    }
    await expect(writeToTrust(ds, 'T4', async () => 'recovered')).resolves.toBe('recovered');
  });
});
