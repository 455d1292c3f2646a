// Run by contract-validation.bench.ts in a plain Node process, the way a built service runs: inside
// jest's VM context every global lookup of the generated validators costs several times more
// (measured: about 10× for the compiled path), which would measure jest, not the check.
// TypeScript is transpiled on load (no build needed). Prints one JSON line.
const ts = require('typescript');
const fs = require('node:fs');
const path = require('node:path');
require.extensions['.ts'] = (module, filename) => {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true };
  module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions }).outputText, filename);
};
const root = path.join(__dirname, '..');
const contracts = require(path.join(root, 'libs/common/src/events/index.ts'));
const { validSample } = require(path.join(root, 'libs/common/src/events/contract-samples.ts'));

const ROUND_MS = Number(process.env.BENCH_VALIDATION_ROUND_MS ?? 1000);
const ROUNDS = 5;
const samples = Object.entries(contracts.EVENT_CATALOGUE).map(([type, def]) => ({ type, data: validSample(def.data) }));

/** Validations per second of `check` over every event's sample in turn, for about ROUND_MS. */
function rate(check) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ROUND_MS) {
    for (const s of samples) {
      if (!check(s.type, s.data)) throw new Error(`${s.type}: its valid sample was refused`);
      n++;
    }
    now = performance.now();
  }
  return n / ((now - start) / 1000);
}

const paths = {
  'class-validator (plainToInstance + validateSync)': (type, data) => contracts.classValidatorProblems(type, data).length === 0,
  'compiled (ajv, derived JSON Schema)': (type, data) => contracts.dataCheck(type)(data),
  'validateEventData (what Outbox.record and parseEvent run)': (type, data) => contracts.validateEventData(type, data).length === 0,
};
for (const check of Object.values(paths)) rate(check); // warm-up: JIT, caches
const rounds = Object.fromEntries(Object.keys(paths).map((k) => [k, []]));
// Alternating rounds: both paths see the same moments of a shared machine.
for (let r = 0; r < ROUNDS; r++) for (const [name, check] of Object.entries(paths)) rounds[name].push(rate(check));
process.stdout.write(JSON.stringify({ roundMs: ROUND_MS, rounds, eventTypes: samples.map((s) => s.type) }) + '\n');
