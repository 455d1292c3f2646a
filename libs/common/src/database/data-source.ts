import { Client } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { PreparingClient } from './preparing-client';

/** Session settings every connection of a service gets (DATABASE_*_TIMEOUT_MS; 0 = never). */
export interface DatabaseTimeouts {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * The pg pool options (TypeORM's `extra`) that set the timeouts on every connection as it opens: a
 * runaway query is cancelled, a lock wait fails instead of queueing requests behind it, and a
 * transaction left open (a bug, a hung process) is ended and releases its locks. Its connections prepare the
 * statements they run often (see `PreparingClient`).
 */
export function poolOptions(t: DatabaseTimeouts) {
  return {
    Client: PreparingClient,
    max: 10,
    connectionTimeoutMillis: 5000,
    statement_timeout: t.statementTimeoutMs,
    lock_timeout: t.lockTimeoutMs,
    idle_in_transaction_session_timeout: t.idleInTransactionTimeoutMs,
  };
}

/** Held while a replica migrates, so replicas starting together migrate one at a time. */
const MIGRATION_LOCK = 804_221_002;

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock (on a connection of its own,
 * without the lock timeout, so a replica waits for another's migrations however long they take). The
 * next replica then finds nothing pending. Migrations run without the statement timeout: rewriting a
 * large table may take longer than any request should; the lock timeout still applies, so a migration
 * never queues every request behind a lock it cannot get.
 */
export async function runMigrationsExclusively(dataSource: DataSource, url: string): Promise<number> {
  const lock = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('SET statement_timeout = 0');
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      return (await executor.executePendingMigrations()).length;
    } finally {
      await runner.query('RESET statement_timeout').catch(() => undefined);
      await runner.release();
    }
  } finally {
    // Ending the session releases the lock even if the unlock itself fails.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}
