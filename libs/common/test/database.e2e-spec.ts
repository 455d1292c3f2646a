import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import {
  allStatements,
  COUNTED_PER_CONNECTION,
  poolOptions,
  PREPARE_AFTER_USES,
  PREPARED_PER_CONNECTION,
  PreparingClient,
  runMigrationsExclusively,
} from '../src';
import { testEnvironment } from '../src/testing';

/** A slow migration that would fail if two replicas ran it at once (the second CREATE TABLE). */
class SlowMigration1764900000999 implements MigrationInterface {
  name = 'SlowMigration1764900000999';
  async up(q: QueryRunner) {
    await q.query(`SELECT pg_sleep(1)`);
    await q.query(`CREATE TABLE migrated_once (id int)`);
  }
  async down(q: QueryRunner) {
    await q.query(`DROP TABLE migrated_once`);
  }
}

describe('PostgreSQL settings', () => {
  const env = testEnvironment('database');
  const url = env.databaseUrl('db');
  const timeouts = { statementTimeoutMs: 700, lockTimeoutMs: 300, idleInTransactionTimeoutMs: 5000 };
  const sources: DataSource[] = [];
  const open = async () => {
    const ds = await new DataSource({
      type: 'postgres',
      url,
      migrations: [SlowMigration1764900000999],
      extra: poolOptions(timeouts),
      logging: false,
    }).initialize();
    sources.push(ds);
    return ds;
  };

  /** A connection of its own (PreparingClient, as the pool's), ended after `use`. */
  const withClient = async (use: (client: InstanceType<typeof PreparingClient>) => Promise<void>) => {
    const client = new PreparingClient({ connectionString: url });
    await client.connect();
    try {
      await use(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => env.createDatabases('db'));
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy().catch(() => undefined)));
    await env.cleanup();
  });

  it('migrates once when replicas start together (an advisory lock), and without the statement timeout', async () => {
    const replicas = await Promise.all([open(), open(), open()]);
    const ran = await Promise.all(replicas.map((ds) => runMigrationsExclusively(ds, url)));
    expect([...ran].sort()).toEqual([0, 0, 1]);
    const [{ n }] = await replicas[0].query(`SELECT count(*)::int AS n FROM migrations WHERE name = 'SlowMigration1764900000999'`);
    expect(n).toBe(1);
  });

  it('sets statement, lock and idle-in-transaction timeouts on every connection', async () => {
    const ds = await open();
    const [settings] = await ds.query(
      `SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i`,
    );
    expect(settings).toEqual({ s: '700ms', l: '300ms', i: '5s' });
    await expect(ds.query(`SELECT pg_sleep(3)`)).rejects.toMatchObject({ driverError: { code: '57014' } }); // cancelled by statement_timeout

    // A lock wait gives up after lock_timeout instead of queueing behind the holder.
    await ds.query(`CREATE TABLE locked (id int PRIMARY KEY)`);
    await ds.query(`INSERT INTO locked VALUES (1)`);
    const holder = ds.createQueryRunner();
    await holder.startTransaction();
    await holder.query(`SELECT * FROM locked WHERE id = 1 FOR UPDATE`);
    await expect(ds.query(`UPDATE locked SET id = 1 WHERE id = 1`)).rejects.toMatchObject({ driverError: { code: '55P03' } });
    await holder.rollbackTransaction();
    await holder.release();
  });

  it('prepares what a connection runs again and again (parameterised texts only, after a few uses), and gives the same answers', async () => {
    const ds = await open();
    const runner = ds.createQueryRunner();
    await runner.connect();
    const prepared = async () =>
      ((await runner.query(`SELECT statement FROM pg_prepared_statements ORDER BY statement`)) as { statement: string }[]).map(
        (r) => r.statement,
      );
    try {
      const often = `SELECT $1::int + 1 AS n`;
      for (let i = 0; i < PREPARE_AFTER_USES - 1; i++) expect(await runner.query(often, [i])).toEqual([{ n: i + 1 }]);
      expect(await prepared()).toEqual([]); // not yet: one-off texts are never prepared
      for (let i = 0; i < 5; i++) expect(await runner.query(often, [i * 10])).toEqual([{ n: i * 10 + 1 }]);
      await runner.query(`SELECT $1::text AS once`, ['x']);
      for (let i = 0; i < 5; i++) await runner.query(`SELECT 2 AS unparameterised`);
      expect(await prepared()).toEqual([often]);
      // A failure in a prepared statement is the statement's own, and the connection goes on.
      await expect(runner.query(often, ['not a number'])).rejects.toMatchObject({ driverError: { code: '22P02' } });
      expect(await runner.query(often, [41])).toEqual([{ n: 42 }]);
    } finally {
      await runner.release();
    }
  });

  it('prepares afresh a statement whose result columns a migration changed under it (after one failed run)', async () => {
    const ds = await open();
    await ds.query(`CREATE TABLE reshaped (id int PRIMARY KEY, name text)`);
    await ds.query(`INSERT INTO reshaped VALUES (1, 'one')`);
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      const read = `SELECT * FROM reshaped WHERE id = $1`;
      for (let i = 0; i < PREPARE_AFTER_USES + 1; i++) expect(await runner.query(read, [1])).toEqual([{ id: 1, name: 'one' }]);
      await ds.query(`ALTER TABLE reshaped ADD COLUMN phase text NOT NULL DEFAULT 'primary'`); // another replica's migration
      await expect(runner.query(read, [1])).rejects.toMatchObject({ driverError: { code: '0A000' } });
      expect(await runner.query(read, [1])).toEqual([{ id: 1, name: 'one', phase: 'primary' }]);
    } finally {
      await runner.release();
    }
  });

  it('counts at most COUNTED_PER_CONNECTION one-off texts (pages with their LIMIT written in), and still prepares a text run often', async () => {
    await withClient(async (client) => {
      for (let page = 0; page < COUNTED_PER_CONNECTION + 50; page++)
        await client.query(`SELECT $1::int AS n LIMIT 1 OFFSET ${page}`, [page]);
      for (let i = 0; i < PREPARE_AFTER_USES; i++) await client.query(`SELECT $1::int AS often`, [i]);
      const { rows } = await client.query(`SELECT statement FROM pg_prepared_statements`);
      expect(rows).toEqual([{ statement: `SELECT $1::int AS often` }]);
    });
  });

  it('sends statements issued together at once (pipelined), and answers each in the order issued, prepared or not', async () => {
    await withClient(async (client) => {
      const issued = Array.from({ length: 20 }, (_, i) => client.query(`SELECT $1::int AS n`, [i]));
      // All went out before the first answer came back: none waits in the client's own queue.
      expect((client as unknown as { _queryQueue: unknown[] })._queryQueue).toHaveLength(0);
      const answers = await Promise.all(issued);
      expect(answers.map((a) => (a.rows as { n: number }[])[0].n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      const { rows } = await client.query(`SELECT statement FROM pg_prepared_statements`);
      expect(rows).toEqual([{ statement: `SELECT $1::int AS n` }]); // prepared once, on its third use, while pipelined
    });
  });

  it('a failure among statements issued together fails their transaction: allStatements throws it, nothing is kept, the connection goes on', async () => {
    const ds = await open();
    await ds.query(`CREATE TABLE pipelined (id int PRIMARY KEY)`);
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const statements = [
        runner.query(`INSERT INTO pipelined VALUES ($1)`, [1]),
        runner.query(`SELECT 1 / $1::int AS never`, [0]),
        runner.query(`INSERT INTO pipelined VALUES ($1)`, [2]),
      ];
      await expect(allStatements(statements)).rejects.toMatchObject({ driverError: { code: '22012' } }); // division by zero
      // Every statement had its answer before allStatements threw: the one after the failure was refused.
      const settled = await Promise.allSettled(statements);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
      expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ driverError: { code: '25P02' } }); // transaction aborted
      await runner.rollbackTransaction();
      expect(await runner.query(`SELECT count(*)::int AS n FROM pipelined`)).toEqual([{ n: 0 }]);
      await allStatements([runner.query(`INSERT INTO pipelined VALUES ($1)`, [3]), runner.query(`INSERT INTO pipelined VALUES ($1)`, [4])]);
      expect(await runner.query(`SELECT array_agg(id ORDER BY id) AS ids FROM pipelined`)).toEqual([{ ids: [3, 4] }]);
    } finally {
      await runner.release();
    }
  });

  it('prepares at most PREPARED_PER_CONNECTION statements on one connection', async () => {
    await withClient(async (client) => {
      for (let s = 0; s < PREPARED_PER_CONNECTION + 5; s++)
        for (let i = 0; i < PREPARE_AFTER_USES; i++) await client.query(`SELECT $1::int AS statement_${s}`, [i]);
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM pg_prepared_statements`)).rows as { n: number }[];
      expect(n).toBe(PREPARED_PER_CONNECTION);
      expect((await client.query(`SELECT $1::int AS statement_${PREPARED_PER_CONNECTION + 4}`, [7])).rows).toEqual([
        { [`statement_${PREPARED_PER_CONNECTION + 4}`]: 7 },
      ]);
    });
  });
});
