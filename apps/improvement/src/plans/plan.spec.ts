import { describe, expect, it } from '@jest/globals';
import { actionProblems, canOpenPlan, changeActionStatus, priorityProblems, type ImprovementPlan } from './plan';
import { linkProblems, sameLink, type PriorityLink } from './priority-links';
import { action, plan, priority, SCHOOL } from './test-fixtures';

describe('one live plan per school per academic year', () => {
  const existing: Pick<ImprovementPlan, 'id' | 'schoolId' | 'academicYear' | 'status'>[] = [
    { id: 'p-live', schoolId: SCHOOL, academicYear: '2025/26', status: 'live' },
    { id: 'p-old', schoolId: SCHOOL, academicYear: '2024/25', status: 'closed' },
    { id: 'p-other', schoolId: 'other-school', academicYear: '2026/27', status: 'live' },
  ];
  it.each<[string, string, string, string | null]>([
    [
      'a second live plan for the same year',
      SCHOOL,
      '2025/26',
      'The school already has a live improvement plan for 2025/26 (p-live); close it before opening another.',
    ],
    ['a year whose plan was closed', SCHOOL, '2024/25', null],
    ['the next year', SCHOOL, '2026/27', null],
    ['another school in the same year', 'other-school', '2025/26', null],
    ['not an academic year', SCHOOL, '2025/27', '"2025/27" is not an academic year such as 2025/26.'],
  ])('%s', (_, school, year, message) => {
    const result = canOpenPlan(existing, school, year);
    if (message === null) expect(result).toEqual({ ok: true, value: true });
    else expect(result).toMatchObject({ ok: false, refusals: [{ message }] });
  });
});

describe('priorities link to an area of one framework, or to a measure', () => {
  it.each<[string, object, string[]]>([
    ['an OEIF area', { kind: 'inspection-area', framework: 'oeif', area: 'quality-of-education' }, []],
    ['a report-card area', { kind: 'inspection-area', framework: 'report-card', area: 'attendance-and-behaviour' }, []],
    ['a measure', { kind: 'measure', measure: 'persistentAbsence' }, []],
    [
      'a report-card area under the OEIF',
      { kind: 'inspection-area', framework: 'oeif', area: 'inclusion' },
      [
        '"inclusion" is not an area of the OEIF; its areas are quality-of-education, behaviour-and-attitudes, personal-development, leadership-and-management, early-years, sixth-form',
      ],
    ],
    [
      'an OEIF area under the report card',
      { kind: 'inspection-area', framework: 'report-card', area: 'quality-of-education' },
      [
        '"quality-of-education" is not an area of the report card; its areas are inclusion, curriculum-and-teaching, achievement, attendance-and-behaviour, personal-development-and-wellbeing, early-years, post-16, leadership-and-governance',
      ],
    ],
    [
      'an unknown framework',
      { kind: 'inspection-area', framework: 'section-5', area: 'x' },
      ['the framework must be one of oeif, report-card, not "section-5"'],
    ],
    [
      'an unknown measure',
      { kind: 'measure', measure: 'happiness' },
      [expect.stringMatching(/^"happiness" is not a school measure; the measures are pupilsOnRoll, /) as unknown as string],
    ],
    ['neither', { kind: 'vibes' }, ['a priority is linked to an inspection-area or a measure, not "vibes"']],
  ])('%s', (_, link, problems) => {
    expect(linkProblems(link)).toEqual(problems);
  });

  it.each<[string, PriorityLink, PriorityLink, boolean]>([
    [
      'the same area of the same framework',
      { kind: 'inspection-area', framework: 'oeif', area: 'early-years' },
      { kind: 'inspection-area', framework: 'oeif', area: 'early-years' },
      true,
    ],
    [
      'early years under the two frameworks is never the same thing',
      { kind: 'inspection-area', framework: 'oeif', area: 'early-years' },
      { kind: 'inspection-area', framework: 'report-card', area: 'early-years' },
      false,
    ],
    [
      'a measure and an area',
      { kind: 'measure', measure: 'attendance' },
      { kind: 'inspection-area', framework: 'report-card', area: 'attendance-and-behaviour' },
      false,
    ],
    ['the same measure', { kind: 'measure', measure: 'attendance' }, { kind: 'measure', measure: 'attendance' }, true],
  ])('same link? %s', (_, a, b, same) => {
    expect(sameLink(a, b)).toBe(same);
  });

  it.each<[string, ImprovementPlan, object, object[]]>([
    ['a good priority', plan([]), { title: 'Reading', link: { kind: 'measure', measure: 'attainmentExpectedStandard' } }, []],
    [
      'a second priority on the same area',
      plan([priority('Raise achievement', [])]),
      { title: 'Again', link: { kind: 'inspection-area', framework: 'report-card', area: 'achievement' } },
      [{ field: 'link', problems: ['the plan already has a priority on achievement (the report card): "Raise achievement"'] }],
    ],
    [
      'the same area under the other framework is allowed',
      plan([priority('Raise achievement', [])]),
      { title: 'QoE', link: { kind: 'inspection-area', framework: 'oeif', area: 'quality-of-education' } },
      [],
    ],
    [
      'no title, no link, closed plan',
      { ...plan([]), status: 'closed' },
      { title: ' ' },
      [
        { field: 'plan', problems: ['priorities can only be added to a live plan'] },
        { field: 'title', problems: ['a priority needs a title'] },
        { field: 'link', problems: ['a priority is linked to an inspection area or a measure'] },
      ],
    ],
  ])('priority: %s', (_, p, input, problems) => {
    expect(priorityProblems(p, input)).toEqual(problems);
  });
});

describe('actions', () => {
  it.each<[string, object, object[]]>([
    ['complete', { title: 'Phonics CPD', ownerId: 's1', dueOn: '2026-02-01' }, []],
    [
      'missing everything',
      { title: '', dueOn: '2026-02-30' },
      [
        { field: 'title', problems: ['an action needs a title'] },
        { field: 'ownerId', problems: ['an action needs an owner'] },
        { field: 'dueOn', problems: ['an action needs a due date as YYYY-MM-DD'] },
      ],
    ],
  ])('new action: %s', (_, input, problems) => {
    expect(actionProblems(input)).toEqual(problems);
  });

  it.each<[string, ReturnType<typeof action>, Parameters<typeof changeActionStatus>[1], string[], object]>([
    ['on track → at risk', action('on-track'), 'at-risk', [], { ok: true, value: { status: 'at-risk', evidence: [] } }],
    [
      'done with evidence',
      action('on-track'),
      'done',
      ['lesson drop-ins 3 Feb'],
      { ok: true, value: { status: 'done', evidence: ['lesson drop-ins 3 Feb'] } },
    ],
    [
      'done without evidence',
      action('on-track', '2026-03-31', { title: 'Phonics CPD' }),
      'done',
      ['  '],
      { ok: false, refusals: [{ rule: 'evidence', message: '"Phonics CPD" cannot be marked done without evidence of it.' }] },
    ],
    [
      'reopening a done action keeps its evidence',
      action('done'),
      'off-track',
      [],
      { ok: true, value: { status: 'off-track', evidence: ['minutes of the review meeting'] } },
    ],
    [
      'the same status again',
      action('at-risk'),
      'at-risk',
      [],
      { ok: false, refusals: [{ rule: 'unchanged', message: 'The action is already at risk.' }] },
    ],
    [
      'the same status with new evidence',
      action('on-track'),
      'on-track',
      ['visit notes'],
      { ok: true, value: { status: 'on-track', evidence: ['visit notes'] } },
    ],
  ])('status: %s', (_, a, to, evidence, expected) => {
    expect(changeActionStatus(a, to, evidence)).toMatchObject(expected);
  });
});
