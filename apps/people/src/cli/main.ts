// Entry of `npm run import:staff` (built to dist/apps/people/apps/people/src/cli/main.js). See staff-import-cli.ts.
import { runStaffImportCli } from './staff-import-cli';

void runStaffImportCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
