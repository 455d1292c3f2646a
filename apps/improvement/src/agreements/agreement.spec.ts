import { describe, expect, it } from '@jest/globals';
import { agreementProblems, type SupportAgreement } from './agreement';
import { agreement, LEADER, SUPPORTED, SUPPORTING } from './test-fixtures';

const schedule = agreement().schedule;

describe('an agreement is validated as a whole', () => {
  it('a complete agreement has no problems', () => {
    expect(agreementProblems(agreement(), { complete: true })).toEqual([]);
  });

  it('a draft may leave things out, but not contradict itself', () => {
    const draft = agreement({
      deployments: [],
      impact: [],
      responsibilities: [],
      priorityAreas: [],
      qaLeadId: null,
      schedule: { ...schedule, interimReportsDue: [] },
    });
    expect(agreementProblems(draft, { complete: false })).toEqual([]);
    expect(agreementProblems(draft, { complete: true }).map((p) => p.field)).toEqual([
      'deployments',
      'priorityAreas',
      'responsibilities',
      'schedule.interimReportsDue',
      'impact',
      'qaLeadId',
    ]);
  });

  it.each<[string, Partial<SupportAgreement>, { field: string; problems: string[] }[]]>([
    [
      'no schools',
      { supportedSchoolIds: [], supportingSchoolIds: [] },
      [
        { field: 'supportedSchoolIds', problems: ['an agreement supports at least one school'] },
        { field: 'supportingSchoolIds', problems: ['an agreement needs at least one supporting school'] },
      ],
    ],
    [
      'a school on both sides',
      { supportedSchoolIds: [SUPPORTED, SUPPORTING] },
      [{ field: 'supportingSchoolIds', problems: [`school ${SUPPORTING} cannot be both supported and supporting in one agreement`] }],
    ],
    [
      'a school listed twice',
      { supportedSchoolIds: [SUPPORTED, SUPPORTED] },
      [{ field: 'supportedSchoolIds', problems: [`school ${SUPPORTED} is listed twice`] }],
    ],
    [
      'a leader deployed twice, and no days',
      {
        deployments: [
          { leaderId: LEADER, days: 4 },
          { leaderId: LEADER, days: 0 },
        ],
      },
      [
        { field: 'deployments', problems: [`leader ${LEADER} is deployed twice; give them one deployment with all their days`] },
        { field: 'deployments.1.days', problems: ['days must be a whole number of at least 1, not 0'] },
      ],
    ],
    [
      'a by-year split that does not add up',
      { deployments: [{ leaderId: LEADER, days: 10, daysByYear: { '2026/27': 6 } }] },
      [{ field: 'deployments.0.daysByYear', problems: ['the days by year add up to 6, not the 10 days deployed'] }],
    ],
    [
      'an area of the wrong framework',
      { priorityAreas: [{ kind: 'inspection-area', framework: 'oeif', area: 'achievement' }] },
      [{ field: 'priorityAreas.0', problems: [expect.stringMatching(/^"achievement" is not an area of the OEIF/) as unknown as string] }],
    ],
    [
      'an empty responsibility; the supporting school says nothing',
      {
        responsibilities: [
          { party: 'supported', text: 'Release staff' },
          { party: 'supporting', text: ' ' },
        ],
      },
      [
        { field: 'responsibilities.1.text', problems: ['a responsibility needs a description'] },
        { field: 'responsibilities', problems: ["the supporting school's responsibilities are not set out"] },
      ],
    ],
    [
      'ends before it starts; final report before the end',
      { schedule: { ...schedule, endsOn: '2026-08-31', interimReportsDue: [], finalReportDue: '2026-08-01' } },
      [
        { field: 'schedule.endsOn', problems: ['the support must end after it starts (1 September 2026), not on 31 August 2026'] },
        {
          field: 'schedule.finalReportDue',
          problems: ['the final report is due on or after the end of the support (31 August 2026), not 1 August 2026'],
        },
        { field: 'schedule.interimReportsDue', problems: ['the schedule needs at least one interim impact report'] },
        {
          field: 'impact.0.byWhen',
          problems: ['the evidence is due after the support starts and by the final report (1 August 2026), not 15 July 2027'],
        },
      ],
    ],
    [
      'interim reports outside the support, and out of order',
      { schedule: { ...schedule, interimReportsDue: ['2027-03-01', '2027-01-29', '2027-07-20'] } },
      [
        {
          field: 'schedule.interimReportsDue.1',
          problems: ['interim reports are listed in date order, each after the one before (1 March 2027)'],
        },
        {
          field: 'schedule.interimReportsDue.2',
          problems: ['an interim report falls during the support (after 1 September 2026 and before 20 July 2027), not on 20 July 2027'],
        },
      ],
    ],
    [
      'a date that does not exist',
      { schedule: { ...schedule, endsOn: '2027-02-30' } },
      [{ field: 'schedule', problems: ['every date must be a real date as YYYY-MM-DD'] }],
    ],
    [
      'a target equal to the baseline, no measure',
      { impact: [{ id: 'c', measure: '', baseline: 90, target: 90, byWhen: '2027-07-01' }] },
      [
        { field: 'impact.0.measure', problems: ['a criterion names what is measured'] },
        { field: 'impact.0.target', problems: ['the target must differ from the baseline (90), or there is nothing to measure'] },
      ],
    ],
    [
      'funding from nowhere, in fractions of a penny',
      { funding: { source: 'lottery' as never, amountPence: 10.5 } },
      [
        {
          field: 'funding.source',
          problems: ['the source must be one of strategic-improvement-fund, trust-budget, local-authority, dfe-grant, other'],
        },
        { field: 'funding.amountPence', problems: ['the amount is a whole number of pence, at least 0'] },
      ],
    ],
  ])('%s', (_, overrides, problems) => {
    expect(agreementProblems(agreement(overrides), { complete: true })).toEqual(problems);
  });
});
