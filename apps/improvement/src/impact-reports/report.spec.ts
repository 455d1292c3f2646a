import { describe, expect, it } from '@jest/globals';
import type { AgreementStatus } from '../agreements/agreement';
import { agreement, LEADER, QA_LEAD } from '../agreements/test-fixtures';
import { planReportRun, scheduledReports, signOff, submitReport, type ImpactReport } from './report';

const a = agreement({
  status: 'active',
  impact: [
    { id: 'reading', measure: 'KS2 reading at expected standard (%)', baseline: 52, target: 64, byWhen: '2027-07-15' },
    { id: 'absence', measure: 'Persistent absence (%)', baseline: 24, target: 16, byWhen: '2027-07-15' },
  ],
  schedule: { startsOn: '2026-09-01', endsOn: '2027-07-20', interimReportsDue: ['2026-12-18', '2027-03-31'], finalReportDue: '2027-07-31' },
});
const [interim1, interim2, final] = scheduledReports(a);

describe('reports from the schedule', () => {
  it('one per interim date, then the final', () => {
    expect(scheduledReports(a).map((r) => [r.id, r.kind, r.sequence, r.dueOn, r.status])).toEqual([
      ['agr-1:interim-1', 'interim', 1, '2026-12-18', 'due'],
      ['agr-1:interim-2', 'interim', 2, '2027-03-31', 'due'],
      ['agr-1:final', 'final', 0, '2027-07-31', 'due'],
    ]);
  });
});

describe('submitting a report', () => {
  it('judges every criterion and the whole', () => {
    const result = submitReport(interim1, a, {
      measured: { reading: 64, absence: 22 },
      narrative: ' Phonics catch-up groups ran all term. ',
      today: '2026-12-17',
    });
    expect(result).toMatchObject({
      ok: true,
      report: {
        status: 'submitted',
        submittedOn: '2026-12-17',
        overall: 'partly-met',
        narrative: 'Phonics catch-up groups ran all term.',
        judgements: [
          { criterionId: 'reading', judgement: 'met' },
          { criterionId: 'absence', judgement: 'not-met', progress: 0.25 },
        ],
      },
    });
  });

  it.each<[string, ImpactReport, AgreementStatus, Record<string, number>, string, string[]]>([
    [
      'a criterion not measured',
      interim1,
      'active',
      { reading: 60 },
      'notes',
      ['measured: No measured value for "Persistent absence (%)".'],
    ],
    [
      'a value for a criterion the agreement does not have',
      interim1,
      'active',
      { reading: 60, absence: 20, maths: 3 },
      'notes',
      ['measured: "maths" is not a criterion of this agreement.'],
    ],
    [
      'no narrative',
      interim1,
      'active',
      { reading: 60, absence: 20 },
      ' ',
      ['narrative: A report needs a narrative of what was done and what changed.'],
    ],
    [
      'submitted twice',
      { ...interim1, status: 'submitted' },
      'active',
      { reading: 60, absence: 20 },
      'notes',
      ['status: Interim report 1 is already submitted.'],
    ],
    [
      'for support not started',
      interim1,
      'agreed',
      { reading: 60, absence: 20 },
      'notes',
      ['agreement: Reports are submitted for active support; this agreement is agreed.'],
    ],
  ])('refuses %s', (_, report, status, measured, narrative, refusals) => {
    const result = submitReport(report, { ...a, status }, { measured, narrative, today: '2026-12-17' });
    expect(result.ok ? [] : result.refusals.map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });
});

describe('signing off: the final report, by the QA lead only', () => {
  const submitted = (r: ImpactReport): ImpactReport => ({ ...r, status: 'submitted' });
  it.each<[string, ImpactReport, string, string | null]>([
    ['the QA lead signs the submitted final report', submitted(final), QA_LEAD, null],
    ['a deployed leader tries', submitted(final), LEADER, 'qa-lead: Only the agreement’s QA lead can sign off the final report.'],
    ['an interim report', submitted(interim2), QA_LEAD, 'kind: Only the final report is signed off; interim report 2 is not.'],
    ['a final report not yet submitted', final, QA_LEAD, 'status: The final report is due: only a submitted report can be signed off.'],
    [
      'signed off twice',
      { ...final, status: 'signed-off' },
      QA_LEAD,
      'status: The final report is signed-off: only a submitted report can be signed off.',
    ],
  ])('%s', (_, report, actor, refusal) => {
    const result = signOff(report, a, actor);
    if (refusal === null) expect(result).toMatchObject({ ok: true, report: { status: 'signed-off', signedOffBy: QA_LEAD } });
    else expect(result.ok ? null : `${result.refusals[0].rule}: ${result.refusals[0].message}`).toBe(refusal);
  });
});

describe('the daily run: reminders and overdue reports, each announced once', () => {
  const withStatus = (r: ImpactReport, agreementStatus: AgreementStatus = 'active') => ({ ...r, agreementStatus });
  it.each<[string, ReturnType<typeof withStatus>[], string, object]>([
    ['nothing near', [withStatus(interim1)], '2026-11-01', { due: [], overdue: [] }],
    [
      '14 days before: reminded',
      [withStatus(interim1)],
      '2026-12-04',
      { due: [{ id: 'agr-1:interim-1', dueOn: '2026-12-18', daysLeft: 14 }], overdue: [] },
    ],
    ['already reminded', [withStatus({ ...interim1, reminded: true })], '2026-12-10', { due: [], overdue: [] }],
    ['on the due date it is not yet overdue', [withStatus({ ...interim1, reminded: true })], '2026-12-18', { due: [], overdue: [] }],
    [
      'the day after, not submitted: overdue',
      [withStatus({ ...interim1, reminded: true })],
      '2026-12-19',
      {
        due: [],
        overdue: [
          {
            id: 'agr-1:interim-1',
            dueOn: '2026-12-18',
            daysOverdue: 1,
            message: 'Interim report 1 was due on 18 December 2026 and has not been submitted (1 day overdue).',
          },
        ],
      },
    ],
    ['already flagged overdue', [withStatus({ ...interim1, flaggedOverdue: true })], '2027-01-10', { due: [], overdue: [] }],
    ['submitted late is not overdue', [withStatus({ ...interim1, status: 'submitted' })], '2027-01-10', { due: [], overdue: [] }],
    [
      'an ended agreement expects no more reports',
      [withStatus(interim1, 'ended'), withStatus(final, 'draft')],
      '2027-09-01',
      { due: [], overdue: [] },
    ],
    [
      'an agreed agreement that has not started still owes its reports',
      [withStatus(final, 'agreed')],
      '2027-08-10',
      {
        due: [],
        overdue: [
          {
            id: 'agr-1:final',
            dueOn: '2027-07-31',
            daysOverdue: 10,
            message: 'The final report was due on 31 July 2027 and has not been submitted (10 days overdue).',
          },
        ],
      },
    ],
  ])('%s', (_, reports, today, run) => {
    expect(planReportRun(reports, today)).toEqual(run);
  });
});
