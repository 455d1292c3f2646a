import { describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations } from './harness';

/**
 * The Support and CPD pages' workflows carried out through the UI, each step read back from the service that owns it:
 * a support agreement drafted, a leader deployed, approved by its QA lead, started, spent on, reported on, signed off
 * and completed (the improvement service); a programme added, a cohort opened and commissioned, enrolments completed
 * and withdrawn with the waitlist promoted, and an evaluation recorded (the CPD service). Each test makes its own
 * agreement or programme, so it changes nothing another suite on the same demo trust reads.
 */
describe('the support and CPD workflows', () => {
  const problems: string[] = [];
  const suite = browserSuite('dashboard_workflows', problems, (text) => text.startsWith('Failed to load resource'));
  const { signedIn } = suite;
  const trust = () => `/trusts/${suite.platform.trustId}`;
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const run = Date.now().toString(36);
  const academicYear = (date: string) => {
    const [y, m] = date.split('-').map(Number);
    const start = m >= 9 ? y : y - 1;
    return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  };

  /** A screenshot of the state, and axe finds no serious or critical violation in it (nor any script error so far). */
  async function checked(page: Page, name: string): Promise<void> {
    await screenshot(page, name);
    expect({ state: name, found: await seriousViolations(page), scriptErrors: problems }).toEqual({
      state: name,
      found: [],
      scriptErrors: [],
    });
  }

  /** What the step said (its status line), once it says it. */
  const said = (where: Page | Locator, text: string | RegExp) => where.getByRole('status').filter({ hasText: text }).first();

  /** The error shown beside a labelled field of `form`. */
  const besideField = (form: Locator, label: string) => form.locator(`.field:has(label:text-is("${label}")) .field-error`);

  describe('support', () => {
    interface Agreement {
      id: string;
      status: string;
      supportedSchoolIds: string[];
      supportingSchoolIds: string[];
      qaLeadId: string | null;
      deployments: { leaderId: string; days: number }[];
      responsibilities: { party: string; text: string }[];
      impact: { id: string; measure: string }[];
      funding: { source: string; amountPence: number; spentPence: number };
      schedule: { startsOn: string; endsOn: string; interimReportsDue: string[]; finalReportDue: string };
      spends?: { amountPence: number; description: string }[];
      reports?: { id: string; kind: string; status: string; signedOffOn: string | null }[];
    }
    const agreement = (id: string) => suite.platform.get<Agreement>(`${trust()}/agreements/${id}`, 'ceo');

    /** Opens the agreement between the two schools (named as the page names them) in its current status. */
    async function openAgreement(page: Page, status: string, parties: string): Promise<void> {
      await page.goto(`${suite.platform.base}/support`);
      await page.getByRole('table', { name: 'Support agreements: who supports whom' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: `Open ${status} agreement ${parties}`, exact: true }).click();
    }

    it('lets the CEO draft an agreement (a refusal beside its field first), deploy a leader, and walks it through approval, start, spending, the final report’s sign-off and completion', async () => {
      // Parties the demo's QA lead is independent of, a pair no other agreement has, and a leader with a day to spare.
      const { items: existing } = await suite.platform.get<{ items: Agreement[] }>(`${trust()}/agreements?limit=500`, 'ceo');
      const qaLeadId = existing.find((a) => a.qaLeadId)!.qaLeadId!;
      const { items: staff } = await suite.platform.get<{
        items: { id: string; schoolId: string | null; firstName: string; lastName: string }[];
      }>(`${trust()}/staff?limit=500`, 'ceo');
      const qaSchool = staff.find((p) => p.id === qaLeadId)?.schoolId;
      const { items: schools } = await suite.platform.get<{ items: { id: string; name: string }[] }>(
        `${trust()}/schools?membership=member&limit=1000`,
        'ceo',
      );
      const eligible = schools.filter((s) => s.id !== qaSchool);
      const load = (id: string) =>
        existing.filter((a) => ['agreed', 'active'].includes(a.status) && a.supportingSchoolIds.includes(id)).length;
      const supporting = [...eligible].sort((x, y) => load(x.id) - load(y.id))[0];
      const supported = eligible.find(
        (s) =>
          s.id !== supporting.id &&
          !existing.some((a) => a.supportingSchoolIds.includes(supporting.id) && a.supportedSchoolIds.includes(s.id)),
      )!;
      const parties = `${supporting.name} → ${supported.name}`;
      const { items: designations } = await suite.platform.get<{ items: { staffId: string }[] }>(
        `${trust()}/designations?status=active&limit=500`,
        'ceo',
      );
      const leaders = [...new Set(designations.map((d) => d.staffId))].filter((id) => id !== qaLeadId);
      const remaining = async (id: string) => {
        const support = await suite.platform.get<{ capacity: { academicYear: string; remainingDays: number }[] }>(
          `${trust()}/support/leaders/${id}`,
          'ceo',
        );
        return support.capacity.find((c) => c.academicYear === academicYear(day(0)))?.remainingDays ?? 0;
      };
      const spare = await Promise.all(leaders.map(remaining));
      const leaderId = leaders[spare.indexOf(Math.max(...spare))];
      const measure = `Reading fluency, Year 5 (%) ${run}`;

      const ceo = await signedIn('ceo');
      await ceo.goto(`${suite.platform.base}/support`);
      const draft = ceo.getByRole('form', { name: 'Draft a support agreement' });
      await draft.waitFor({ timeout: 60_000 });
      await draft.getByLabel('Supported school', { exact: true }).selectOption(supported.id);
      await draft.getByLabel('Supporting school', { exact: true }).selectOption(supporting.id);
      await draft.getByLabel('Priority area', { exact: true }).selectOption('oeif:quality-of-education');
      await draft.getByLabel('The supported school will', { exact: true }).fill('Release the Year 5 team for joint planning');
      await draft.getByLabel('The supporting school will', { exact: true }).fill(`Coach the Year 5 team (${run})`);
      await draft.getByLabel('Measure', { exact: true }).fill(measure);
      await draft.getByLabel('Baseline', { exact: true }).fill('48');
      await draft.getByLabel('Target', { exact: true }).fill('60');
      await draft.getByLabel('Target by', { exact: true }).fill(day(0));
      await draft.getByLabel('Starts on', { exact: true }).fill(day(-20));
      // Ends before it starts: refused beside "Ends on", everything typed kept.
      await draft.getByLabel('Ends on', { exact: true }).fill(day(-30));
      await draft.getByLabel('Interim report due', { exact: true }).fill(day(-10));
      await draft.getByLabel('Final report due', { exact: true }).fill(day(5));
      await draft.getByLabel('Funding source', { exact: true }).selectOption('trust-budget');
      await draft.getByLabel('Amount (£)', { exact: true }).fill('2000');
      await draft.getByLabel('QA lead', { exact: true }).selectOption(qaLeadId);
      await draft.getByRole('button', { name: 'Draft the agreement' }).click();
      const endsRefused = besideField(draft, 'Ends on');
      await endsRefused.waitFor({ timeout: 30_000 });
      await expect(endsRefused.innerText()).resolves.toMatch(/end after it starts/);
      await expect(draft.getByLabel('Measure', { exact: true }).inputValue()).resolves.toBe(measure);
      await expect(draft.getByLabel('QA lead', { exact: true }).inputValue()).resolves.toBe(qaLeadId);
      await checked(ceo, 'support-draft-refused');
      const mine = async () =>
        (await suite.platform.get<{ items: Agreement[] }>(`${trust()}/agreements?schoolId=${supported.id}&limit=500`, 'ceo')).items.filter(
          (a) => a.responsibilities.some((r) => r.text.includes(run)),
        );
      expect(await mine()).toEqual([]);

      await draft.getByLabel('Ends on', { exact: true }).fill(day(0));
      await draft.getByRole('button', { name: 'Draft the agreement' }).click();
      await said(draft, 'Drafted').waitFor({ timeout: 30_000 });
      const [drafted] = await mine();
      expect(drafted).toMatchObject({
        status: 'draft',
        supportedSchoolIds: [supported.id],
        supportingSchoolIds: [supporting.id],
        qaLeadId,
        funding: { source: 'trust-budget', amountPence: 200_000 },
        schedule: { startsOn: day(-20), endsOn: day(0), interimReportsDue: [day(-10)], finalReportDue: day(5) },
        impact: [{ measure }],
      });

      // The drafted agreement opens below the list: the CEO deploys a leader for a day.
      const deploy = ceo.getByRole('form', { name: 'Deploy a leader' });
      await deploy.getByLabel('Leader').selectOption(leaderId);
      await deploy.getByLabel('Days').fill('1');
      await deploy.getByRole('button', { name: 'Deploy' }).click();
      await said(ceo, 'deployed for 1 days').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).deployments).toMatchObject([{ leaderId, days: 1 }]);
      await checked(ceo, 'support-drafted-deployed');

      // The QA lead named on it approves it, signed in as themselves.
      const qa = await signedIn('qa-lead');
      await openAgreement(qa, 'draft', parties);
      // The QA lead reads no staff records, yet sees the deployed leader by name (the gateway's names for support).
      const leader = staff.find((p) => p.id === leaderId)!;
      const leaderName = `${leader.firstName} ${leader.lastName}`;
      expect(
        (await suite.platform.get<{ people: { staffId: string; name: string }[] }>(`${trust()}/leadership/names`, 'qa-lead')).people,
      ).toContainEqual({
        staffId: leaderId,
        name: leaderName,
      });
      await qa.getByRole('table', { name: 'Leaders deployed' }).getByRole('cell', { name: leaderName, exact: true }).waitFor();
      await qa.getByRole('form', { name: 'Approve as QA lead' }).getByRole('button', { name: 'Approve the agreement' }).click();
      await said(qa, 'Approved').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).status).toBe('agreed');
      await checked(qa, 'support-lifecycle-approved');

      // The CEO starts it and records spending.
      await openAgreement(ceo, 'agreed', parties);
      const start = ceo.getByRole('form', { name: 'Start the support' });
      await start.getByLabel('Started by').fill('CEO');
      await start.getByRole('button', { name: 'Start' }).click();
      await said(ceo, 'Started').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).status).toBe('active');
      const spend = ceo.getByRole('form', { name: 'Record spending' });
      await spend.getByLabel('Amount (£)').fill('350');
      await spend.getByLabel('What for').fill('Supply cover for joint planning');
      await spend.getByRole('button', { name: 'Record' }).click();
      await said(ceo, '£350 recorded').waitFor({ timeout: 30_000 });
      const spent = await agreement(drafted.id);
      expect(spent.funding.spentPence).toBe(35_000);
      expect(spent.spends).toMatchObject([{ amountPence: 35_000, description: 'Supply cover for joint planning' }]);
      await ceo.getByRole('table', { name: 'Spending' }).getByRole('cell', { name: 'Supply cover for joint planning' }).waitFor();
      await checked(ceo, 'support-lifecycle-started-spent');

      // The final report is submitted through the reports form…
      const final = spent.reports!.find((r) => r.kind === 'final')!;
      const report = ceo.getByRole('form', { name: 'Submit an impact report' });
      await report.getByLabel('Report').selectOption(final.id);
      await report.getByLabel(measure).fill('61');
      await report.getByLabel('Narrative').fill('Fluency checks every half term; the Year 5 team plans together.');
      await report.getByLabel('Submitted by').fill('Headteacher');
      await report.getByRole('button', { name: 'Submit the report' }).click();
      await said(report, 'Final report').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).reports!.find((r) => r.id === final.id)).toMatchObject({ status: 'submitted' });

      // …signed off by the QA lead…
      await openAgreement(qa, 'active', parties);
      await qa.getByRole('form', { name: 'Sign off the final report' }).getByRole('button', { name: 'Sign off' }).click();
      await said(qa, 'Final report signed off').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).reports!.find((r) => r.id === final.id)).toMatchObject({ status: 'signed-off' });
      await checked(qa, 'support-lifecycle-signed-off');
      await qa.context().close();

      // …and the CEO completes the support on its last day.
      await openAgreement(ceo, 'active', parties);
      const complete = ceo.getByRole('form', { name: 'Complete the support' });
      await complete.getByLabel('Completed by').fill('CEO');
      await complete.getByRole('button', { name: 'Complete' }).click();
      await said(ceo, 'Completed').waitFor({ timeout: 30_000 });
      expect((await agreement(drafted.id)).status).toBe('completed');
      await ceo.getByRole('heading', { name: `Agreement: ${supporting.name} supporting ${supported.name} (completed)` }).waitFor();
      await checked(ceo, 'support-lifecycle-completed');
      await ceo.context().close();
    }, 600_000);
  });
  describe('CPD', () => {
    interface Enrolment {
      id: string;
      staffId: string;
      status: string;
      position: number | null;
    }

    it('lets the CPD lead add a programme, open a cohort on it, commission it, enrol three, complete one, withdraw another (the first waiting promoted) and record an evaluation, each refused once beside its field', async () => {
      const code = `WF-${run.toUpperCase()}`;
      const t = trust();
      const { items: staff } = await suite.platform.get<{ items: { id: string; schoolId: string; firstName: string; lastName: string }[] }>(
        `${t}/staff?status=employed&limit=500`,
        'cpd-lead',
      );
      const [a, b, c] = staff;
      const { items: schools } = await suite.platform.get<{ items: { id: string; name: string }[] }>(
        `${t}/schools?membership=member&limit=1000`,
        'cpd-lead',
      );
      const page = await signedIn('cpd-lead');
      await page.waitForURL('**/cpd');

      // A programme: refused without a skill, the rest kept; then added.
      const add = page.getByRole('form', { name: 'Add a programme' });
      await add.getByLabel('Code', { exact: true }).fill(code);
      await add.getByLabel('Name', { exact: true }).fill('Workflow test: phonics for Year 1');
      await add.getByLabel('Provider', { exact: true }).fill('Trust English hub');
      await add.getByLabel('Cost per place (£)', { exact: true }).fill('100');
      await add.getByLabel('Length (months)', { exact: true }).fill('3');
      await add.getByRole('button', { name: 'Add the programme' }).click();
      const noSkill = besideField(add, 'Skills it develops');
      await noSkill.waitFor({ timeout: 30_000 });
      await expect(noSkill.innerText()).resolves.toMatch(/skills/);
      await expect(add.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Workflow test: phonics for Year 1');
      await checked(page, 'cpd-programme-refused');
      await add.getByLabel('Skills it develops', { exact: true }).selectOption(['coaching-and-mentoring', 'data-analysis']);
      await add.getByRole('button', { name: 'Add the programme' }).click();
      await said(add, `${code} (Workflow test: phonics for Year 1) is in the catalogue`).waitFor({ timeout: 30_000 });
      const programme = (
        await suite.platform.get<{ items: { id: string; code: string; costPerPlace: number; skills: string[] }[] }>(
          `${t}/programmes?limit=500`,
          'cpd-lead',
        )
      ).items.find((p) => p.code === code)!;
      expect(programme).toMatchObject({ costPerPlace: 10_000, skills: ['coaching-and-mentoring', 'data-analysis'] });

      // A cohort of two places with one session today: refused with a session in the past first.
      const open = page.getByRole('form', { name: 'Open a cohort' });
      await open.getByLabel('Programme', { exact: true }).selectOption(programme.id);
      await open.getByLabel('Places', { exact: true }).fill('2');
      await open.getByLabel('Venue', { exact: true }).selectOption(schools[0].id);
      await open.getByLabel('First session on', { exact: true }).fill(day(-1));
      await open.getByLabel('First session title', { exact: true }).fill('Phonics day');
      await open.getByLabel('Facilitators', { exact: true }).selectOption([c.id]);
      await open.getByRole('button', { name: 'Open the cohort' }).click();
      const past = besideField(open, 'First session on');
      await past.waitFor({ timeout: 30_000 });
      await expect(past.innerText()).resolves.toMatch(/in the past/);
      await expect(open.getByLabel('First session title', { exact: true }).inputValue()).resolves.toBe('Phonics day');
      await checked(page, 'cpd-cohort-refused');
      await open.getByLabel('First session on', { exact: true }).fill(day(0));
      await open.getByRole('button', { name: 'Open the cohort' }).click();
      await said(open, 'is open with 2 places').waitFor({ timeout: 30_000 });
      const {
        items: [cohort],
      } = await suite.platform.get<{ items: { id: string; places: number; firstSession: string }[] }>(
        `${t}/cohorts?programmeId=${programme.id}`,
        'cpd-lead',
      );
      expect(cohort).toMatchObject({ places: 2, firstSession: day(0) });

      // A commission for the enrolled staff's schools: refused for a budget below one place, then made.
      const commission = page.getByRole('form', { name: 'Commission a programme' });
      await commission.getByLabel('Programme', { exact: true }).selectOption(programme.id);
      await commission.getByLabel('For schools', { exact: true }).selectOption([...new Set([a.schoolId, b.schoolId])]);
      await commission.getByLabel('Budget (£)', { exact: true }).fill('50');
      await commission.getByRole('button', { name: 'Commission' }).click();
      const short = besideField(commission, 'Budget (£)');
      await short.waitFor({ timeout: 30_000 });
      await expect(short.innerText()).resolves.toMatch(/does not pay for one place/);
      await checked(page, 'cpd-commission-refused');
      await commission.getByLabel('Budget (£)', { exact: true }).fill('1000');
      await commission.getByRole('button', { name: 'Commission' }).click();
      await said(commission, `${code} commissioned`).waitFor({ timeout: 30_000 });
      const commissions = await suite.platform.get<{ items: { programmeCode: string; budgetPence: number; schoolIds: string[] }[] }>(
        `${t}/commissions?programmeId=${programme.id}`,
        'cpd-lead',
      );
      expect(commissions.items.find((m) => m.programmeCode === code)).toMatchObject({ budgetPence: 100_000 });

      // Three enrolments into two places: the third waits at position 1.
      const enrol = page.getByRole('form', { name: 'Enrol a member of staff' });
      for (const person of [a, b, c]) {
        await enrol.getByLabel('Cohort', { exact: true }).selectOption(cohort.id);
        await enrol.getByLabel('Member of staff', { exact: true }).selectOption(person.id);
        await enrol.getByRole('button', { name: 'Enrol' }).click();
        await said(enrol, `${person.firstName} ${person.lastName} ${person === c ? 'is on the waitlist' : 'has a place'}`).waitFor({
          timeout: 30_000,
        });
      }
      const enrolments = async () =>
        new Map(
          (await suite.platform.get<{ items: Enrolment[] }>(`${t}/enrolments?cohortId=${cohort.id}`, 'cpd-lead')).items.map(
            (e) => [e.staffId, e] as const,
          ),
        );
      const before = await enrolments();
      expect([before.get(a.id)?.status, before.get(b.id)?.status, before.get(c.id)]).toEqual([
        'enrolled',
        'enrolled',
        expect.objectContaining({ status: 'waitlisted', position: 1 }),
      ]);

      // Completing the one waiting is refused beside the enrolment; completing the first enrolled is done.
      const step = page.getByRole('form', { name: 'Complete or withdraw an enrolment' });
      await step.getByLabel('Cohort', { exact: true }).selectOption(cohort.id);
      await step.getByLabel('Enrolment', { exact: true }).selectOption(before.get(c.id)!.id);
      await step.getByLabel('Step', { exact: true }).selectOption('complete');
      await step.getByRole('button', { name: 'Save the step' }).click();
      const waiting = besideField(step, 'Enrolment');
      await waiting.waitFor({ timeout: 30_000 });
      await expect(waiting.innerText()).resolves.toMatch(/waitlisted/);
      await checked(page, 'cpd-enrolment-refused');
      await step.getByLabel('Enrolment', { exact: true }).selectOption(before.get(a.id)!.id);
      await step.getByRole('button', { name: 'Save the step' }).click();
      await said(step, `${a.firstName} ${a.lastName} completed the cohort`).waitFor({ timeout: 30_000 });
      expect((await enrolments()).get(a.id)?.status).toBe('completed');

      // Withdrawing the second gives the place to the one waiting.
      await step.getByLabel('Enrolment', { exact: true }).selectOption(before.get(b.id)!.id);
      await step.getByLabel('Step', { exact: true }).selectOption('withdraw');
      await step.getByRole('button', { name: 'Save the step' }).click();
      await said(step, `the place went to ${c.firstName} ${c.lastName}`).waitFor({ timeout: 30_000 });
      const after = await enrolments();
      expect([after.get(b.id)?.status, after.get(c.id)?.status]).toEqual(['withdrawn', 'enrolled']);
      await checked(page, 'cpd-enrolment-withdrawn-promoted');

      // An evaluation of the programme: refused with the periods the wrong way round, then recorded.
      const evaluate = page.getByRole('form', { name: 'Record an evaluation' });
      await evaluate.getByLabel('Programme', { exact: true }).selectOption(programme.id);
      await evaluate.getByLabel('Measure', { exact: true }).selectOption('attainmentExpectedStandard');
      await evaluate.getByLabel('Before (period)', { exact: true }).fill('2024/25');
      await evaluate.getByLabel('After (period)', { exact: true }).fill('2023/24');
      await evaluate.getByRole('button', { name: 'Record the evaluation' }).click();
      const order = besideField(evaluate, 'Before (period)');
      await order.waitFor({ timeout: 30_000 });
      await expect(order.innerText()).resolves.toMatch(/earlier period/);
      await checked(page, 'cpd-evaluation-refused');
      await evaluate.getByLabel('Before (period)', { exact: true }).fill('2023/24');
      await evaluate.getByLabel('After (period)', { exact: true }).fill('2024/25');
      await evaluate.getByRole('button', { name: 'Record the evaluation' }).click();
      await said(evaluate, `Evaluation of ${code} recorded`).waitFor({ timeout: 30_000 });
      const evaluations = await suite.platform.get<{
        items: { programmeCode: string; result: { measure: string; before: string; after: string } }[];
      }>(`${t}/evaluations?programmeId=${programme.id}`, 'cpd-lead');
      expect(evaluations.items.find((e) => e.programmeCode === code)?.result).toMatchObject({
        measure: 'attainmentExpectedStandard',
        before: '2023/24',
        after: '2024/25',
      });
      await page
        .getByRole('table', { name: /^Evaluations/ })
        .getByRole('cell', { name: code, exact: true })
        .waitFor();
      await checked(page, 'cpd-evaluation-recorded');
      await page.context().close();
    }, 600_000);
  });
});
