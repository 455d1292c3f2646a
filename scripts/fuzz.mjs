#!/usr/bin/env node
// `npm run fuzz -- --runs N --seed S [paths…]`: the property-based API tests (every */test/fuzz.e2e-spec.ts)
// with a larger budget and a seed of your choosing. A failure prints the seed and path that reproduce it;
// `--path P` replays that one case.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const take = (name, pattern = /^-?\d+$/) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  if (value === undefined || !pattern.test(value)) {
    console.error(`${name} needs a whole number`);
    process.exit(2);
  }
  return value;
};
const runs = take('--runs') ?? '2000';
const seed = take('--seed') ?? String(Date.now() % 2 ** 31);
const path = take('--path', /^[\d:]+$/) ?? '';
const paths = args.length > 0 ? args : ['fuzz\\.e2e-spec\\.ts$'];
console.log(`fuzz: ${runs} runs per service, seed ${seed}`);
const result = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    'node_modules/jest/bin/jest.js',
    '--testTimeout',
    '3600000',
    ...paths,
  ],
  { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_PATH: path } },
);
if (result.status !== 0) console.error(`fuzz failed; run it again with: npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(result.status ?? 1);
