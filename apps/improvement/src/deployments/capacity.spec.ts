import { describe, expect, it } from '@jest/globals';
import type { AgreementStatus, Deployment } from '../agreements/agreement';
import { agreement, leader, LEADER } from '../agreements/test-fixtures';
import { academicYearsBetween, committedDaysByYear, deploymentRefusals, splitDaysByYear } from './capacity';
import type { LeaderFacts } from './leaders';

const other = (id: string, status: AgreementStatus, days: number, startsOn = '2026-09-01', endsOn = '2027-07-20') =>
  agreement({
    id,
    status,
    deployments: [{ leaderId: LEADER, days }],
    schedule: { startsOn, endsOn, interimReportsDue: [], finalReportDue: endsOn },
  });

describe('days by academic year', () => {
  it.each<[string, string, string[]]>([
    ['2026-09-01', '2027-07-20', ['2026/27']],
    ['2026-01-05', '2026-12-18', ['2025/26', '2026/27']],
    ['2025-08-31', '2027-09-01', ['2024/25', '2025/26', '2026/27', '2027/28']],
  ])('%s to %s touches %j', (from, to, years) => {
    expect(academicYearsBetween(from, to)).toEqual(years);
  });

  it.each<[string, Deployment, string, string, Record<string, number>]>([
    ['within one year', { leaderId: LEADER, days: 10 }, '2026-09-01', '2027-07-20', { '2026/27': 10 }],
    // 1 Jan–31 Aug 2026 is 243 days, 1 Sept–31 Dec 2026 is 122: 20 × 243/365 = 13.3 and 6.7 → 13 + 7.
    ['a calendar year, pro rata', { leaderId: LEADER, days: 20 }, '2026-01-01', '2026-12-31', { '2025/26': 13, '2026/27': 7 }],
    // Two equal halves of an odd number: the tie goes to the earlier year.
    ['an even split of odd days', { leaderId: LEADER, days: 5 }, '2026-07-01', '2026-10-31', { '2025/26': 3, '2026/27': 2 }],
    [
      'the agreement’s own split',
      { leaderId: LEADER, days: 20, daysByYear: { '2025/26': 4, '2026/27': 16 } },
      '2026-01-01',
      '2026-12-31',
      { '2025/26': 4, '2026/27': 16 },
    ],
  ])('%s', (_, d, from, to, split) => {
    const result = splitDaysByYear(d, from, to);
    expect(result).toEqual(split);
    expect(Object.values(result).reduce((s, n) => s + n, 0)).toBe(d.days);
  });

  it('agreed, active and completed agreements count; drafts and ended ones do not', () => {
    const all = [
      other('a', 'draft', 5),
      other('b', 'agreed', 6),
      other('c', 'active', 7),
      other('d', 'completed', 8),
      other('e', 'ended', 9),
    ];
    expect(Object.fromEntries(committedDaysByYear(LEADER, all))).toEqual({ '2026/27': { days: 21, agreements: 3 } });
    expect(Object.fromEntries(committedDaysByYear(LEADER, all, 'c'))).toEqual({ '2026/27': { days: 14, agreements: 2 } });
  });
});

describe('a deployment never takes a leader past their days', () => {
  const candidate = (days: number) => agreement({ id: 'new', deployments: [{ leaderId: LEADER, days }] });
  it.each<[string, LeaderFacts, number, ReturnType<typeof other>[], string[]]>([
    ['within the days left', leader(), 10, [other('a', 'active', 20)], []],
    ['exactly the days left', leader(), 10, [other('a', 'active', 12), other('b', 'agreed', 8)], []],
    [
      'one day over',
      leader(),
      11,
      [other('a', 'active', 12), other('b', 'agreed', 8)],
      [
        'capacity: Deploying leader d0000000-0000-4000-8000-000000000004 for 11 days would be 31 of 30 days in 2026/27 (20 days already in 2 other agreements).',
      ],
    ],
    [
      'the brief’s example: 34 of 30',
      leader(),
      10,
      [other('a', 'active', 24)],
      [
        'capacity: Deploying leader d0000000-0000-4000-8000-000000000004 for 10 days would be 34 of 30 days in 2026/27 (24 days already in 1 other agreement).',
      ],
    ],
    ['a draft and an ended agreement do not count', leader(), 30, [other('a', 'draft', 24), other('b', 'ended', 24)], []],
    [
      'a completed agreement used its days',
      leader(),
      12,
      [other('a', 'completed', 20, '2026-09-01', '2026-12-18')],
      [
        'capacity: Deploying leader d0000000-0000-4000-8000-000000000004 for 12 days would be 32 of 30 days in 2026/27 (20 days already in 1 other agreement).',
      ],
    ],
    ['an agreement in another academic year does not compete', leader(), 30, [other('a', 'active', 30, '2027-09-01', '2028-07-20')], []],
    [
      'no release recorded for the year',
      leader({ availableDaysByYear: {} }),
      2,
      [],
      ['capacity: Deploying leader d0000000-0000-4000-8000-000000000004 for 2 days would be 2 of 0 days in 2026/27 (none elsewhere).'],
    ],
    [
      'a suspended designation',
      leader({ designations: [{ designationId: 'd', type: 'nle', status: 'suspended' }] }),
      1,
      [],
      [
        'designation: Leader d0000000-0000-4000-8000-000000000004 cannot be deployed: only leaders with an active designation can be, and they have NLE (suspended).',
      ],
    ],
    [
      'not designated at all',
      leader({ designations: [] }),
      1,
      [],
      [
        'designation: Leader d0000000-0000-4000-8000-000000000004 cannot be deployed: only leaders with an active designation can be, and they have no designation.',
      ],
    ],
    ['the same agreement redecided does not count its own days twice', leader(), 30, [other('new', 'agreed', 30)], []],
  ])('%s', (_, l, days, others, refusals) => {
    const c = candidate(days);
    expect(deploymentRefusals(l, c.deployments[0], c, others).map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });

  it('an agreement across two years is checked in each year it touches', () => {
    const spanning = agreement({
      id: 'new',
      deployments: [{ leaderId: LEADER, days: 20 }],
      schedule: { startsOn: '2026-01-01', endsOn: '2026-12-31', interimReportsDue: [], finalReportDue: '2026-12-31' },
    });
    const l = leader({ availableDaysByYear: { '2025/26': 15, '2026/27': 30 } });
    expect(
      deploymentRefusals(l, spanning.deployments[0], spanning, [other('a', 'active', 5, '2025-09-01', '2026-07-20')]).map((r) => r.message),
    ).toEqual([
      'Deploying leader d0000000-0000-4000-8000-000000000004 for 13 days would be 18 of 15 days in 2025/26 (5 days already in 1 other agreement).',
    ]);
  });
});
