import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { poolOptions, runMigrationsExclusively } from '../src';
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
});
