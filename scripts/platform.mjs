// Shared by `npm start` and `npm test`: installs and starts what the platform needs on this machine.
// Only Node's standard library here: this runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The five services, their ports and databases, as `npm start` runs them. */
export const SERVICES = [
  { name: 'schools', port: 3001 },
  { name: 'people', port: 3002 },
  { name: 'improvement', port: 3003 },
  { name: 'cpd', port: 3004 },
  { name: 'gateway', port: 3000 },
];

export const POSTGRES_URL = (process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

/** The platform administrator `npm start` creates on a fresh database (a demo password; set your own in the environment). */
export const BOOTSTRAP_ADMIN = {
  email: process.env.BOOTSTRAP_ADMIN_EMAIL ?? 'platform@trustwide.demo',
  password: process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'copper lantern harbour meadow',
};

export function say(message) {
  process.stdout.write(`\x1b[36m[trustwide]\x1b[0m ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\x1b[31m[trustwide]\x1b[0m ${message}\n`);
  process.exit(1);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) fail(`${command} could not run: ${result.error.message}`);
  return result.status ?? 1;
}

/** npm dependencies: installed when missing or older than the lock file. */
export function ensureDependencies() {
  const marker = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)…');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) fail('npm ci failed; see above');
}

function portOpen(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** PostgreSQL: uses the server at POSTGRES_URL; starts the local cluster if it is installed but stopped. */
export async function ensurePostgres() {
  const url = new URL(POSTGRES_URL);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 5432);
  if (await portOpen(host, port)) return;
  const local = ['127.0.0.1', 'localhost', '::1'].includes(host);
  if (local && spawnSync('which', ['pg_ctlcluster']).status === 0) {
    const clusters = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((c) => c.length >= 4 && c[2] === String(port));
    for (const [version, name] of clusters) {
      say(`starting the local PostgreSQL cluster ${version}/${name}…`);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start'], { stdio: 'inherit' });
    }
    for (let i = 0; i < 30 && !(await portOpen(host, port)); i++) await new Promise((r) => setTimeout(r, 500));
    if (await portOpen(host, port)) return;
  }
  fail(
    `No PostgreSQL server answers at ${host}:${port}. Install and start one (Debian: apt-get install postgresql; ` +
      `pg_ctlcluster 15 main start), or point POSTGRES_URL at yours (e.g. postgres://postgres@db.example:5432).`,
  );
}

/** Kafka: starts the project's own broker (scripts/kafka.sh) unless KAFKA_BROKERS points elsewhere and answers. */
export async function ensureKafka() {
  const [host, port] = KAFKA_BROKERS.split(',')[0].split(':');
  if (await portOpen(host, Number(port))) return { startedHere: false };
  if (KAFKA_BROKERS !== '127.0.0.1:9092') fail(`No Kafka broker answers at ${KAFKA_BROKERS} (KAFKA_BROKERS).`);
  say('starting Kafka (scripts/kafka.sh start; the first run fetches the broker from Maven Central)…');
  if (run('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'start']) !== 0) fail('Kafka did not start; see above');
  return { startedHere: true };
}

export function stopKafka() {
  run('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'stop']);
}

/** The dashboard's browser tests drive Debian's Chromium; installed here when missing (apt, as root). */
export function ensureChromium(path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') {
  if (existsSync(path)) return;
  if (process.getuid?.() !== 0 || spawnSync('which', ['apt-get']).status !== 0)
    fail(
      `The dashboard's browser tests need Chromium at ${path}: install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  say('installing Chromium for the browser tests (apt-get install chromium)…');
  if (
    run('apt-get', ['update']) !== 0 ||
    run('apt-get', ['install', '-y', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0
  )
    fail('apt-get could not install chromium; see above');
  if (!existsSync(path)) fail(`chromium was installed but ${path} is missing; set CHROMIUM_PATH`);
}

/** Builds the apps with the Nest CLI (tsc builder). */
export function buildApps(names = SERVICES.map((s) => s.name)) {
  for (const name of names) {
    const status = run(process.execPath, [join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build', name], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    if (status !== 0) fail(`building ${name} failed`);
  }
  // The gateway serves the dashboard, so building the gateway builds it too.
  if (names.includes('gateway')) buildWeb();
}

/** Builds the dashboard (web/, Vite) into dist/web. */
export function buildWeb() {
  const status = run(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'web', 'vite.config.mts'), '--logLevel', 'warn'],
    {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    },
  );
  if (status !== 0) fail('building the dashboard (web/) failed');
}

export const entryPoint = (name) => join(ROOT, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');

/** The environment `npm start` gives each service (docker-compose.yml sets the same variables). */
export function serviceEnv(name, { prefix = '', postgres = POSTGRES_URL, brokers = KAFKA_BROKERS, db = (n) => `trustwide_${n}` } = {}) {
  const port = SERVICES.find((s) => s.name === name).port;
  const env = {
    PORT: String(port),
    DATABASE_URL: `${postgres}/${db(name)}`,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  // Sign-in is required everywhere: the services take only callers the gateway vouched for (its JWKS).
  env.AUTH_REQUIRED = 'true';
  const gatewayPort = SERVICES.find((s) => s.name === 'gateway').port;
  if (name === 'gateway') {
    for (const s of SERVICES.filter((s) => s.name !== 'gateway')) env[`${s.name.toUpperCase()}_URL`] = `http://127.0.0.1:${s.port}`;
    env.BOOTSTRAP_ADMIN_EMAIL = BOOTSTRAP_ADMIN.email;
    env.BOOTSTRAP_ADMIN_PASSWORD = BOOTSTRAP_ADMIN.password;
    // The gateway's port is the public one: its /metrics is on a port of its own, on this machine only.
    env.METRICS_PORT = '9464';
    env.METRICS_HOST = '127.0.0.1';
  } else {
    env.GATEWAY_JWKS_URL = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
  }
  // The scheduled run (reports due and overdue, plans at risk) every minute rather than hourly, so the demo trust's
  // overdue interim report shows in the overview and the alerts within a minute of loading it.
  if (name === 'improvement') env.IMPROVEMENT_SCHEDULE_INTERVAL_MS = process.env.IMPROVEMENT_SCHEDULE_INTERVAL_MS ?? '60000';
  return env;
}
