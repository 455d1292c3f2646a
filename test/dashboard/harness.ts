import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { testEnvironment, type TestEnvironment } from '@trustwide/common/testing';

/**
 * The dashboard's browser tests run the built platform as `npm start` does (the five apps, sign-in required, the demo
 * trust loaded through the public API), each suite with its own databases, topic prefix and ports, and drive it with
 * Debian's Chromium through playwright-core (no browser download).
 */
const ROOT = process.cwd();
const entry = (name: string) => join(ROOT, 'dist', 'apps', name, 'apps', name, 'src', 'main.js');
export const SCREENSHOTS = join(ROOT, '.run', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DemoUser {
  email: string;
  roles: string[];
  password: string;
}

interface App {
  name: string;
  child: ChildProcess;
  lines: string[];
  port: Promise<number>;
}

function launch(name: string, env: Record<string, string>): App {
  const child = spawn(process.execPath, [entry(name)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let resolvePort: (port: number) => void = () => undefined;
  let rejectPort: (err: Error) => void = () => undefined;
  const port = new Promise<number>((resolve, reject) => ((resolvePort = resolve), (rejectPort = reject)));
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      if (lines.length < 2000) lines.push(line);
      try {
        const logged = JSON.parse(line) as { msg?: string; port?: number };
        if (logged.msg === `${name} listening` && logged.port) resolvePort(logged.port);
      } catch {
        /* not JSON */
      }
    });
  }
  child.once('exit', (code) => rejectPort(new Error(`${name} exited (${code}) before listening:\n${lines.slice(-20).join('\n')}`)));
  return { name, child, lines, port };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Platform {
  base: string;
  trustId: string;
  users: DemoUser[];
  env: TestEnvironment;
  apps: App[];
  user(role: string): DemoUser;
  /** Signs in through the API (for checks beside the browser) and returns the access token. */
  token(role: string): Promise<string>;
  get<T = unknown>(path: string, role: string): Promise<T>;
  stop(): Promise<void>;
}

/** Starts the five built apps and loads the demo trust (scripts/demo-trust.mjs) through the gateway. */
export async function startPlatform(suite: string, gatewayEnv: Record<string, string> = {}): Promise<Platform> {
  const env = testEnvironment(suite);
  const gatewayPort = await freePort();
  const base = `http://127.0.0.1:${gatewayPort}`;
  const signIn = { AUTH_REQUIRED: 'true', GATEWAY_JWKS_URL: `${base}/.well-known/jwks.json` };
  // 'info': the harness learns each app's port from its "listening" line.
  const apps: App[] = ['schools', 'people', 'improvement', 'cpd'].map((name) =>
    launch(name, { ...env.env(name), ...signIn, LOG_LEVEL: 'info' }),
  );
  const stop = async () => {
    const running = apps.filter((a) => a.child.exitCode === null && a.child.signalCode === null);
    const exits = running.map((a) => new Promise((r) => a.child.once('exit', r)));
    for (const app of running) app.child.kill('SIGTERM');
    await Promise.all(exits);
    await env.cleanup();
  };
  try {
    const ports = await Promise.all(apps.map((a) => a.port));
    const { BOOTSTRAP_ADMIN: admin } = (await import(pathToFileURL(join(ROOT, 'scripts', 'platform.mjs')).href)) as {
      BOOTSTRAP_ADMIN: { email: string; password: string };
    };
    const gateway = launch('gateway', {
      ...env.env('gateway'),
      ...Object.fromEntries(apps.map((a, i) => [`${a.name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[i]}`])),
      PORT: String(gatewayPort),
      PUBLIC_URL: base,
      AUTH_REQUIRED: 'true',
      BOOTSTRAP_ADMIN_EMAIL: admin.email,
      BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      LOG_LEVEL: 'info',
      ...gatewayEnv,
    });
    apps.push(gateway);
    await gateway.port;
    for (const app of apps) {
      const port = await app.port;
      for (let i = 0; ; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
        if (res?.ok) break;
        if (i > 240) throw new Error(`${app.name} never became healthy`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const demo = (await import(pathToFileURL(join(ROOT, 'scripts', 'demo-trust.mjs')).href)) as {
      loadDemoTrust(base: string): Promise<{ id: string }>;
      DEMO_USERS: DemoUser[];
    };
    const trust = await demo.loadDemoTrust(base);
    const users = demo.DEMO_USERS;
    const user = (role: string) => {
      // The single-role demo user (not the loader, who holds every role).
      const found = users.find((u) => u.roles.length === 1 && u.roles[0] === role);
      if (!found) throw new Error(`no demo user with the role ${role}`);
      return found;
    };
    const tokens = new Map<string, string>();
    const token = async (role: string) => {
      const cached = tokens.get(role);
      if (cached) return cached;
      const u = user(role);
      const res = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      if (!res.ok) throw new Error(`sign-in as ${role}: ${res.status} ${await res.text()}`);
      const { accessToken } = (await res.json()) as { accessToken: string };
      tokens.set(role, accessToken);
      return accessToken;
    };
    const get = async <T>(path: string, role: string): Promise<T> => {
      const res = await fetch(`${base}/api${path}`, { headers: { authorization: `Bearer ${await token(role)}` } });
      if (!res.ok) throw new Error(`GET ${path} as ${role}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    return { base, trustId: trust.id, users, env, apps, user, token, get, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own storage) and page at a viewport size. */
  page(width?: number, height?: number): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** Debian's Chromium through playwright-core, headless, with a fresh profile in a temporary folder. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'trustwide-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    browser,
    page: async (width = 1366, height = 768) => {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB' });
      return { context, page: await context.newPage() };
    },
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in page as a demo user and waits for their first page. */
export async function signInThroughUi(page: Page, base: string, user: DemoUser): Promise<void> {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The serious and critical accessibility violations axe finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
