import { Client } from 'pg';

export class DatabaseUnavailableError extends Error {}

/** Splits a PostgreSQL URL into the server's maintenance URL and the database name. */
export function parseDatabaseUrl(url: string): { adminUrl: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`database name "${database}" must be letters, digits and _`);
  parsed.pathname = '/postgres';
  return { adminUrl: parsed.toString(), database };
}

/** Creates the database named in `url` if it does not exist. Says clearly when no server answers. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const { adminUrl, database } = parseDatabaseUrl(url);
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    const host = new URL(url).host;
    const code = (err as { code?: string }).code;
    if (code === '28P01' || code === '28000') {
      throw new DatabaseUnavailableError(
        `PostgreSQL at ${host} refused the login (${(err as Error).message}). Put the user and password in DATABASE_URL, e.g. postgres://postgres:secret@${host}/${database}.`,
      );
    }
    throw new DatabaseUnavailableError(
      `No PostgreSQL server answers at ${host} (${(err as Error).message}). Start it (e.g. pg_ctlcluster 15 main start) or set DATABASE_URL.`,
    );
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${database}"`);
    } catch (err) {
      // Another process created it at the same moment.
      if ((err as { code?: string }).code !== '42P04' && (err as { code?: string }).code !== '23505') throw err;
    }
    return true;
  } finally {
    await client.end();
  }
}

/** Drops a database (tests clean up after themselves). */
export async function dropDatabase(url: string): Promise<void> {
  const { adminUrl, database } = parseDatabaseUrl(url);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
