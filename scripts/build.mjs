// `npm run build`: builds every service (or the ones named: `npm run build -- schools`).
import { buildApps, SERVICES } from './platform.mjs';

const names = process.argv.slice(2);
buildApps(names.length ? names : SERVICES.map((s) => s.name));
