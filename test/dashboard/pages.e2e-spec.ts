import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { expectEventually } from '@trustwide/common/testing';
import { browserSuite, screenshot, seriousViolations } from './harness';

/**
 * The Imports, CPD and Support pages in headless Chromium against the built platform with the demo trust: each walked
 * by the roles that use it and checked by axe at laptop and tablet widths, and one thing carried out through each page
 * and read back from the service that owns it: a GIAS file with a bad URN uploaded and its row error listed (the
 * schools service's import), an enrolment into the full reading cohort landing on its waitlist (the CPD service's
 * waitlist), an impact report submitted (the improvement service's report) and a draft approved by its QA lead.
 */
describe('the imports, CPD and support pages', () => {
  const problems: string[] = [];
  // A refusal the page shows is a failed request Chromium also logs; script errors and CSP refusals are not expected.
  const suite = browserSuite('dashboard_pages', problems, (text) => text.startsWith('Failed to load resource'));
  const { signedIn } = suite;
  const trust = () => `/trusts/${suite.platform.trustId}`;

  /** Screenshots and axe at 1366×768 and 768×1024; every serious or critical violation found, with its width. */
  async function accessibleAtBothWidths(page: Page, name: string): Promise<void> {
    const found: { width: number; id: string; targets: string[] }[] = [];
    for (const [label, width, height] of [
      ['laptop', 1366, 768],
      ['tablet', 768, 1024],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `${name}-${label}`);
      for (const v of await seriousViolations(page)) found.push({ width, id: v.id, targets: v.targets });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    // …and no script error or CSP refusal on any page so far.
    expect({ page: name, found, scriptErrors: problems }).toEqual({ page: name, found: [], scriptErrors: [] });
  }

  it('lets the trust administrator upload a GIAS file with a bad URN, follow it, and read its row errors', async () => {
    const page = await signedIn('trust-admin');
    await page.waitForURL('**/imports');
    const form = page.getByRole('form', { name: 'Upload a file' });
    await form.waitFor();
    await accessibleAtBothWidths(page, 'imports-trust-admin');

    // Without a file: said beside the file input.
    await form.getByRole('button', { name: 'Upload and import' }).click();
    await form.locator('.field:has(label:text-is("File")) .field-error').filter({ hasText: 'Choose the file' }).waitFor();

    // A GIAS extract of two schools, the second with a URN that is not a number (line 3).
    const fileName = `gias-bad-urn-${Date.now()}.csv`;
    const csv = [
      'URN,EstablishmentName,PhaseOfEducation (name),EstablishmentStatus (name),LA (code),LA (name),Trusts (code)',
      '158801,Fen Edge Primary School,Primary,Open,925,Lincolnshire,',
      'X12345,Broken Row Academy,Primary,Open,925,Lincolnshire,',
    ].join('\r\n');
    await form.getByLabel('Which schools').selectOption('all');
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Upload and import' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `${fileName} was received` })
      .waitFor();

    const progress = page.getByRole('region', { name: 'Import progress' });
    await progress.locator('.badge', { hasText: 'completed' }).waitFor({ timeout: 60_000 });
    const errors = progress.getByRole('table', { name: /^Row errors/ });
    await errors.waitFor();
    const rows = errors.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().locator('td').first().innerText()).resolves.toBe('3');
    await expect(rows.first().innerText()).resolves.toMatch(/URN/);
    await accessibleAtBothWidths(page, 'imports-row-errors');

    // The schools service holds the same job: one row error on line 3, one school created.
    const jobs = await suite.platform.get<
      { fileName: string; status: string; errorCount: number; created: number; errors: { line: number }[] }[]
    >(`${trust()}/imports`, 'trust-admin');
    const job = jobs.find((j) => j.fileName === fileName);
    expect(job).toMatchObject({ status: 'completed', errorCount: 1, created: 1, errors: [{ line: 3 }] });
    // The import is listed with the others, newest first.
    await expect(page.getByRole('table', { name: 'Imports, newest first' }).locator('tbody tr').first().innerText()).resolves.toContain(
      fileName,
    );
    await page.context().close();
  });

  it('lets HR import a staff list and read its row errors, and shows the CEO the schools imports only', async () => {
    const page = await signedIn('hr');
    await page.goto(`${suite.platform.base}/imports`);
    const form = page.getByRole('form', { name: 'Upload a file' });
    await form.waitFor();
    // HR uploads staff lists only.
    await expect(form.getByLabel('What file').locator('option').allInnerTexts()).resolves.toEqual(['Staff list from the MIS or HR system']);
    const schools = await suite.platform.get<{ items: { urn: number }[] }>(`${trust()}/schools?membership=member`, 'hr');
    const fileName = `staff-${Date.now()}.csv`;
    const csv = [
      'Staff ID,Forename,Surname,Work Email,URN,Job Title,Start Date',
      `T900,Nia,Cole,n.cole.${Date.now()}@fenland.demo,${schools.items[0].urn},Teacher,01/09/2024`,
      `T901,Owen,Hart,o.hart.${Date.now()}@fenland.demo,999999,Teacher,01/09/2024`,
    ].join('\r\n');
    await form.getByLabel('File', { exact: true }).setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await form.getByRole('button', { name: 'Upload and import' }).click();
    const progress = page.getByRole('region', { name: 'Import progress' });
    await progress.locator('.badge', { hasText: 'completed' }).waitFor({ timeout: 60_000 });
    const errors = progress.getByRole('table', { name: /^Row errors/ });
    await expect(errors.locator('tbody tr').first().locator('td').first().innerText()).resolves.toBe('3');
    const jobs = await suite.platform.get<{ fileName: string; errorCount: number; created: number }[]>(`${trust()}/staff/imports`, 'hr');
    expect(jobs.find((j) => j.fileName === fileName)).toMatchObject({ errorCount: 1, created: 1 });
    await accessibleAtBothWidths(page, 'imports-hr');
    await page.context().close();

    const ceo = await signedIn('ceo');
    await ceo.goto(`${suite.platform.base}/imports`);
    await ceo.getByRole('table', { name: 'Imports, newest first' }).waitFor();
    await expect(ceo.getByRole('form', { name: 'Upload a file' }).count()).resolves.toBe(0);
    await accessibleAtBothWidths(ceo, 'imports-ceo');
    await ceo.context().close();
  });

  it('lets the CPD lead enrol someone into the full reading cohort, landing on its waitlist at the position the CPD service gives', async () => {
    const token = 'cpd-lead';
    const programmes = await suite.platform.get<{ items: { id: string; code: string }[] }>(`${trust()}/programmes?limit=500`, token);
    const reading = programmes.items.find((p) => p.code === 'TRUST-READING')!;
    const {
      items: [cohort],
    } = await suite.platform.get<{ items: { id: string; placesLeft: number; waitlisted: number }[] }>(
      `${trust()}/cohorts?programmeId=${reading.id}`,
      token,
    );
    expect(cohort.placesLeft).toBe(0);
    const taken = new Set(
      (
        await suite.platform.get<{ items: { staffId: string }[] }>(`${trust()}/enrolments?cohortId=${cohort.id}&limit=500`, token)
      ).items.map((e) => e.staffId),
    );
    const staff = (
      await suite.platform.get<{ items: { id: string; firstName: string; lastName: string }[] }>(
        `${trust()}/staff?status=employed&limit=500`,
        token,
      )
    ).items;
    const newcomer = staff.find((p) => !taken.has(p.id))!;
    const name = `${newcomer.firstName} ${newcomer.lastName}`;

    const page = await signedIn('cpd-lead');
    await page.waitForURL('**/cpd');
    const enrol = page.getByRole('form', { name: 'Enrol a member of staff' });
    await enrol.waitFor();
    await expect(page.getByRole('table', { name: 'Cohorts with places taken and waiting' }).innerText()).resolves.toContain('full');
    await accessibleAtBothWidths(page, 'cpd-lead');

    await enrol.getByLabel('Cohort').selectOption(cohort.id);
    await enrol.getByLabel('Member of staff').selectOption({ label: name });
    await enrol.getByRole('button', { name: 'Enrol' }).click();
    const said = enrol.getByRole('status').filter({ hasText: `${name} is on the waitlist` });
    await said.waitFor({ timeout: 30_000 });
    const position = Number(/at position (\d+)/.exec(await said.innerText())?.[1]);
    expect(position).toBe(cohort.waitlisted + 1);

    // The CPD service's waitlist has them at that position; the page shows the same list.
    const waitlist = await suite.platform.get<{ staffId: string; position: number }[]>(`${trust()}/cohorts/${cohort.id}/waitlist`, token);
    expect(waitlist.find((e) => e.staffId === newcomer.id)?.position).toBe(position);
    const shown = page.getByRole('table', { name: /^Waitlist of TRUST-READING/ });
    await shown.getByRole('cell', { name, exact: true }).waitFor();
    await expect(shown.locator('tbody tr').count()).resolves.toBe(waitlist.length);

    // Enrolling them again is refused: the service's words beside the staff field, the choice kept.
    await enrol.getByRole('button', { name: 'Enrol' }).click();
    const refusal = enrol.locator('.field:has(label:text-is("Member of staff")) .field-error');
    await refusal.waitFor();
    await expect(refusal.innerText()).resolves.toMatch(/already|waitlist/i);
    await expect(enrol.getByLabel('Member of staff').inputValue()).resolves.toBe(newcomer.id);
    await accessibleAtBothWidths(page, 'cpd-lead-refusal');
    expect(
      (await suite.platform.get<{ staffId: string }[]>(`${trust()}/cohorts/${cohort.id}/waitlist`, token)).filter(
        (e) => e.staffId === newcomer.id,
      ),
    ).toHaveLength(1);
    await page.context().close();
  });

  it('shows commissions against budget, measured impact and recommendations from a skills gap; read-only for the CEO', async () => {
    const page = await signedIn('cpd-lead');
    await page.waitForURL('**/cpd');
    const commissions = page.getByRole('table', { name: 'Commissions: budget committed and left' });
    await expect(commissions.innerText()).resolves.toMatch(/TRUST-READING[\s\S]*near budget|TRUST-READING[\s\S]*spent/);
    await expect(page.getByRole('table', { name: /^Evaluations/ }).innerText()).resolves.toContain('TRUST-READING');

    const recommend = page.getByRole('form', { name: 'Recommend programmes' });
    await recommend.getByLabel('Member of staff').selectOption({ label: 'Aisha Begum' });
    await recommend.getByLabel('Role assessed for').selectOption('lle');
    await recommend.getByRole('button', { name: 'Recommend' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /programmes? for Aisha Begum/ })
      .waitFor({ timeout: 30_000 });
    const table = page.getByRole('table', { name: 'Programmes recommended for Aisha Begum, best first' });
    await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
    await accessibleAtBothWidths(page, 'cpd-recommendations');
    await page.context().close();

    const ceo = await signedIn('ceo');
    await ceo.goto(`${suite.platform.base}/cpd`);
    await ceo.getByRole('table', { name: 'Cohorts with places taken and waiting' }).waitFor();
    await expect(ceo.getByRole('form', { name: 'Enrol a member of staff' }).count()).resolves.toBe(0);
    await accessibleAtBothWidths(ceo, 'cpd-ceo');
    await ceo.context().close();
  });
  it('lets the CEO submit the overdue impact report through the form, showing a refusal beside its field, and read it back from the improvement service', async () => {
    // The demo's active agreement (another suite's may be active at the same time).
    const active = (
      await suite.platform.get<{ items: { id: string; responsibilities: { text: string }[] }[] }>(
        `${trust()}/agreements?status=active`,
        'ceo',
      )
    ).items.find((a) => a.responsibilities.some((r) => r.text === 'Demo agreement: active'))!;
    const detail = await suite.platform.get<{
      impact: { id: string; measure: string }[];
      reports: { id: string; kind: string; overdue: boolean }[];
    }>(`${trust()}/agreements/${active.id}`, 'ceo');
    const overdue = detail.reports.find((r) => r.overdue)!;
    expect(overdue).toMatchObject({ kind: 'interim' });
    const criterion = detail.impact[0];

    const page = await signedIn('ceo');
    await page.goto(`${suite.platform.base}/support`);
    await page.getByRole('table', { name: 'Support agreements: who supports whom' }).waitFor({ timeout: 60_000 });
    await expect(page.getByRole('table', { name: 'Impact reports still to submit, by due date' }).innerText()).resolves.toContain(
      'overdue',
    );
    await page.getByRole('table', { name: 'Funding by source: amount agreed, spent and left' }).waitFor();
    await accessibleAtBothWidths(page, 'support-ceo');

    const submit = page.getByRole('form', { name: 'Submit an impact report' });
    await submit.getByLabel('Report').selectOption(overdue.id);
    await submit.getByLabel(criterion.measure).fill('58');
    await submit.getByLabel('Submitted by').fill('Executive headteacher');
    await submit.getByRole('button', { name: 'Submit the report' }).click();
    // No narrative: the improvement service's words beside the narrative, the measured value kept.
    const narrativeError = submit.locator('.field:has(label:text-is("Narrative")) .field-error');
    await narrativeError.waitFor();
    await expect(narrativeError.innerText()).resolves.toMatch(/narrative/);
    await expect(submit.getByLabel(criterion.measure).inputValue()).resolves.toBe('58');
    await accessibleAtBothWidths(page, 'support-report-refused');
    expect((await suite.platform.get<{ status: string }>(`${trust()}/impact-reports/${overdue.id}`, 'ceo')).status).toBe('due');

    await submit.getByLabel('Narrative').fill('Joint planning every fortnight; reading fluency up in Year 5.');
    await submit.getByRole('button', { name: 'Submit the report' }).click();
    await submit.getByRole('status').filter({ hasText: 'Interim report 1' }).waitFor({ timeout: 30_000 });
    const report = await suite.platform.get<{ status: string; narrative: string; judgements: { criterionId: string; measured: number }[] }>(
      `${trust()}/impact-reports/${overdue.id}`,
      'ceo',
    );
    expect(report).toMatchObject({
      status: 'submitted',
      narrative: 'Joint planning every fortnight; reading fluency up in Year 5.',
      judgements: [{ criterionId: criterion.id, measured: 58 }],
    });
    // The page has read it again: no longer due.
    await expectEventually(async () =>
      expect(await page.getByRole('table', { name: 'Impact reports still to submit, by due date' }).innerText()).not.toContain('overdue'),
    );
    await page.context().close();
  }, 600_000);

  it('lets the QA lead named on a draft approve it once the CEO has brought its leader within capacity, and shows a head their own school’s support', async () => {
    // The demo's draft (other suites on the same demo trust may have drafts of their own), opened by its parties.
    const draft = (
      await suite.platform.get<{
        items: {
          id: string;
          deployments: { leaderId: string }[];
          supportedSchoolIds: string[];
          supportingSchoolIds: string[];
          responsibilities: { text: string }[];
        }[];
      }>(`${trust()}/agreements?status=draft`, 'ceo')
    ).items.find((a) => a.responsibilities.some((r) => r.text === 'Demo agreement: draft'))!;
    const { items: schools } = await suite.platform.get<{ items: { id: string; name: string }[] }>(`${trust()}/schools?limit=1000`, 'ceo');
    const named = (ids: string[]) => ids.map((id) => schools.find((s) => s.id === id)?.name).join(', ');
    const parties = `${named(draft.supportingSchoolIds)} → ${named(draft.supportedSchoolIds)}`;
    const leaderId = draft.deployments[0].leaderId;
    const statusOf = async () => (await suite.platform.get<{ status: string }>(`${trust()}/agreements/${draft.id}`, 'ceo')).status;
    const openDraft = async (page: Page) => {
      await page.getByRole('table', { name: 'Support agreements: who supports whom' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: `Open draft agreement ${parties}`, exact: true }).click();
    };

    const qa = await signedIn('qa-lead');
    await qa.waitForURL('**/support');
    await openDraft(qa);
    await accessibleAtBothWidths(qa, 'support-qa-lead');
    // The demo's leader is near capacity: the improvement service refuses the approval with its numbers.
    const approve = qa.getByRole('form', { name: 'Approve as QA lead' });
    await approve.getByRole('button', { name: 'Approve the agreement' }).click();
    const refusal = approve.getByRole('alert');
    await refusal.waitFor({ timeout: 30_000 });
    await expect(refusal.innerText()).resolves.toMatch(/days/);
    expect(await statusOf()).toBe('draft');

    // The CEO releases the leader and deploys them again for one day, through the agreement's forms.
    const ceo = await signedIn('ceo');
    await ceo.goto(`${suite.platform.base}/support`);
    await openDraft(ceo);
    const release = ceo.getByRole('form', { name: 'Release a leader' });
    await release.getByLabel('Deployed leader').selectOption(leaderId);
    await release.getByRole('button', { name: 'Release' }).click();
    await ceo.getByRole('status').filter({ hasText: 'released' }).waitFor({ timeout: 30_000 });
    const deploy = ceo.getByRole('form', { name: 'Deploy a leader' });
    await deploy.getByLabel('Leader').selectOption(leaderId);
    await deploy.getByLabel('Days').fill('1');
    await deploy.getByRole('button', { name: 'Deploy' }).click();
    await ceo.getByRole('status').filter({ hasText: 'deployed for 1 days' }).waitFor({ timeout: 30_000 });
    await ceo.context().close();

    await approve.getByRole('button', { name: 'Approve the agreement' }).click();
    await qa.getByRole('status').filter({ hasText: 'Approved' }).waitFor({ timeout: 30_000 });
    expect(await statusOf()).toBe('agreed');
    await accessibleAtBothWidths(qa, 'support-qa-approved');
    await qa.context().close();

    const head = await signedIn('headteacher');
    await head.goto(`${suite.platform.base}/support`);
    await head
      .getByRole('table', { name: /^Support Abbey Fields Primary Academy (receives|gives)/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await accessibleAtBothWidths(head, 'support-headteacher');
    await head.context().close();
  }, 600_000);
});
