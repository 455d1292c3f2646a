// `npm run outbox -- <command> <service> [...]`: what an operator needs for a service's outbox.
// Works against the service's database: DATABASE_URL if set, else $POSTGRES_URL/trustwide_<service>.
// Parked rows are events the broker refused for good (see libs/common/src/outbox/outbox-relay.ts); the
// later events of the same aggregate wait behind a parked row, every other aggregate goes on.
import pg from 'pg';

const USAGE = `usage: npm run outbox -- <command> <service> [arguments]
  stats   <service>                 unsent rows, parked rows, age of the oldest unsent row
  list    <service> [--json]        parked rows: id, parked at, event type, aggregate key, bytes, error
  resend  <service> <id>... | --all un-park: the relay sends them again, then their aggregate's later events
  discard <service> <id>...         give up on parked rows (kept, marked sent): their aggregate goes on without them
The database is DATABASE_URL if set, else $POSTGRES_URL/trustwide_<service> (POSTGRES_URL defaults to postgres://postgres@127.0.0.1:5432).`;

const OUTBOX_CHANNEL = 'trustwide_outbox'; // libs/common/src/outbox/outbox.ts

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

const [command, service, ...rest] = process.argv.slice(2);
if (!command || command === 'help' || command === '--help') {
  process.stdout.write(`${USAGE}\n`);
  process.exit(command ? 0 : 2);
}
if (!['stats', 'list', 'resend', 'discard'].includes(command)) fail(`unknown command "${command}"\n${USAGE}`);
if (!service || !/^[a-z][a-z0-9_-]*$/.test(service)) fail(`name the service (schools, people, …)\n${USAGE}`);

const server = (process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const databaseUrl = process.env.DATABASE_URL || `${server}/trustwide_${service}`;
const all = rest.includes('--all');
const json = rest.includes('--json');
const ids = rest.filter((a) => !a.startsWith('--'));
for (const id of ids)
  if (!/^\d{1,19}$/.test(id)) fail(`"${id}" is not an outbox row id (a whole number; see npm run outbox -- list ${service})`);

const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
} catch (err) {
  fail(`cannot reach the database of ${service} at ${new URL(databaseUrl).host}: ${err.message}`);
}

try {
  if (command === 'stats') {
    const { rows } = await client.query(
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS unsent,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              coalesce(round(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL))), 0)::int AS "oldestUnsentAgeSeconds"
       FROM outbox_events WHERE sent_at IS NULL`,
    );
    process.stdout.write(`${JSON.stringify(rows[0])}\n`);
  } else if (command === 'list') {
    const { rows } = await client.query(
      `SELECT id::text, parked_at AS "parkedAt", event_type AS "eventType", topic, message_key AS "key",
              coalesce(payload_bytes, octet_length(payload::text)) AS bytes, attempts, last_error AS error,
              (SELECT count(*)::int FROM outbox_events w
                WHERE w.sent_at IS NULL AND w.parked_at IS NULL AND w.topic = o.topic AND w.message_key = o.message_key AND w.id > o.id) AS "waitingBehind"
       FROM outbox_events o WHERE parked_at IS NOT NULL AND sent_at IS NULL ORDER BY id`,
    );
    if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
    else if (rows.length === 0) process.stdout.write(`no parked events in ${service}\n`);
    else {
      for (const r of rows) {
        process.stdout.write(
          `${r.id}\t${r.parkedAt.toISOString()}\t${r.eventType}\tkey ${r.key}\t${r.bytes} bytes\t${r.waitingBehind} waiting behind\t${r.error}\n`,
        );
      }
      process.stdout.write(`${rows.length} parked; resend with: npm run outbox -- resend ${service} <id>... | --all\n`);
    }
  } else {
    if (!all && ids.length === 0)
      fail(`name the rows to ${command} (ids from npm run outbox -- list ${service})${command === 'resend' ? ', or --all' : ''}`);
    if (command === 'discard' && all) fail('discard takes ids, one decision per event; --all is for resend only');
    const which = all ? 'TRUE' : 'id = ANY($1::bigint[])';
    const params = all ? [] : [ids];
    const sql =
      command === 'resend'
        ? `UPDATE outbox_events SET parked_at = NULL WHERE parked_at IS NOT NULL AND sent_at IS NULL AND ${which} RETURNING id::text`
        : `UPDATE outbox_events SET sent_at = now(), last_error = coalesce(last_error, '') || ' [discarded by an operator]'
           WHERE parked_at IS NOT NULL AND sent_at IS NULL AND ${which} RETURNING id::text`;
    const { rows } = await client.query(sql, params);
    const done = rows.map((r) => r.id);
    const missing = ids.filter((id) => !done.includes(String(BigInt(id))));
    // Wakes the relay at once (it also polls).
    if (command === 'resend' && done.length > 0) await client.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    process.stdout.write(`${command === 'resend' ? 'resent' : 'discarded'} ${done.length}${done.length ? `: ${done.join(', ')}` : ''}\n`);
    if (missing.length > 0) {
      process.stderr.write(`not parked (or no such row): ${missing.join(', ')}\n`);
      process.exitCode = 1;
    }
  }
} finally {
  await client.end();
}
