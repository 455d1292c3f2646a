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

/** What each open `inTransaction` transaction writes last, before it commits, by its query runner: per collector. */
const lastWrites = new WeakMap<object, Map<object, { items: unknown[]; write: (items: unknown[]) => Promise<void> }>>();

/**
 * The list of items that `collector` writes at the end of the transaction `manager` belongs to, just before it
 * commits, with `write` (the outbox writes all of a transaction's events there in one statement, instead of one
 * statement each time a change records some). Undefined when the transaction is not one `inTransaction` runs: the
 * caller writes now. A collector may write some of its items earlier (taking them off the list).
 */
export function collectUntilCommit<T>(manager: EntityManager, collector: object, write: (items: T[]) => Promise<void>): T[] | undefined {
  const writes = manager.queryRunner ? lastWrites.get(manager.queryRunner) : undefined;
  if (!writes) return undefined;
  let entry = writes.get(collector);
  if (!entry) writes.set(collector, (entry = { items: [], write: write as (items: unknown[]) => Promise<void> }));
  return entry.items as T[];
}

/** A transaction, retried on deadlocks and serialisation failures (see `retryTransient`); see `collectUntilCommit`. */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>, options?: RetryOptions): Promise<T> {
  return retryTransient(
    () =>
      dataSource.transaction(async (m) => {
        const runner = m.queryRunner;
        if (!runner) return work(m); // not a real connection's (a unit test's stand-in): nothing to collect
        const writes = new Map<object, { items: unknown[]; write: (items: unknown[]) => Promise<void> }>();
        lastWrites.set(runner, writes);
        try {
          const result = await work(m);
          for (const { items, write } of writes.values()) if (items.length > 0) await write(items.splice(0));
          return result;
        } finally {
          lastWrites.delete(runner);
        }
      }),
    options,
  );
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

/**
 * Takes a lock on one part of a trust (a school) for the rest of the transaction: the trust's lock shared,
 * then the part's alone, in that order in one statement. Writes to different parts of a trust run side by
 * side, a write to the whole trust (`lockTrust`) waits for them and they for it, and since every write takes
 * its trust's lock before anything else, a part's write and a whole-trust write never hold locks the other
 * waits for. A part's write must not read or decide anything another part's write changes, except through
 * rows it locks after these (a school and then its successors).
 */
export async function lockTrustPart(manager: EntityManager, trustId: string, part: string): Promise<void> {
  const trust = trustId.toLowerCase();
  // The select list is evaluated left to right: the trust's lock first, as everywhere.
  await manager.query(
    `SELECT pg_advisory_xact_lock_shared(hashtextextended('trustwide.trust:' || $1, 0)),
            pg_advisory_xact_lock(hashtextextended('trustwide.trust:' || $1 || ':' || $2, 0))`,
    [trust, part],
  );
}

/** What a write holds or waits for in its trust's queue: the whole trust (`part` null), or one part of it. */
export interface QueueClaim {
  part: string | null;
}

/** What runs in a trust's queue: a whole-trust write, or writes to these parts. */
export interface QueueRunning {
  whole: boolean;
  parts: ReadonlySet<string>;
}

/**
 * How many writes to different parts of one trust run at once in a process [4]: each holds one of the pool's
 * ten connections, and reads, the relay and other trusts need theirs.
 */
export const PART_WRITES_PER_TRUST = 4;

/**
 * Which of the waiting writes (in arrival order) start now, as indexes into `waiting`. A whole-trust write
 * starts when nothing runs; a part's write while no whole-trust write runs or waits ahead of it, no write of
 * its part runs or starts ahead of it, and fewer than `maxParts` parts run. Everything behind a waiting
 * whole-trust write waits for it, so neither kind starves the other; a part's later writes keep their order.
 */
export function startable(running: QueueRunning, waiting: readonly QueueClaim[], maxParts = PART_WRITES_PER_TRUST): number[] {
  if (running.whole) return [];
  const parts = new Set(running.parts);
  const start: number[] = [];
  for (let i = 0; i < waiting.length; i++) {
    const { part } = waiting[i];
    if (part === null) {
      if (parts.size === 0) start.push(i);
      break;
    }
    if (parts.size >= maxParts) break;
    if (parts.has(part)) continue;
    parts.add(part);
    start.push(i);
  }
  return start;
}

interface Waiter extends QueueClaim {
  start: () => void;
  fail: (err: Error) => void;
}

/** Each trust's writes in this process: what runs, and who waits, in arrival order. */
const trustQueues = new Map<string, { whole: boolean; parts: Set<string>; waiting: Waiter[] }>();

/** Starts whatever may start now in a trust's queue (see `startable`); forgets the queue when it is empty. */
function dispatch(key: string): void {
  const q = trustQueues.get(key);
  if (!q) return;
  const ready = startable(q, q.waiting).map((i) => q.waiting[i]);
  q.waiting = q.waiting.filter((w) => !ready.includes(w));
  for (const waiter of ready) {
    if (waiter.part === null) q.whole = true;
    else q.parts.add(waiter.part);
    waiter.start();
  }
  if (!q.whole && q.parts.size === 0 && q.waiting.length === 0) trustQueues.delete(key);
}

/**
 * Runs `work` when its turn comes among this process's writes to the same trust: a whole-trust write
 * (`part` null) after every earlier write to the trust, a part's write after the earlier whole-trust writes
 * and the earlier writes to its part, beside other parts' (see `startable`). Writes that would only wait on
 * the database's locks wait here instead, without holding one of the pool's few connections, so reads and
 * other trusts' writes are not starved of connections (nor time out waiting for one) while one trust is
 * busy. A wait is bounded (`maxWaitMs`), and when a write finds the database away, every write waiting
 * behind it is answered at once instead of each trying in turn. Not re-entrant: a write must not start
 * another write to the same trust from inside it (pass its manager on instead).
 */
async function inTrustQueue<T>(
  trustId: string,
  part: string | null,
  work: () => Promise<T>,
  maxWaitMs = WRITE_QUEUE_MAX_WAIT_MS,
): Promise<T> {
  const key = trustId.toLowerCase();
  let queue = trustQueues.get(key);
  if (!queue) trustQueues.set(key, (queue = { whole: false, parts: new Set(), waiting: [] }));
  const q = queue;
  await new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const waiter: Waiter = {
      part,
      start: () => {
        clearTimeout(timer);
        resolve();
      },
      fail: (err) => {
        clearTimeout(timer);
        reject(err);
      },
    };
    q.waiting.push(waiter);
    dispatch(key);
    if (q.waiting.includes(waiter)) {
      timer = setTimeout(() => {
        q.waiting = q.waiting.filter((w) => w !== waiter);
        reject(new TrustBusyError(`other writes to this trust took longer than ${maxWaitMs / 1000} s; send the request again`));
        dispatch(key); // a whole-trust write that gave up no longer holds back the parts behind it
      }, maxWaitMs);
    }
  });
  let failure: unknown;
  try {
    return await work();
  } catch (err) {
    failure = err;
    throw err;
  } finally {
    if (part === null) q.whole = false;
    else q.parts.delete(part);
    if (failure !== undefined && isDatabaseUnavailable(failure)) {
      for (const waiter of q.waiting.splice(0))
        waiter.fail(new TrustBusyError('the database is unavailable for a moment; send the request again shortly', 'database'));
    }
    dispatch(key);
  }
}

type WriteOptions = RetryOptions & { maxQueueWaitMs?: number };

/** A write in its turn in this process's queue (`part` null: the whole trust), then in a transaction that takes `lock` first. */
function queuedWrite<T>(
  dataSource: DataSource,
  trustId: string,
  part: string | null,
  lock: (manager: EntityManager) => Promise<void>,
  work: (manager: EntityManager) => Promise<T>,
  options?: WriteOptions,
): Promise<T> {
  const transaction = () =>
    inTransaction(
      dataSource,
      async (m) => {
        await lock(m);
        return work(m);
      },
      options,
    );
  return inTrustQueue(trustId, part, transaction, options?.maxQueueWaitMs);
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
  options?: WriteOptions,
): Promise<T> {
  return queuedWrite(dataSource, trustId, null, (m) => lockTrust(m, trustId), work, options);
}

/**
 * A write to one part of a trust's data (`part` names it, e.g. `school:140001`): beside writes to the
 * trust's other parts, after the whole-trust writes and the same part's writes ahead of it, in a transaction
 * that takes the trust's lock shared and then the part's (`lockTrustPart`), retried like `writeToTrust`. For
 * writes whose every decision is about that part alone: what they read of the trust (its rules, which school
 * succeeded which) only whole-trust writes change, and those wait for them.
 */
export function writeToTrustPart<T>(
  dataSource: DataSource,
  trustId: string,
  part: string,
  work: (manager: EntityManager) => Promise<T>,
  options?: WriteOptions,
): Promise<T> {
  return queuedWrite(dataSource, trustId, part, (m) => lockTrustPart(m, trustId, part), work, options);
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
