// `npm test`: every test, against a real Kafka broker and real PostgreSQL that it starts itself.
// Extra arguments go to jest, e.g. `npm test -- apps/schools`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildApps,
  ensureChromium,
  ensureDependencies,
  ensureKafka,
  ensurePostgres,
  fail,
  KAFKA_BROKERS,
  POSTGRES_URL,
  ROOT,
  run,
  say,
} from './platform.mjs';

const jestArgs = process.argv.slice(2);

ensureDependencies();
await ensurePostgres();
await ensureKafka();
ensureChromium();

say('type-checking…');
if (run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.spec.json', '--noEmit']) !== 0) {
  fail('type errors; see above');
}
if (run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join('web', 'tsconfig.json'), '--noEmit']) !== 0) {
  fail('type errors in the dashboard (web/); see above');
}
say('linting (ESLint, type-aware) and checking the formatting (Prettier)…');
if (run('npm', ['run', '--silent', 'lint']) !== 0) fail('lint errors; see above');
if (run('npm', ['run', '--silent', 'format:check']) !== 0) fail('files not formatted; see above (npm run format writes them)');
say('building the services (the platform test runs the built apps)…');
buildApps();

mkdirSync(join(ROOT, '.run'), { recursive: true });
say('running jest…');
const results = join(ROOT, '.run', 'jest-results.json');
rmSync(results, { force: true }); // never report an earlier run's numbers
const status = run(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
    '--json',
    `--outputFile=${results}`,
    ...jestArgs,
  ],
  // The suites use the server and broker prepared above (each with its own databases and topics).
  { env: { ...process.env, CI: process.env.CI ?? 'false', TEST_POSTGRES_URL: POSTGRES_URL, TEST_KAFKA_BROKERS: KAFKA_BROKERS } },
);
// One plain closing line, whatever the runner prints above it.
if (existsSync(results)) {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(results, 'utf8'));
  process.stdout.write(
    `\ntests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}\n`,
  );
}
process.exit(status);
