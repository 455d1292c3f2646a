import type { DataSource, EntityManager } from 'typeorm';
import { ALERT_CHANNEL, notifyChanged } from '../ingest/writer';
import { REBUILT_TABLES } from '../ingest/tables';

/** Where a rebuild fills its tables, beside the live ones in `public`. */
export const REBUILD_SCHEMA = 'rm_rebuild';
/** Where the model a swap replaced is kept until the next rebuild (to compare with, or to go back to by hand). */
export const PREVIOUS_SCHEMA = 'rm_previous';

/**
 * A one-row UNLOGGED table in REBUILD_SCHEMA that stays unlogged to the swap: PostgreSQL empties unlogged tables when
 * it recovers from a crash, the only way it loses the copy's unlogged rows or its commits not yet flushed. A copy
 * whose sentinel is gone may miss events its group's offsets have passed, and is never swapped in.
 */
const SENTINEL = `${REBUILD_SCHEMA}.crash_sentinel`;

interface IndexDef {
  table: string;
  name: string;
  def: string;
  constraint: 'p' | 'u' | null;
}

/**
 * These statements grow with the model (an index over every audit row, the ledger of every event): the request
 * statement timeout does not apply to them (at England scale they take longer than it).
 */
const unbounded = (q: EntityManager) => q.query(`SET LOCAL statement_timeout = 0`);

/** The live tables' indexes as PostgreSQL states them, so the copy has the same definitions and names as the migration. */
async function liveIndexes(q: EntityManager): Promise<IndexDef[]> {
  const rows: { table: string; name: string; def: string; constraint: 'p' | 'u' | null }[] = await q.query(
    `SELECT c.relname AS table, i.relname AS name, pg_get_indexdef(i.oid) AS def, con.contype AS constraint
       FROM pg_index x
       JOIN pg_class c ON c.oid = x.indrelid
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.oid AND con.contype IN ('p', 'u')
      WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])
      ORDER BY c.relname, i.relname`,
    [REBUILT_TABLES],
  );
  return rows;
}

const inSchema = (def: string, schema: string) => def.replace(/ ON (?:public\.)?(\w+) /, ` ON ${schema}.$1 `);

/**
 * Empty copies of the live tables in REBUILD_SCHEMA: columns and defaults (`rm_alerts.seq` draws from the live
 * table's sequence, so stream positions never collide), and only the keys the upserts need. The other indexes
 * (GIN over arrays among them) are built once the copy has caught up (`buildIndexes`): cheaper than keeping them
 * up to date through hundreds of thousands of upserts. UNLOGGED while they fill (no WAL for every upsert's row
 * versions); `makeDurable` logs them once, as they are, before they are indexed and swapped in.
 */
export async function createRebuildTables(q: EntityManager): Promise<void> {
  await q.query(`DROP SCHEMA IF EXISTS ${REBUILD_SCHEMA} CASCADE`);
  await q.query(`CREATE SCHEMA ${REBUILD_SCHEMA}`);
  await q.query(`CREATE UNLOGGED TABLE ${SENTINEL} (since timestamptz NOT NULL)`);
  await q.query(`INSERT INTO ${SENTINEL} VALUES (now())`);
  for (const table of REBUILT_TABLES)
    await q.query(`CREATE UNLOGGED TABLE ${REBUILD_SCHEMA}.${table} (LIKE public.${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  for (const index of (await liveIndexes(q)).filter((i) => i.constraint)) {
    await q.query(inSchema(index.def, REBUILD_SCHEMA));
    const kind = index.constraint === 'p' ? 'PRIMARY KEY' : 'UNIQUE';
    await q.query(`ALTER TABLE ${REBUILD_SCHEMA}.${index.table} ADD CONSTRAINT ${index.name} ${kind} USING INDEX ${index.name}`);
  }
}

/**
 * How many of the copy's tables are made durable, and of its indexes built, at once: each statement is one
 * PostgreSQL backend's work (a GIN build is not parallel), so two keep both cores of a small machine busy.
 */
export const FINISHING_AT_ONCE = 2;

/** Runs `work` for every item, at most `limit` at once; rejects with the first failure once those running have ended. */
export async function atMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: Error | undefined;
  const lane = async () => {
    while (next < items.length && failure === undefined) {
      const item = items[next++];
      await work(item).catch((err: unknown) => (failure ??= err instanceof Error ? err : new Error(String(err))));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}

/**
 * Makes the copy durable: SET LOGGED writes each table to the WAL once, as it now is, with its keys (the other
 * indexes come after, on the logged tables). Each table in its own transaction (it holds an exclusive lock on it),
 * FINISHING_AT_ONCE at a time.
 */
export async function makeDurable(dataSource: DataSource): Promise<void> {
  await atMost(FINISHING_AT_ONCE, REBUILT_TABLES, (table) =>
    dataSource.transaction(async (q) => {
      await unbounded(q);
      await q.query(`ALTER TABLE ${REBUILD_SCHEMA}.${table} SET LOGGED`);
    }),
  );
}

/** Throws when PostgreSQL recovered from a crash since the copy was created (see SENTINEL). */
async function checkNoCrash(q: EntityManager): Promise<void> {
  const rows: unknown[] = await q.query(`SELECT 1 FROM ${SENTINEL}`);
  if (rows.length === 0)
    throw new Error('PostgreSQL recovered from a crash during the rebuild: its copy may miss events; start the rebuild again');
}

/**
 * The live tables' other indexes, on the copy (same names): each in its own transaction, FINISHING_AT_ONCE at a
 * time, with more memory for its sort than the server's default (GIN builds gain most); then the copy is analysed.
 */
export async function buildIndexes(dataSource: DataSource): Promise<void> {
  const indexes = (await liveIndexes(dataSource.manager)).filter((i) => !i.constraint);
  // The largest first, so the last to finish is a small one rather than two lanes waiting on one GIN build.
  const sizes = new Map<string, number>(
    (
      await dataSource.query<{ table: string; bytes: string }[]>(
        `SELECT c.relname AS table, pg_relation_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
        [REBUILD_SCHEMA, REBUILT_TABLES],
      )
    ).map((r) => [r.table, Number(r.bytes)]),
  );
  indexes.sort((a, b) => (sizes.get(b.table) ?? 0) - (sizes.get(a.table) ?? 0));
  await atMost(FINISHING_AT_ONCE, indexes, (index) =>
    dataSource.transaction(async (q) => {
      await unbounded(q);
      await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      await q.query(inSchema(index.def, REBUILD_SCHEMA));
    }),
  );
  await dataSource.transaction(async (q) => {
    await unbounded(q);
    await q.query(`ANALYZE ${REBUILT_TABLES.map((t) => `${REBUILD_SCHEMA}.${t}`).join(', ')}`);
  });
}

/**
 * Swaps the table sets in one transaction (the caller's): the rebuilt tables and their ledger move into `public` and
 * the live ones to PREVIOUS_SCHEMA, by renaming (its time does not grow with the model). The live consumer, resuming
 * from its own offsets, skips by event id what the rebuild already applied: the rebuilt ledger is its ledger now.
 * Readers wait for the swap's locks for its few milliseconds and then read the new tables; nothing answers from a
 * half-built model.
 */
export async function swapTableSets(q: EntityManager): Promise<void> {
  await unbounded(q);
  // Read in the swap's transaction: the swap's own commit is synchronous, so every earlier commit of the copy is flushed with it.
  await checkNoCrash(q);
  // First what readers never touch (the live consumer is paused): the previous copy, stream positions.
  await q.query(`DROP SCHEMA IF EXISTS ${PREVIOUS_SCHEMA} CASCADE`);
  await q.query(`CREATE SCHEMA ${PREVIOUS_SCHEMA}`);
  // An alert the live model had keeps its stream position (a client's Last-Event-ID stays meaningful).
  await q.query(
    `UPDATE ${REBUILD_SCHEMA}.rm_alerts r SET seq = l.seq FROM public.rm_alerts l WHERE l.alert_id = r.alert_id AND r.seq <> l.seq`,
  );
  // Then the renames, with the live tables locked in one statement so no reader slips between two of them.
  await q.query(`LOCK TABLE ${REBUILT_TABLES.map((t) => `public.${t}`).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const [{ seq }]: { seq: string }[] = await q.query(`SELECT pg_get_serial_sequence('public.rm_alerts', 'seq') AS seq`);
  // The sequence belongs to the live table; freed, it stays in public and goes on with the rebuilt one.
  await q.query(`ALTER SEQUENCE ${seq} OWNED BY NONE`);
  for (const table of REBUILT_TABLES) {
    await q.query(`ALTER TABLE public.${table} SET SCHEMA ${PREVIOUS_SCHEMA}`);
    await q.query(`ALTER TABLE ${REBUILD_SCHEMA}.${table} SET SCHEMA public`);
  }
  await q.query(`ALTER SEQUENCE ${seq} OWNED BY public.rm_alerts.seq`);
  await q.query(`DROP TABLE ${SENTINEL}`);
  await q.query(`DROP SCHEMA ${REBUILD_SCHEMA}`);
  // Streams look for alerts after their cursor; wake them for what the rebuild raised anew.
  await q.query(`SELECT pg_notify($1, t.trust_id::text) FROM (SELECT DISTINCT trust_id FROM public.rm_alerts) t`, [ALERT_CHANNEL]);
  await notifyChanged(q, ['*']);
}

/** A rebuild that failed or was abandoned leaves nothing behind (its ledger is in its schema). */
export async function dropRebuild(q: EntityManager): Promise<void> {
  await q.query(`DROP SCHEMA IF EXISTS ${REBUILD_SCHEMA} CASCADE`);
}
