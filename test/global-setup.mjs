// jest's global set-up (jest.config.cjs): a small local server through which the browser suites, in jest's worker
// processes, ask for the one dashboard platform of this run (test/dashboard/platform.mjs). Nothing starts unless a
// browser suite asks, so a run of other tests costs nothing here; test/global-teardown.mjs stops what did start.
import { createServer } from 'node:http';

export default async function globalSetup() {
  let platform = null; // the one start of this run: a promise of { info, stop }
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/dashboard-platform') {
      res.writeHead(404).end();
      return;
    }
    platform ??= import('./dashboard/platform.mjs').then((m) => m.startDashboardPlatform());
    platform.then(
      ({ info }) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info)),
      (err) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err)),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Workers are started after the global set-up, so they inherit this.
  process.env.DASHBOARD_PLATFORM_URL = `http://127.0.0.1:${server.address().port}/dashboard-platform`;
  globalThis.__dashboardPlatform = {
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (platform)
        await platform.then(
          ({ stop }) => stop(),
          () => undefined,
        );
    },
  };
}
