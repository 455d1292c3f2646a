import { afterAll, beforeAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

/**
 * The dashboard's browser tests run the built platform as `npm start` does (the five apps, sign-in required, the demo
 * trust loaded through the public API), on databases, a topic prefix and ports of their own, and drive it with
 * Debian's Chromium through playwright-core (no browser download). Every browser suite of a jest run shares one
 * platform (test/dashboard/platform.mjs, started by the jest process when the first suite asks): tests that change
 * something act on what they made themselves, or on what no other test uses.
 */
const ROOT = process.cwd();
export const SCREENSHOTS = join(ROOT, '.run', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DemoUser {
  email: string;
  roles: string[];
  password: string;
}

export interface Platform {
  base: string;
  trustId: string;
  users: DemoUser[];
  /** The prefix of the platform's Kafka topics, and of its databases' URLs (`${databasePrefix}schools`). */
  topicPrefix: string;
  databasePrefix: string;
  user(role: string): DemoUser;
  /** Signs in through the API (for checks beside the browser) and returns the access token. */
  token(role: string): Promise<string>;
  get<T = unknown>(path: string, role: string): Promise<T>;
  /** The platform outlives the suite (jest's global teardown stops it); kept so that suites read as before. */
  stop(): Promise<void>;
}

interface PlatformInfo {
  base: string;
  trustId: string;
  users: DemoUser[];
  topicPrefix: string;
  databasePrefix: string;
}

/** Asks jest's process for the run's platform (test/global-setup.mjs); the first suite to ask waits for it to start. */
function askForPlatform(): Promise<PlatformInfo> {
  const url = process.env.DASHBOARD_PLATFORM_URL;
  if (!url) throw new Error('DASHBOARD_PLATFORM_URL is not set: run the browser suites through jest.config.cjs (its globalSetup)');
  // node:http, not fetch: starting the platform on a busy machine can take longer than fetch's 300 s header timeout.
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolve(JSON.parse(text) as PlatformInfo);
        else reject(new Error(`the dashboard platform did not start: ${text}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The run's platform: the five built apps with the demo trust (scripts/demo-trust.mjs) loaded through the gateway. */
export async function startPlatform(_suite?: string): Promise<Platform> {
  const { base, trustId, users, topicPrefix, databasePrefix } = await askForPlatform();
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
  return { base, trustId, users, topicPrefix, databasePrefix, user, token, get, stop: () => Promise.resolve() };
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

/**
 * A fresh page signed in as `role` through the sign-in page, whose script errors and console errors (CSP refusals
 * among them) are pushed to `problems`, except console messages `ignored` says are expected (Chromium logs each
 * refused request as one, and tests provoke refusals on purpose).
 */
export async function signedInPage(
  browser: TestBrowser,
  platform: Platform,
  role: string,
  problems: string[],
  ignored: (text: string) => boolean,
): Promise<Page> {
  const { page } = await browser.page();
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignored(m.text())) problems.push(`${role}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${role}: ${e.message}`));
  await signInThroughUi(page, platform.base, platform.user(role));
  return page;
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

/**
 * A browser suite's platform and Chromium, started before its tests and closed after them, and its signed-in pages
 * (each page's script errors and console errors go to `problems`, except those `ignored` says a test provokes).
 */
export function browserSuite(suite: string, problems: string[], ignored: (text: string) => boolean) {
  const started = {} as { platform: Platform; browser: TestBrowser };
  beforeAll(async () => {
    started.platform = await startPlatform(suite);
    started.browser = await launchBrowser();
  }, 600_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.platform?.stop();
  });
  return Object.assign(started, {
    signedIn: (role: string): Promise<Page> => signedInPage(started.browser, started.platform, role, problems, ignored),
  });
}
