// `npm start`: Kafka, PostgreSQL databases and all five services with a demo trust; Ctrl-C stops them all.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import {
  buildApps,
  ensureDependencies,
  ensureKafka,
  ensurePostgres,
  entryPoint,
  say,
  serviceEnv,
  SERVICES,
  stopKafka,
} from './platform.mjs';

const COLOURS = { gateway: 35, schools: 32, people: 33, improvement: 34, cpd: 36 };
const children = new Map();
let stopping = false;
let kafkaStartedHere = false;

function prefixLines(name, stream, out) {
  const rl = createInterface({ input: stream });
  const tag = `\x1b[${COLOURS[name] ?? 37}m${name.padEnd(11)}\x1b[0m`;
  rl.on('line', (line) => {
    // Services log JSON; show it compactly, keeping anything that is not JSON as it is.
    let text = line;
    try {
      const entry = JSON.parse(line);
      const { time, level, service, context, msg, ...rest } = entry;
      const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
      text = `${(level ?? '').padEnd(5)} ${context ? `[${context}] ` : ''}${msg ?? ''}${extra}`;
    } catch {
      /* not JSON */
    }
    out.write(`${tag} ${text}\n`);
  });
}

function startService(name) {
  const child = spawn(process.execPath, ['--enable-source-maps', entryPoint(name)], {
    env: { ...process.env, ...serviceEnv(name) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the platform`);
      void shutdown(1);
    }
  });
}

async function waitHealthy(name, port, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return true;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping services…');
  const exits = [...children.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
  for (const child of children.values()) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000);
  await Promise.all(exits);
  clearTimeout(timer);
  if (kafkaStartedHere) {
    say('stopping Kafka (it was started by npm start)…');
    stopKafka();
  }
  say('stopped.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

ensureDependencies();
await ensurePostgres();
({ startedHere: kafkaStartedHere } = await ensureKafka());
say('building the services…');
buildApps();
for (const { name } of SERVICES) startService(name);
const results = await Promise.all(SERVICES.map(async ({ name, port }) => [name, await waitHealthy(name, port)]));
const unhealthy = results.filter(([, ok]) => !ok).map(([name]) => name);
if (unhealthy.length > 0) {
  say(`not healthy in time: ${unhealthy.join(', ')}`);
  await shutdown(1);
}
if (!stopping) {
  const { loadDemoTrust, demoSignIns } = await import('./demo-trust.mjs');
  await loadDemoTrust().catch((err) => say(`demo trust not loaded: ${err.message}`));
  say('all services are healthy:');
  for (const { name, port } of SERVICES) say(`  ${name.padEnd(12)} http://127.0.0.1:${port}/health`);
  say('open:');
  say('  dashboard     http://127.0.0.1:3000/');
  say('  API docs      http://127.0.0.1:3000/api/docs (OpenAPI: /api/docs/openapi.json)');
  say('  event docs    http://127.0.0.1:3000/api/docs/events (AsyncAPI: /api/docs/asyncapi.json)');
  say("  metrics       http://127.0.0.1:9464/metrics (the gateway's; each service on its own port: 3001/metrics…)");
  say('sign in at POST http://127.0.0.1:3000/api/auth/sign-in {"email","password"} (demo passwords: never use them elsewhere):');
  for (const u of demoSignIns()) say(`  ${u.roles.join(' + ').padEnd(70)} ${u.email.padEnd(26)} ${u.password}`);
  say('Ctrl-C stops everything.');
}
