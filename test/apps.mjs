// Built apps (dist/) as processes of their own, as `npm start` and docker-compose run them: for the browser suites'
// platform (test/dashboard/platform.mjs) and the event-to-view benchmark. Plain JavaScript, so jest can load it in
// its own process (the global setup) and TypeScript imports it by URL.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { entryPoint } from '../scripts/platform.mjs';

/**
 * Starts one app with `env` (and only PATH from this process), its last log lines kept to explain a failure. Its port
 * is `env.PORT` when that is fixed; with PORT 0 it is learnt from the app's "<name> listening" line (LOG_LEVEL info).
 */
export function launchApp(name, env, { nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, entryPoint(name)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const fixed = Number(env.PORT ?? 0);
  let resolvePort = () => undefined;
  let rejectPort = () => undefined;
  const port = fixed > 0 ? Promise.resolve(fixed) : new Promise((resolve, reject) => ((resolvePort = resolve), (rejectPort = reject)));
  port.catch(() => undefined); // rejected when it exits first; awaited (and reported) by whoever needs the port
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (fixed > 0) return;
      try {
        const logged = JSON.parse(line);
        if (logged.msg === `${name} listening` && logged.port) resolvePort(logged.port);
      } catch {
        /* not JSON */
      }
    });
  }
  child.once('exit', (code) => rejectPort(new Error(`${name} exited (${code}) before listening:\n${lines.slice(-20).join('\n')}`)));
  return { name, child, lines, port };
}

/** Waits until the app answers its /health with 200 (two minutes at most), or fails with its last lines when it exits. */
export async function untilHealthy(app) {
  const port = await app.port;
  for (let i = 0; ; i++) {
    if (app.child.exitCode !== null) throw new Error(`${app.name} exited (${app.child.exitCode}):\n${app.lines.slice(-20).join('\n')}`);
    const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
    if (res?.ok) return;
    if (i > 480) throw new Error(`${app.name} never became healthy:\n${app.lines.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stops the apps still running (SIGTERM, then SIGKILL after 15 s) and waits for them to exit. */
export async function stopApps(apps) {
  const running = apps.filter((a) => a.child.exitCode === null && a.child.signalCode === null);
  const exits = running.map((a) => new Promise((r) => a.child.once('exit', r)));
  for (const app of running) app.child.kill('SIGTERM');
  const killer = setTimeout(() => running.forEach((a) => a.child.kill('SIGKILL')), 15_000);
  await Promise.all(exits);
  clearTimeout(killer);
}
