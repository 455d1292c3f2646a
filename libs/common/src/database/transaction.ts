import { setTimeout as sleep } from 'node:timers/promises';
import { HttpException, HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * One way to write: a transaction that takes its trust's lock first and is retried, a bounded number of
 * times, when PostgreSQL picked it as a deadlock victim (40P01) or refused it as a serialisation failure
 * (40001). Both mean "nothing of this was written; the same work may succeed now", so the caller never
 * sees them unless they keep happening.
 */

/** SQLSTATEs after which the whole transaction may simply be run again. */
export const RETRYABLE_TRANSACTION_CODES: ReadonlySet<string> = new Set(['40P01', '40001']);

/** The SQLSTATE of a failure, from TypeORM's wrapper or the pg error itself. */
export function sqlState(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isRetryableTransactionError(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && RETRYABLE_TRANSACTION_CODES.has(code);
}

export interface RetryOptions {
  /** Runs in all, the first included [5]. */
  attempts?: number;
  /** Upper bound of the first random pause, doubled on each retry [20 ms]. */
  baseDelayMs?: number;
}

/**
 * Runs `work` again while it fails with a deadlock or serialisation failure, up to `attempts` runs, with
 * a short random pause so that the two sides of a deadlock do not meet again at once. `work` must start
 * from scratch each time (read inside it whatever it needs; reset any counters it keeps outside).
 */
export async function retryTransient<T>(work: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 20;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (err) {
      if (attempt >= attempts || !isRetryableTransactionError(err)) throw err;
      await sleep(Math.random() * base * 2 ** (attempt - 1));
    }
  }
}

/** A transaction, retried on deadlocks and serialisation failures (see `retryTransient`). */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options?: RetryOptions): Promise<T> {
  return retryTransient(() => dataSource.transaction(work), options);
}

/**
 * Takes the trust's write lock for the rest of the transaction: every write to a trust's data takes it
 * first, so writes to one trust run one after another and always lock in one order (the trust, then
 * its aggregates), which is what keeps them from deadlocking. A transaction-scoped advisory lock rather
 * than a row lock: it needs no table (every service can use it), and it does not conflict with the
 * key-share locks that foreign keys to the trust's row take, which a `FOR UPDATE` on that row would.
 * Two trusts whose ids hash alike merely share a queue.
 */
export async function lockTrust(manager: EntityManager, trustId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('trustwide.trust:' || $1, 0))`, [trustId.toLowerCase()]);
}

/**
 * How long a write may wait for its turn behind the same trust's other writes in this process before it
 * is answered 503 (send again shortly) rather than left hanging [20 s]: a trust flooded with writes, or
 * one slow write, sheds load instead of piling up requests that their callers gave up on.
 */
export const WRITE_QUEUE_MAX_WAIT_MS = 20_000;

/** A write that did not get its turn: the trust is busy, or the database went away while it waited. */
export class TrustBusyError extends HttpException {
  /** Seconds to wait before sending the request again (read by the error filter). */
  readonly retryAfter = 1;

  constructor(problem: string, field: 'trustId' | 'database' = 'trustId') {
    super({ statusCode: 503, message: 'Service Unavailable', errors: [{ field, problems: [problem] }] }, HttpStatus.SERVICE_UNAVAILABLE);
  }
}

interface Waiter {
  start: () => void;
  fail: (err: Error) => void;
}

/** Each trust's writes in this process: whether one is running, and who waits, in arrival order. */
const trustQueues = new Map<string, { busy: boolean; waiting: Waiter[] }>();

/**
 * Runs `work` after every earlier write to the same trust in this process has finished. Writes that
 * would only wait on the trust's database lock wait here instead, without holding one of the pool's
 * few connections, so reads and other trusts' writes are not starved of connections (nor time out
 * waiting for one) while one trust is busy. A wait is bounded (`maxWaitMs`), and when a write finds the
 * database away, every write waiting behind it is answered at once instead of each trying in turn.
 * Not re-entrant: a write must not start another write to the same trust from inside it (pass its
 * manager on instead).
 */
async function inTrustQueue<T>(trustId: string, work: () => Promise<T>, maxWaitMs = WRITE_QUEUE_MAX_WAIT_MS): Promise<T> {
  const key = trustId.toLowerCase();
  let queue = trustQueues.get(key);
  if (!queue) trustQueues.set(key, (queue = { busy: false, waiting: [] }));
  const q = queue;
  if (q.busy) {
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          resolve();
        },
        fail: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        const at = q.waiting.indexOf(waiter);
        if (at >= 0) q.waiting.splice(at, 1);
        reject(new TrustBusyError(`other writes to this trust took longer than ${maxWaitMs / 1000} s; send the request again`));
      }, maxWaitMs);
      q.waiting.push(waiter);
    });
  }
  q.busy = true; // a waiter that is started inherits the turn
  let failure: unknown;
  try {
    return await work();
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    if (failure !== undefined && isDatabaseUnavailable(failure)) {
      for (const waiter of q.waiting.splice(0))
        waiter.fail(new TrustBusyError('the database is unavailable for a moment; send the request again shortly', 'database'));
    }
    const next = q.waiting.shift();
    if (next) next.start();
    else {
      q.busy = false;
      trustQueues.delete(key);
    }
  }
}

/**
 * A write to one trust's data: queued behind this process's other writes to the trust, then in a
 * transaction that takes the trust's lock first (other processes: replicas, the import CLI), retried on
 * deadlocks and serialisation failures.
 */
export function writeToTrust<T>(
  dataSource: DataSource,
  trustId: string,
  work: (manager: EntityManager) => Promise<T>,
  options?: RetryOptions & { maxQueueWaitMs?: number },
): Promise<T> {
  return inTrustQueue(
    trustId,
    () =>
      inTransaction(
        dataSource,
        async (m) => {
          await lockTrust(m, trustId);
          return work(m);
        },
        options,
      ),
    options?.maxQueueWaitMs,
  );
}

/**
 * SQLSTATEs that mean the database is away or refusing work for now (not that the request is wrong):
 * too many connections, admin/crash shutdown, starting up, connection exceptions, a lock or statement
 * timeout, a deadlock that outlived its retries.
 */
const UNAVAILABLE_CODES = new Set([
  '53300',
  '53400',
  '57P01',
  '57P02',
  '57P03',
  '57P04',
  '57P05',
  '57014',
  '55P03',
  '40P01',
  '40001',
  '58000',
  '58030',
]);
/**
 * Node's, pg's and TypeORM's own words for a server that cannot be reached or went away mid-query (TypeORM
 * releases a transaction's connection when it dies, and the transaction's next query says so).
 */
const UNAVAILABLE_SYSCALL = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGE =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Connection is not established|Client was closed|cannot use a pool after calling end|query runner was already released|query runner already released/i;

/** True when `err` says the database is unreachable or shedding load: the answer is a 503, not a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | null | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_SYSCALL.has(code))) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner))) return true; // AggregateError (IPv4 + IPv6 refused)
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return false;
}
