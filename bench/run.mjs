// `npm run bench [-- --rows N] [-- --profile]`: runs the benchmarks in bench/ (not part of `npm test`).
// Starts what they need (PostgreSQL, the project's Kafka broker via scripts/kafka.sh), then runs the
// *.bench.ts files with jest under --experimental-vm-modules, the same ESM setup as the tests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDependencies, ensurePostgres, fail, ROOT, say } from '../scripts/platform.mjs';

const USAGE = `Usage: npm run bench [-- [--rows N] [--changed SHARE] [--profile] [jest args…]]
  --rows N          rows in the generated GIAS extract [50000] (env BENCH_ROWS)
  --changed SHARE   share of schools changed in the "newer extract" phase [0.1] (env BENCH_CHANGED_SHARE)
  --profile         also run a profiled import and report CPU self time by package and function (env BENCH_PROFILE=1)`;

const env = { ...process.env };
const jestArgs = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => {
    const v = args[++i];
    if (v === undefined) fail(`${a} needs a value\n${USAGE}`);
    return v;
  };
  if (a === '--help' || a === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else if (a === '--rows') env.BENCH_ROWS = value();
  else if (a === '--changed') env.BENCH_CHANGED_SHARE = value();
  else if (a === '--profile') env.BENCH_PROFILE = '1';
  else jestArgs.push(a);
}
if (env.BENCH_ROWS && !/^\d+$/.test(env.BENCH_ROWS)) fail(`--rows must be a whole number\n${USAGE}`);

ensureDependencies();
await ensurePostgres();
if (!env.TEST_KAFKA_BROKERS || env.TEST_KAFKA_BROKERS === '127.0.0.1:9092') {
  say('starting Kafka (bash scripts/kafka.sh start; reuses a running broker)…');
  const kafka = spawnSync('bash', [join(ROOT, 'scripts', 'kafka.sh'), 'start'], { cwd: ROOT, stdio: 'inherit' });
  if (kafka.status !== 0) fail('Kafka did not start; see above');
}

say('running the benchmarks…');
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    '--expose-gc',
    join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--config', join(ROOT, 'jest.config.cjs'),
    '--roots', '<rootDir>/bench',
    '--testRegex', '\\.bench\\.ts$',
    '--runInBand',
    '--testTimeout', String(60 * 60 * 1000),
    ...jestArgs,
  ],
  { cwd: ROOT, stdio: 'inherit', env: { ...env, CI: env.CI ?? 'false' } },
);
process.exit(result.status ?? 1);
