// The platform the dashboard's browser suites drive: the five built apps as `npm start` runs them (sign-in required,
// the demo trust loaded through the public API), on their own databases, topic prefix and ports. Started at most once
// per jest run, by the jest process itself (test/global-setup.mjs), the first time a browser suite asks for it, and
// shared by every browser suite: starting it and loading the demo is most of a suite's time on two cores.
// Plain JavaScript so that jest can load it in its own process, where specs' TypeScript is not compiled.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { BOOTSTRAP_ADMIN, ROOT } from '../../scripts/platform.mjs';
import { launchApp, stopApps, untilHealthy } from '../apps.mjs';

const POSTGRES = (process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const BROKERS = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The run's databases and topics, gone with the platform so the server and broker do not grow with every run. */
async function dropData(id, topicPrefix) {
  const admin = new Kafka({ clientId: 'dashboard-cleanup', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin
    .connect()
    .then(async () => {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
    })
    .catch(() => undefined)
    .finally(() => admin.disconnect());
  const client = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`trustwide_test_${id}_%`]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the five apps and loads the demo trust (scripts/demo-trust.mjs) through the gateway. Resolves to what a
 * suite needs to drive it (`info`, JSON) and a `stop` that ends the apps and drops the run's data.
 */
export async function startDashboardPlatform() {
  const id = `dashboard_${randomBytes(3).toString('hex')}`;
  const topicPrefix = `test.${id}.`;
  const appEnv = (name) => ({
    PORT: '0',
    DATABASE_URL: `${POSTGRES}/trustwide_test_${id}_${name}`,
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '3',
    OUTBOX_POLL_MS: '200',
    AUTH_REQUIRED: 'true',
    // 'info': the platform learns each app's port from its "listening" line.
    LOG_LEVEL: 'info',
  });
  const gatewayPort = await freePort();
  const base = `http://127.0.0.1:${gatewayPort}`;
  const apps = ['schools', 'people', 'improvement', 'cpd'].map((name) =>
    launchApp(name, { ...appEnv(name), GATEWAY_JWKS_URL: `${base}/.well-known/jwks.json` }),
  );
  const stop = async () => {
    await stopApps(apps);
    await dropData(id, topicPrefix);
  };
  try {
    const ports = await Promise.all(apps.map((a) => a.port));
    const gateway = launchApp('gateway', {
      ...appEnv('gateway'),
      ...Object.fromEntries(apps.map((a, i) => [`${a.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[i]}`])),
      PORT: String(gatewayPort),
      PUBLIC_URL: base,
      BOOTSTRAP_ADMIN_EMAIL: BOOTSTRAP_ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: BOOTSTRAP_ADMIN.password,
      // Every suite's browsers and API checks sign in from this one address, many times over a run.
      SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS: '10000',
    });
    apps.push(gateway);
    await Promise.all(apps.map(untilHealthy));
    const demo = await import(pathToFileURL(join(ROOT, 'scripts', 'demo-trust.mjs')).href);
    const trust = await demo.loadDemoTrust(base);
    return {
      info: { base, trustId: trust.id, users: demo.DEMO_USERS, topicPrefix, databasePrefix: `${POSTGRES}/trustwide_test_${id}_` },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
