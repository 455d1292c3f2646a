"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseUnavailableError = void 0;
exports.parseDatabaseUrl = parseDatabaseUrl;
exports.ensureDatabase = ensureDatabase;
exports.dropDatabase = dropDatabase;
const pg_1 = require("pg");
class DatabaseUnavailableError extends Error {
}
exports.DatabaseUnavailableError = DatabaseUnavailableError;
/** Splits a PostgreSQL URL into the server's maintenance URL and the database name. */
function parseDatabaseUrl(url) {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!/^[A-Za-z0-9_]+$/.test(database))
        throw new Error(`database name "${database}" must be letters, digits and _`);
    parsed.pathname = '/postgres';
    return { adminUrl: parsed.toString(), database };
}
/** Creates the database named in `url` if it does not exist. Says clearly when no server answers. */
async function ensureDatabase(url) {
    const { adminUrl, database } = parseDatabaseUrl(url);
    const client = new pg_1.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    try {
        await client.connect();
    }
    catch (err) {
        const host = new URL(url).host;
        throw new DatabaseUnavailableError(`No PostgreSQL server answers at ${host} (${err.message}). Start it (e.g. pg_ctlcluster 15 main start) or set DATABASE_URL.`);
    }
    try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (rowCount)
            return false;
        try {
            await client.query(`CREATE DATABASE "${database}"`);
        }
        catch (err) {
            // Another process created it at the same moment.
            if (err.code !== '42P04' && err.code !== '23505')
                throw err;
        }
        return true;
    }
    finally {
        await client.end();
    }
}
/** Drops a database (tests clean up after themselves). */
async function dropDatabase(url) {
    const { adminUrl, database } = parseDatabaseUrl(url);
    const client = new pg_1.Client({ connectionString: adminUrl });
    await client.connect();
    try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
    finally {
        await client.end();
    }
}
//# sourceMappingURL=ensure-database.js.map