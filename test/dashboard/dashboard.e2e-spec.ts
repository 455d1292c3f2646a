import { describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectEventually } from '@trustwide/common/testing';
import { browserSuite, screenshot, seriousViolations } from './harness';

/**
 * The dashboard in headless Chromium against the running platform with the demo trust: served by the gateway under a
 * strict CSP, signed in through its pages as each role, each page walked and checked by axe at laptop and tablet
 * widths, the designation workflow carried out through the UI and checked in the people service, a live alert arriving
 * without a reload, and the overview of a 120-school trust measured.
 */
const WIDTHS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
];

/** axe at both widths on the page as it stands; a screenshot of each. */
async function checkAccessible(page: Page, name: string): Promise<void> {
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w.width, height: w.height });
    await screenshot(page, `${name}-${w.name}`);
    expect({ page: name, width: w.width, violations: await seriousViolations(page) }).toEqual({
      page: name,
      width: w.width,
      violations: [],
    });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The overview's school rows (the page evaluates this selector too, so it is plain CSS). */
const ROWS = 'table.schools tbody tr';

/**
 * Waits until `selector` matches `count` elements. (Playwright's string predicates are refused by the dashboard's CSP,
 * which allows no eval, so the count is read through locators.)
 */
async function untilCount(page: Page, selector: string, count: number): Promise<void> {
  for (let i = 0; (await page.locator(selector).count()) !== count; i++) {
    if (i > 300) throw new Error(`${selector} never matched ${count} elements`);
    await page.waitForTimeout(100);
  }
}

describe('the dashboard', () => {
  const consoleErrors: string[] = [];
  // A CSP refusal or a script error shows in the console: none is expected on any page.
  // (Chromium also logs each 4xx answer as a console error; the refusals a test provokes on purpose are not faults.)
  const suite = browserSuite('dashboard', consoleErrors, (text) =>
    text.startsWith('Failed to load resource: the server responded with a status of 4'),
  );
  const { signedIn } = suite;

  it('is served by the gateway at / under a CSP of its own origin, with index.html for client routes and /api left alone', async () => {
    // `/` itself, the address npm start prints (a '*path' route left it to the API's 404).
    const root = await fetch(`${suite.platform.base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
    const page = await fetch(`${suite.platform.base}/overview`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${suite.platform.base}${script}`);
    expect([asset.status, asset.headers.get('cache-control')]).toEqual([200, 'public, max-age=31536000, immutable']);
    expect((await fetch(`${suite.platform.base}/assets/missing-abc123.js`)).status).toBe(404);
    // The API is untouched: no token is still a 401 in the one error shape.
    const api = await fetch(`${suite.platform.base}/api/trusts/${suite.platform.trustId}/overview`);
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ statusCode: 401 });
  });

  it('keeps what was typed and shows the refusal beside the field when a sign-in fails', async () => {
    const { page } = await suite.browser.page();
    await page.goto(`${suite.platform.base}/sign-in`);
    await page.getByLabel('Email').fill('ceo@fenland.demo');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByLabel('Email').inputValue()).toBe('ceo@fenland.demo');
    expect(page.url()).toContain('/sign-in');
    await checkAccessible(page, 'sign-in-refused');
    await page.context().close();
  });

  it('shows the CEO every school with risk, inspections, trends, support, the plot and live alerts; filters, sorts and downloads CSV', async () => {
    const page = await signedIn('ceo');
    await page.waitForURL('**/overview');
    const rows = page.locator(ROWS);
    await page.getByRole('link', { name: 'Northgate All-Through Academy', exact: true }).waitFor({ timeout: 90_000 });
    await expect(rows.count()).resolves.toBe(6);
    // The schools plotted by Easting/Northing with the executive head's span (The Willows – Castle Hill).
    await page.locator('svg[aria-label^="Schools by Easting and Northing"] circle').first().waitFor();
    await expect(page.locator('svg[aria-label^="Schools by Easting and Northing"] circle').count()).resolves.toBe(6);
    await page.locator('svg[aria-label^="Schools by Easting and Northing"] line.span').first().waitFor({ timeout: 60_000 });
    await checkAccessible(page, 'overview-ceo');

    // Sorting by a column header, from the keyboard.
    await page.getByRole('button', { name: /^Pupils/ }).focus();
    await page.keyboard.press('Enter');
    await expect(rows.first().locator('td').first().innerText()).resolves.toBe('The Willows Special School');
    await page.keyboard.press('Enter');
    await expect(rows.first().locator('td').first().innerText()).resolves.toBe('Northgate All-Through Academy');
    // Search and a filter go to the read model's query.
    await page.getByLabel('Search').fill('castle');
    await untilCount(page, ROWS, 1);
    await expect(rows.first().innerText()).resolves.toContain('Castle Hill Primary Academy');
    await page.getByLabel('Search').fill('');
    await page.getByRole('link', { name: 'Riverside Academy', exact: true }).waitFor();
    await page.getByLabel('Risk', { exact: true }).selectOption('red');
    await page.getByRole('link', { name: 'Riverside Academy', exact: true }).waitFor({ state: 'detached' });
    await untilCount(page, ROWS, 1);
    await expect(rows.first().innerText()).resolves.toContain('Northgate All-Through Academy');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('overview.csv');
    await page.context().close();
  });
  it("shows a school's history, inspections by framework, risk changes, plan with actions, support, staff and CPD", async () => {
    const page = await signedIn('ceo');
    await page.getByRole('link', { name: 'Castle Hill Primary Academy', exact: true }).waitFor({ timeout: 90_000 });
    await page.getByRole('link', { name: 'Castle Hill Primary Academy', exact: true }).click();
    await page.waitForURL('**/schools/**');
    await page.getByRole('heading', { name: 'Measures over time' }).waitFor();
    // One history chart per measure the school has (attendance, persistent absence, attainment, balance).
    await page.locator('figure.chart svg[aria-label^="Attendance"]').waitFor();
    await expect(page.locator('svg[aria-label^="Attendance (%)"]').getAttribute('aria-label')).resolves.toContain('2024/25 90.4');
    await expect(page.getByRole('table', { name: 'OEIF inspections' }).innerText()).resolves.toContain('Requires improvement');
    await expect(page.getByRole('table', { name: 'Staff employed here' }).innerText()).resolves.toContain('Rachel Green');
    await expect(page.getByRole('table', { name: 'Risk changes, with reasons' }).locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await checkAccessible(page, 'school-ceo');
    // The leadership page as the CEO: capacity, gaps and the pipeline, no workflow (HR decides).
    await page.getByRole('link', { name: 'Leadership' }).click();
    await page.getByRole('heading', { name: 'Pipeline of future heads and executive heads' }).waitFor();
    await page.locator('svg[aria-label^="Days committed against days available"]').waitFor();
    await expect(page.getByRole('form', { name: 'Decide on a designation' }).count()).resolves.toBe(0);
    await checkAccessible(page, 'leadership-ceo');
    await page.context().close();
  });

  it('brings a new alert to the open overview without a reload, titled with its school, and refreshes that school', async () => {
    const page = await signedIn('ceo');
    await page.getByText('● Live').waitFor({ timeout: 60_000 });
    const abbey = page.locator('table.schools tbody tr', { hasText: 'Abbey Fields Primary Academy' });
    const riskBefore = (await abbey.locator('td').nth(2).innerText()).trim();
    expect(riskBefore).not.toMatch(/^red/);
    await page.evaluate('window.__sameDocument = true');
    // A report card with safeguarding not met makes Abbey Fields red: the read model raises a risk-worsened alert.
    const admin = suite.platform.users.find((u) => u.roles.length === 1 && u.roles[0] === 'trust-admin')!;
    const signIn = await fetch(`${suite.platform.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const recorded = await fetch(`${suite.platform.base}/api/trusts/${suite.platform.trustId}/schools/149001/inspections`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        framework: 'report-card',
        startDate: '2026-11-10',
        publicationDate: '2026-11-24',
        safeguarding: 'not-met',
        judgements: [
          { area: 'inclusion', grade: 'needs-attention' },
          { area: 'curriculum-and-teaching', grade: 'expected-standard' },
          { area: 'achievement', grade: 'expected-standard' },
          { area: 'attendance-and-behaviour', grade: 'expected-standard' },
          { area: 'personal-development-and-wellbeing', grade: 'expected-standard' },
          { area: 'leadership-and-governance', grade: 'urgent-improvement' },
        ],
      }),
    });
    expect([recorded.status, recorded.ok ? '' : await recorded.text()]).toEqual([201, '']);
    const fresh = page.locator('ul.alerts li.new', { hasText: 'Abbey Fields Primary Academy: Risk' });
    await fresh.waitFor({ timeout: 90_000 });
    await expect(fresh.innerText()).resolves.toMatch(/Abbey Fields Primary Academy: Risk \w+ → red/);
    // Its row in the list says red too, read again because of the alert (still the same document: no reload).
    await abbey.locator('td').nth(2).filter({ hasText: /^red/ }).waitFor({ timeout: 10_000 });
    await expect(page.evaluate('window.__sameDocument')).resolves.toBe(true);
    await screenshot(page, 'overview-live-alert');
    await page.context().close();
  });

  it('lets HR apply for and approve a designation through the UI, showing a refusal beside its field and keeping what was typed', async () => {
    const page = await signedIn('hr');
    await page.waitForURL('**/leadership');
    await page.getByRole('form', { name: 'Apply for a designation' }).waitFor();
    await checkAccessible(page, 'leadership-hr');
    const apply = page.getByRole('form', { name: 'Apply for a designation' });
    await apply.getByLabel('Member of staff').selectOption({ label: 'Ben Hughes' });
    await apply.getByLabel('Designation type').selectOption('sle');
    await apply.getByLabel('Specialisms').fill('english');
    await apply.getByLabel('Reason').fill('Strong English results; nominated by the head');
    await apply.getByRole('button', { name: 'Apply' }).click();
    await apply.getByRole('status').filter({ hasText: 'Ben Hughes has applied for SLE' }).waitFor();

    const staff = await suite.platform.get<{ items: { id: string; firstName: string; lastName: string }[] }>(
      `/trusts/${suite.platform.trustId}/staff?q=hughes`,
      'hr',
    );
    const ben = staff.items.find((p) => p.lastName === 'Hughes')!;
    const designationsOf = () =>
      suite.platform.get<{ items: { id: string; status: string; type: string }[] }>(
        `/trusts/${suite.platform.trustId}/designations?staffId=${ben.id}`,
        'hr',
      );
    const [applied] = (await designationsOf()).items;
    expect(applied).toMatchObject({ type: 'sle', status: 'applied' });

    const decide = page.getByRole('form', { name: 'Decide on a designation' });
    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (applied)' });
    await decide.getByLabel('Decision').selectOption('approve');
    await decide.getByLabel('Reason').fill('Panel 3 December: evidence meets the criteria');
    await decide.getByLabel('Pupil outcomes').fill('GCSE English grade 5+ rose from 48% to 63% in three years');
    await decide.getByLabel('Days released per year').fill('0');
    await decide.getByLabel('Signed by').fill('chair-of-governors');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    // The people service refuses 0 days: its words appear beside that field; nothing typed is lost.
    const daysError = decide.locator('.field:has(label:text("Days released per year")) .field-error');
    await daysError.waitFor();
    await expect(daysError.innerText()).resolves.toMatch(/daysPerYear/);
    await expect(decide.getByLabel('Reason').inputValue()).resolves.toBe('Panel 3 December: evidence meets the criteria');
    await expect(decide.getByLabel('Pupil outcomes').inputValue()).resolves.toBe(
      'GCSE English grade 5+ rose from 48% to 63% in three years',
    );
    await checkAccessible(page, 'leadership-hr-refusal');
    expect((await designationsOf()).items[0].status).toBe('applied');

    await decide.getByLabel('Days released per year').fill('10');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'approve recorded' }).waitFor({ timeout: 30_000 });
    expect((await designationsOf()).items[0]).toMatchObject({ id: applied.id, status: 'approved' });
    const detail = await suite.platform.get<{ history: { action: string; reason: string }[] }>(
      `/trusts/${suite.platform.trustId}/designations/${applied.id}`,
      'hr',
    );
    expect(detail.history.map((h) => [h.action, h.reason])).toContainEqual(['approve', 'Panel 3 December: evidence meets the criteria']);

    // Ben's approved SLE through the rest of its life: activated, renewed with evidence, then revoked with a reason.
    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (approved)' });
    await decide.getByLabel('Decision').selectOption('activate');
    await decide.getByLabel('Reason').fill('Term begins');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'activate recorded' }).waitFor({ timeout: 30_000 });
    // Suspended with its reason, and reinstated. (Ben's own designation: the demo's deployed leader is left alone, since
    // the other browser suites, sharing this demo, approve agreements that need that leader's days.)
    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (active)' });
    await decide.getByLabel('Decision').selectOption('suspend');
    await decide.getByLabel('Reason').fill('Paused while a complaint is reviewed');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'suspend recorded' }).waitFor({ timeout: 30_000 });
    expect((await designationsOf()).items[0]).toMatchObject({ id: applied.id, status: 'suspended' });
    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (suspended)' });
    await decide.getByLabel('Decision').selectOption('reinstate');
    await decide.getByLabel('Reason').fill('Complaint reviewed: no case to answer');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'reinstate recorded' }).waitFor({ timeout: 30_000 });
    expect((await designationsOf()).items[0]).toMatchObject({ id: applied.id, status: 'active' });
    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (active)' });
    await decide.getByLabel('Decision').selectOption('renew');
    await decide.getByLabel('Reason').fill('Renewal panel: continued impact in two supported schools');
    await decide.getByLabel('Pupil outcomes').fill('Supported schools: reading at expected standard up 12 points');
    await decide.getByLabel('Days released per year').fill('12');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'renew recorded; the designation is now active' }).waitFor({ timeout: 30_000 });
    await checkAccessible(page, 'leadership-hr-renewed');
    const renewed = await suite.platform.get<{ status: string; termStartsOn: string; releaseDaysPerYear: number }>(
      `/trusts/${suite.platform.trustId}/designations/${applied.id}`,
      'hr',
    );
    // The new term follows the current one, with the days the renewal's commitment released.
    expect(renewed).toMatchObject({ status: 'active', releaseDaysPerYear: 12 });
    expect(renewed.termStartsOn > new Date().toISOString().slice(0, 10)).toBe(true);

    await decide.getByLabel('Designation', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (active)' });
    await decide.getByLabel('Decision').selectOption('revoke');
    await decide.getByLabel('Reason').fill('Left the deputy headship the designation relied on');
    await decide.getByRole('button', { name: 'Record the decision' }).click();
    await decide.getByRole('status').filter({ hasText: 'revoke recorded; the designation is now revoked' }).waitFor({ timeout: 30_000 });
    // Revoked, it is no longer offered for a decision.
    await decide.getByRole('option', { name: /^Ben Hughes: SLE/ }).waitFor({ state: 'detached' });
    const revoked = await suite.platform.get<{ status: string; history: { action: string; reason: string }[] }>(
      `/trusts/${suite.platform.trustId}/designations/${applied.id}`,
      'hr',
    );
    expect(revoked.status).toBe('revoked');
    expect(revoked.history.map((h) => [h.action, h.reason])).toEqual(
      expect.arrayContaining([
        ['suspend', 'Paused while a complaint is reviewed'],
        ['reinstate', 'Complaint reviewed: no case to answer'],
        ['renew', 'Renewal panel: continued impact in two supported schools'],
        ['revoke', 'Left the deputy headship the designation relied on'],
      ]),
    );
    await screenshot(page, 'leadership-hr-revoked');
    await page.context().close();
  }, 400_000);

  it("shows the CEO a designation's history from the audit trail: each of HR's decisions with HR as the actor", async () => {
    const staff = await suite.platform.get<{ items: { id: string; lastName: string }[] }>(
      `/trusts/${suite.platform.trustId}/staff?q=hughes`,
      'hr',
    );
    const ben = staff.items.find((p) => p.lastName === 'Hughes')!;
    const [sle] = (
      await suite.platform.get<{ items: { id: string; status: string }[] }>(
        `/trusts/${suite.platform.trustId}/designations?staffId=${ben.id}&type=sle`,
        'hr',
      )
    ).items;
    type Audit = { entries: { type: string; actor: { kind: string; name: string | null } }[] };
    // Through the API first: the read model has every decision (events arrive through Kafka), each by HR's sign-in.
    const audit = await expectEventually(
      async () => {
        const a = await suite.platform.get<Audit>(`/trusts/${suite.platform.trustId}/audit?subject=${sle.id}`, 'ceo');
        expect(a.entries.map((e) => e.type)).toEqual(
          expect.arrayContaining(['people.designation.renewed', 'people.designation.revoked', 'people.designation.approved']),
        );
        return a;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const hr = await displayName('hr');
    for (const e of audit.entries.filter((x) => x.type.startsWith('people.designation.')))
      expect([e.type, e.actor]).toEqual([e.type, { kind: 'user', id: expect.any(String), name: hr }]);

    const page = await signedIn('ceo');
    await page.getByRole('link', { name: 'Leadership' }).click();
    const history = page.getByRole('region', { name: 'History of a designation' });
    await history.getByLabel('Designation to trace', { exact: true }).selectOption({ label: 'Ben Hughes: SLE (revoked)' });
    const rows = history.getByRole('table', { name: 'Who decided what on this designation, newest first' }).locator('tbody tr');
    const revokedRow = rows.filter({ hasText: 'designation revoked' });
    await revokedRow.waitFor({ timeout: 30_000 });
    await expect(revokedRow.innerText()).resolves.toContain(hr);
    await expect(revokedRow.innerText()).resolves.toContain('active → revoked');
    await expect(rows.filter({ hasText: 'designation renewed' }).innerText()).resolves.toContain(hr);
    await checkAccessible(page, 'leadership-ceo-designation-history');
    await page.context().close();
  });

  /** How the dashboard and the audit trail name a demo user: their display name, else their e-mail. */
  async function displayName(role: string): Promise<string> {
    const me = await suite.platform.get<{ email: string; displayName: string | null }>('/auth/me', role);
    return me.displayName ?? me.email;
  }

  /** A school of this suite's own (no other test reads or counts it), added by the trust administrator through the API. */
  const OWN_SCHOOL = { urn: 159901, name: 'Acknowledgement Test Academy' };
  async function adminPost(path: string, body: unknown, role = 'trust-admin'): Promise<Response> {
    return fetch(`${suite.platform.base}/api/trusts/${suite.platform.trustId}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await suite.platform.token(role)}` },
      body: JSON.stringify(body),
    });
  }

  it('lets the CEO acknowledge an alert from the feed, saying who and when, as the gateway records it', async () => {
    const added = await adminPost('/schools', {
      ...OWN_SCHOOL,
      phase: 'primary',
      leadershipModel: 'A',
      easting: 525000,
      northing: 300000,
      joinRoute: 'converter',
      joinedTrustOn: '2021-09-01',
      pupilsOnRoll: 210,
    });
    expect([added.status, added.ok ? '' : await added.text()]).toEqual([201, '']);
    const { id: schoolId } = (await added.json()) as { id: string };
    await expectEventually(
      async () => {
        const o = await suite.platform.get<{ schools: { schoolId: string }[] }>(
          `/trusts/${suite.platform.trustId}/overview?q=acknowledgement`,
          'ceo',
        );
        expect(o.schools.map((x) => x.schoolId)).toEqual([schoolId]);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const page = await signedIn('ceo');
    await page.getByText('● Live').waitFor({ timeout: 60_000 });
    // Safeguarding not met on its first report card: the school goes red and the read model raises a risk-worsened alert.
    const recorded = await adminPost(`/schools/${OWN_SCHOOL.urn}/inspections`, {
      framework: 'report-card',
      startDate: '2026-11-03',
      publicationDate: '2026-11-20',
      safeguarding: 'not-met',
      judgements: [
        { area: 'inclusion', grade: 'expected-standard' },
        { area: 'curriculum-and-teaching', grade: 'expected-standard' },
        { area: 'achievement', grade: 'expected-standard' },
        { area: 'attendance-and-behaviour', grade: 'expected-standard' },
        { area: 'personal-development-and-wellbeing', grade: 'expected-standard' },
        { area: 'leadership-and-governance', grade: 'needs-attention' },
      ],
    });
    expect([recorded.status, recorded.ok ? '' : await recorded.text()]).toEqual([201, '']);
    const item = page.locator('ul.alerts li', { hasText: `${OWN_SCHOOL.name}: Risk` });
    await item.waitFor({ timeout: 90_000 });
    await screenshot(page, 'overview-alert-to-acknowledge');
    // From the keyboard: the alert's own button, named with the alert it acknowledges.
    const button = item.getByRole('button', { name: new RegExp(`^Acknowledge: ${OWN_SCHOOL.name}: Risk`) });
    await button.focus();
    await page.keyboard.press('Enter');
    const ceo = await displayName('ceo');
    const said = item.locator('.ack', { hasText: 'Acknowledged by' });
    await said.waitFor();
    await expect(said.innerText()).resolves.toMatch(new RegExp(`^Acknowledged by ${ceo} on \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}$`));
    await expect(item.getByRole('button').count()).resolves.toBe(0);
    // Focus stays on the alert, now saying who acknowledged it (the dashboard's CSP allows no eval: string expressions).
    await expect(page.evaluate('document.activeElement?.textContent ?? ""')).resolves.toMatch(/^Acknowledged by /);
    await checkAccessible(page, 'overview-alert-acknowledged');

    // The gateway's alerts API records it: by this CEO's sign-in, named, with when.
    type A = { alertId: string; kind: string; schoolIds: string[] | null; acknowledged: { by: string; at: string; name: string } | null };
    const mine = (
      await suite.platform.get<{ alerts: A[] }>(`/trusts/${suite.platform.trustId}/alerts?acknowledged=true&limit=200`, 'ceo')
    ).alerts.filter((a) => a.schoolIds?.includes(schoolId));
    expect(mine.map((a) => [a.kind, a.acknowledged?.name])).toEqual([['risk-worsened', ceo]]);
    expect(mine[0].acknowledged!.by).toMatch(/^user:[0-9a-f-]{36}$/);
    expect(Date.now() - Date.parse(mine[0].acknowledged!.at)).toBeLessThan(10 * 60_000);
    await page.context().close();
  });

  it("reaches the plot's schools by keyboard, opens one with Enter, and shows its history with who changed what, erased people as erased", async () => {
    // Someone who joins the suite's school and is then erased (UK GDPR): the history keeps the event, not their name.
    let joined: Response;
    for (let i = 0; ; i++) {
      joined = await adminPost(
        '/staff',
        {
          firstName: 'Erin',
          lastName: 'Erasmus',
          schoolId: (await suite.platform.get<{ id: string }>(`/trusts/${suite.platform.trustId}/schools/${OWN_SCHOOL.urn}`, 'trust-admin'))
            .id,
          joinedOn: '2024-09-01',
          role: 'teacher',
        },
        'hr',
      );
      // The people service learns of the school from its event: until then the school is unknown (422).
      if (joined.status !== 422 || i > 60) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect([joined.status, joined.ok ? '' : await joined.text()]).toEqual([201, '']);
    const { id: erinId } = (await joined.json()) as { id: string };
    // A current member of staff's record is kept: she leaves first.
    const left = await adminPost(`/staff/${erinId}/leave`, { leftOn: new Date().toISOString().slice(0, 10) }, 'hr');
    expect([left.status, left.ok ? '' : await left.text()]).toEqual([200, '']);
    const erased = await adminPost(`/staff/${erinId}/erase`, {}, 'hr');
    expect([erased.status, erased.ok ? '' : await erased.text()]).toEqual([200, '']);
    await expectEventually(
      async () => {
        const a = await suite.platform.get<{ entries: { type: string; subjects: { id: string; name: string | null }[] }[] }>(
          `/trusts/${suite.platform.trustId}/audit?subject=${erinId}`,
          'ceo',
        );
        expect(a.entries.map((e) => e.type)).toContain('people.staff.erased');
        expect(a.entries.flatMap((e) => e.subjects).find((x) => x.id === erinId)?.name).toBe('[erased]');
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const page = await signedIn('ceo');
    await page.waitForURL('**/overview');
    const points = page.locator('svg[aria-label^="Schools by Easting and Northing"] a.plot-point');
    await points.first().waitFor({ timeout: 60_000 });
    // Tab from the alerts list (just before the plot) until a school point has the focus.
    await page.getByRole('list', { name: 'Alerts, newest first' }).focus();
    const focusedPoint = () => page.evaluate('document.activeElement?.classList.contains("plot-point") ?? false');
    for (let i = 0; !(await focusedPoint()); i++) {
      if (i > 80) throw new Error('Tab never reached a point of the plot');
      await page.keyboard.press('Tab');
    }
    // Each point is named for a screen reader; Tab goes on in name order to the suite's school.
    const focusedName = () => page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label") ?? null');
    await expect(focusedName()).resolves.toMatch(/^.+, risk (red|amber|green|unassessed): open the school$/);
    for (let i = 0; (await focusedName()) !== `${OWN_SCHOOL.name}, risk red: open the school`; i++) {
      if (i > 20) throw new Error(`Tab never reached ${OWN_SCHOOL.name} on the plot`);
      await page.keyboard.press('Tab');
      await expect(focusedPoint()).resolves.toBe(true);
    }
    // Visible focus: the focused point is drawn with a thick dark ring.
    await expect(page.evaluate('getComputedStyle(document.activeElement.querySelector("circle")).strokeWidth')).resolves.toBe('4px');
    await screenshot(page, 'overview-plot-point-focused');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/schools/**');
    await page.getByText(`URN ${OWN_SCHOOL.urn}`).waitFor();

    const history = page.getByRole('table', { name: 'Who changed what at this school, newest first' });
    await history.locator('tbody tr', { hasText: 'inspection recorded' }).waitFor({ timeout: 30_000 });
    const admin = await displayName('trust-admin');
    await expect(history.locator('tbody tr', { hasText: 'inspection recorded' }).innerText()).resolves.toContain(admin);
    await expect(history.locator('tbody tr', { hasText: 'school registered' }).innerText()).resolves.toContain(admin);
    // Erin's joining is in the school's history; her name is not.
    const joinedRow = history.locator('tbody tr', { hasText: 'staff joined' });
    await expect(joinedRow.innerText()).resolves.toContain('[erased]');
    await expect(history.innerText()).resolves.not.toContain('Erasmus');
    await checkAccessible(page, 'school-history');
    await page.context().close();
  });

  it('gives every other role its own landing page, each accessible', async () => {
    for (const [role, path, heading] of [
      ['headteacher', '/overview', 'Trust overview'],
      ['executive', '/overview', 'Trust overview'],
      ['head-of-school', '/support', 'Support'],
      ['cpd-lead', '/cpd', 'CPD'],
      ['trust-admin', '/imports', 'Imports'],
      ['qa-lead', '/support', 'Support'],
    ] as const) {
      const page = await signedIn(role);
      await page.waitForURL(`**${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      if (role === 'headteacher') {
        // A head sees only the school they lead.
        await page.getByRole('link', { name: 'Abbey Fields Primary Academy', exact: true }).waitFor({ timeout: 60_000 });
        await expect(page.locator(ROWS).count()).resolves.toBe(1);
      }
      await checkAccessible(page, `${path.slice(1)}-${role}`);
      await page.context().close();
    }
    expect(consoleErrors).toEqual([]);
  }, 400_000);
  it('measures the overview of a 120-school trust in the browser (reported, not asserted on time)', async () => {
    // More member schools through the public API, as the trust administrator, each with a year of measures.
    const token = await suite.platform.token('trust-admin');
    const send = async (path: string, body: unknown) => {
      for (;;) {
        const res = await fetch(`${suite.platform.base}/api/trusts/${suite.platform.trustId}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        });
        // The gateway's per-user write limit: wait as it says.
        if (res.status === 429) await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
        else if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
        else return;
      }
    };
    const phases = ['primary', 'secondary', 'special', 'all-through'];
    // As many as make a 120-school trust (this suite adds a school of its own before).
    const { total: before } = await suite.platform.get<{ total: number }>(`/trusts/${suite.platform.trustId}/overview?limit=1`, 'ceo');
    const extra = Array.from({ length: Math.max(0, 120 - before) }, (_, i) => ({
      urn: 150000 + i,
      name: `Generated Academy ${String(i + 1).padStart(3, '0')}`,
      phase: phases[i % phases.length],
      leadershipModel: ['A', 'B', 'C'][i % 3],
      easting: 480000 + ((i * 7919) % 60000),
      northing: 290000 + ((i * 104729) % 70000),
      joinRoute: 'converter',
      joinedTrustOn: '2020-09-01',
      pupilsOnRoll: 150 + ((i * 37) % 1200),
    }));
    for (let i = 0; i < extra.length; i += 6) {
      await Promise.all(
        extra.slice(i, i + 6).map(async (school, k) => {
          await send('/schools', school);
          await send(`/schools/${school.urn}/measures`, {
            period: '2024/25',
            values: {
              attendance: 90 + ((i + k) % 8),
              persistentAbsence: 10 + ((i + k) % 15),
              attainmentExpectedStandard: 50 + ((i + k) % 30),
            },
          });
        }),
      );
    }
    for (let i = 0; ; i++) {
      const { total } = await suite.platform.get<{ total: number }>(`/trusts/${suite.platform.trustId}/overview?limit=1`, 'ceo');
      // At least 120: this suite's own school (the acknowledgement test's) is a member too.
      if (total >= 120) break;
      if (i > 240) throw new Error(`the read model has ${total} of 120 schools`);
      await new Promise((r) => setTimeout(r, 500));
    }

    const page = await signedIn('ceo');
    await page.waitForURL('**/overview');
    const loads: { firstRowsMs: number; apiMs: number; apiRequestsBeforeRows: number }[] = [];
    for (let run = 0; run < 6; run++) {
      await page.goto(`${suite.platform.base}/overview`);
      // Navigation start to all 120 rows in the table; the overview request's own time from Resource Timing.
      await page.locator(ROWS).nth(119).waitFor({ timeout: 60_000 });
      // The page marks the moment React committed the rows (the polling above would add its own delay).
      // Also how many API requests the page had started by then: those share the gateway and the database with the list.
      const [firstRowsMs, apiMs, apiRequestsBeforeRows] = await page.evaluate<[number, number, number]>(
        `(() => { const mark = performance.getEntriesByName('trustwide:overview-rows')[0].startTime; const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')); return [mark, (api.find((e) => e.name.includes('/overview?')) || { duration: -1 }).duration, api.filter((e) => e.startTime < mark).length]; })()`,
      );
      loads.push({ firstRowsMs: Math.round(firstRowsMs), apiMs: Math.round(apiMs), apiRequestsBeforeRows });
    }
    await screenshot(page, 'overview-120-schools');
    const warm = loads
      .slice(1)
      .map((l) => l.firstRowsMs)
      .sort((a, b) => a - b);
    const result = {
      schools: 120,
      measuredAt: new Date().toISOString(),
      coldLoadMs: loads[0].firstRowsMs,
      warmMedianMs: warm[Math.floor(warm.length / 2)],
      runs: loads,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      what: 'navigation start to the 120 school rows committed to the DOM (performance mark), headless Chromium, the platform running locally on a shared 2-core machine; apiMs is the overview request alone; apiRequestsBeforeRows the API requests started before the mark (a stream still open is not listed by Resource Timing)',
    };
    writeFileSync(join(process.cwd(), '.run', 'dashboard-overview-load.json'), JSON.stringify(result, null, 2));
    process.stdout.write(`\ndashboard overview, 120 schools: ${JSON.stringify(result)}\n`);
    expect(loads).toHaveLength(6);
    await page.context().close();
  }, 400_000);
});
