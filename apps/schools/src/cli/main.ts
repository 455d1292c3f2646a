// Entry of `npm run import` (built to dist/apps/schools/apps/schools/src/cli/main.js). See import-cli.ts.
import { runImportCli } from './import-cli';

const stop = new AbortController();
// The first Ctrl-C stops the upload or stops following the import; a second one ends the process at once.
process.once('SIGINT', () => {
  stop.abort();
  process.once('SIGINT', () => process.exit(130));
});

void runImportCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: stop.signal }).then(
  (code) => {
    process.exitCode = code;
  },
);
