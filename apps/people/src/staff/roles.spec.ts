import { describe, expect, it } from '@jest/globals';
import {
  currentRoles,
  daysInRoles,
  describeServed,
  servedInRoles,
  HEADSHIP_ROLES,
  roleSpellProblems,
  schoolsLedOn,
  yearsInRoles,
  yearsOfHeadship,
  LEADERSHIP_BELOW_HEAD_ROLES,
  type RoleSpell,
} from './roles';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const spell = (role: RoleSpell['role'], startedOn: string, endedOn: string | null = null, schoolId: string | null = A): RoleSpell => ({
  role,
  schoolId,
  startedOn,
  endedOn,
});

describe('years of headship from role history', () => {
  it.each<[string, RoleSpell[], string, number]>([
    ['no headship', [spell('deputy-headteacher', '2015-09-01')], '2025-09-01', 0],
    ['exactly two years of headship', [spell('headteacher', '2023-09-01')], '2025-09-01', 2],
    ['one day short of two years', [spell('headteacher', '2023-09-01')], '2025-08-31', 1.99],
    ['a future spell does not count', [spell('headteacher', '2026-09-01')], '2025-09-01', 0],
    ['an ended spell counts up to its end', [spell('headteacher', '2015-09-01', '2018-08-31')], '2025-09-01', 3],
    [
      'headteacher then executive head: both are headship',
      [spell('headteacher', '2019-09-01', '2022-08-31'), spell('executive-headteacher', '2022-09-01')],
      '2025-09-01',
      6,
    ],
    [
      'executive head of two schools at once counts each day once',
      [spell('executive-headteacher', '2021-09-01', null, A), spell('executive-headteacher', '2021-09-01', null, B)],
      '2025-09-01',
      4,
    ],
    [
      'overlapping spells at two schools merge',
      [spell('executive-headteacher', '2020-09-01', '2023-08-31', A), spell('executive-headteacher', '2022-09-01', null, B)],
      '2025-09-01',
      5,
    ],
    ['head of school is not headship', [spell('head-of-school', '2015-09-01')], '2025-09-01', 0],
  ])('%s', (_, history, on, years) => {
    expect(yearsOfHeadship(history, on)).toBe(years);
  });

  it('counts middle and senior leadership below head for SLEs', () => {
    const history = [
      spell('middle-leader', '2019-09-01', '2021-08-31'),
      spell('assistant-headteacher', '2021-09-01'),
      spell('teacher', '2010-09-01'),
    ];
    expect(yearsInRoles(history, LEADERSHIP_BELOW_HEAD_ROLES, '2025-09-01')).toBe(6);
    expect(daysInRoles(history, ['teacher'], '2010-09-02')).toBe(1);
  });
});

describe('time served, counted on the calendar', () => {
  it.each<[string, RoleSpell[], string, string, number]>([
    ['two years across a leap day', [spell('headteacher', '2023-09-01')], '2025-09-01', '2 years', 2],
    ['one day short', [spell('headteacher', '2023-09-01')], '2025-08-31', '1 year and 365 days', 1], // the year before 31 August 2025 has 365 days; the one before that has a leap day,
    ['five years with one leap day', [spell('headteacher', '2020-09-01')], '2025-09-01', '5 years', 5],
    ['a day', [spell('headteacher', '2025-08-31')], '2025-09-01', '1 day', 0],
    ['nothing', [], '2025-09-01', 'no time', 0],
  ])('%s', (_, history, on, text, years) => {
    const served = servedInRoles(history, HEADSHIP_ROLES, on);
    expect(describeServed(served)).toBe(text);
    expect(served.years).toBe(years);
  });
});

describe('current roles and the schools a leader leads', () => {
  const history = [
    spell('headteacher', '2016-09-01', '2021-08-31', A),
    spell('executive-headteacher', '2021-09-01', null, A),
    spell('executive-headteacher', '2023-01-01', null, B),
  ];

  it.each<[string, string[], string[]]>([
    ['2020-01-01', ['headteacher'], [A]],
    ['2022-01-01', ['executive-headteacher'], [A]],
    ['2025-01-01', ['executive-headteacher', 'executive-headteacher'], [A, B]],
    ['2010-01-01', [], []],
  ])('on %s holds %j and leads %j', (on, roles, schools) => {
    expect(currentRoles(history, on).map((s) => s.role)).toEqual(roles);
    expect(schoolsLedOn(history, on)).toEqual(schools);
  });

  it('a role ending today is still held today', () => {
    expect(currentRoles([spell('teacher', '2020-09-01', '2025-08-31')], '2025-08-31')).toHaveLength(1);
    expect(currentRoles([spell('teacher', '2020-09-01', '2025-08-31')], '2025-09-01')).toHaveLength(0);
  });
});

describe('roleSpellProblems', () => {
  const head = spell('headteacher', '2020-09-01', null, A);

  it.each<[string, RoleSpell[], RoleSpell, string[]]>([
    ['a new role is fine', [], head, []],
    [
      'an executive head may lead a second school at once',
      [spell('executive-headteacher', '2020-09-01', null, A)],
      spell('executive-headteacher', '2021-09-01', null, B),
      [],
    ],
    ['a teacher may also be SENCO', [spell('teacher', '2020-09-01')], spell('senco', '2021-09-01'), []],
    ['a head may move school after the first headship ends', [spell('headteacher', '2015-09-01', '2020-08-31', B)], head, []],
    [
      'a role ending before it starts',
      [],
      spell('teacher', '2020-09-01', '2020-08-31'),
      ['the role cannot end (31 August 2020) before it starts (1 September 2020)'],
    ],
    ['CEO has no school', [], spell('ceo', '2020-09-01', null, A), ['CEO is a trust-level role: it has no school']],
    ['a school role needs a school', [], spell('teacher', '2020-09-01', null, null), ['teacher is held in a school: give the school']],
    [
      'the same role twice at once',
      [head],
      spell('headteacher', '2021-09-01', null, A),
      ['this overlaps the same role already recorded: headteacher from 1 September 2020'],
    ],
    [
      'a headteacher of two schools at once',
      [head],
      spell('headteacher', '2021-09-01', null, B),
      [
        'a headteacher leads one school at a time, and this overlaps headteacher from 1 September 2020 at another school; someone leading several schools at once is an executive headteacher',
      ],
    ],
  ])('%s', (_, history, candidate, problems) => {
    expect(roleSpellProblems(history, candidate)).toEqual(problems);
  });
});
