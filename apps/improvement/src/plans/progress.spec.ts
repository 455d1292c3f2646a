import { describe, expect, it } from '@jest/globals';
import type { ActionStatus } from './plan';
import { overdueActions, planAtRisk, planProgress, priorityProgress, rollUp } from './progress';
import { action, plan, priority, TODAY } from './test-fixtures';

describe('the roll-up rule', () => {
  it.each<[ActionStatus[], ActionStatus]>([
    [[], 'not-started'],
    [['done', 'done'], 'done'],
    [['not-started', 'not-started'], 'not-started'],
    [['done', 'not-started'], 'on-track'],
    [['on-track', 'not-started'], 'on-track'],
    [['done', 'on-track', 'at-risk'], 'at-risk'],
    [['at-risk', 'off-track', 'done'], 'off-track'],
    [['not-started', 'at-risk'], 'at-risk'],
  ])('%j → %s', (statuses, expected) => {
    expect(rollUp(statuses)).toBe(expected);
  });
});

describe('progress of a priority and a plan', () => {
  it.each<[string, ReturnType<typeof action>[], object]>([
    ['no actions', [], { status: 'not-started', completion: 0, actions: 0, done: 0, overdue: 0 }],
    [
      'one of three done',
      [action('done'), action('on-track'), action('not-started')],
      { status: 'on-track', completion: 33, done: 1, overdue: 0 },
    ],
    ['two of three done', [action('done'), action('done'), action('on-track')], { status: 'on-track', completion: 67 }],
    [
      'an overdue action counts as off track whatever its owner says',
      [action('on-track', '2026-01-14'), action('done')],
      { status: 'off-track', completion: 50, overdue: 1 },
    ],
    ['an action due today is not overdue', [action('on-track', TODAY)], { status: 'on-track', overdue: 0 }],
    ['a done action past its date is not overdue', [action('done', '2025-10-01')], { status: 'done', completion: 100, overdue: 0 }],
  ])('priority: %s', (_, actions, expected) => {
    expect(priorityProgress(priority('p', actions), TODAY)).toMatchObject(expected);
  });

  it('each priority weighs the same in the plan, whatever its number of actions', () => {
    const p = plan([
      priority('one action, done', [action('done')]),
      priority('four actions, one done', [action('done'), action('on-track'), action('on-track'), action('on-track')]),
      priority('no actions yet', []),
    ]);
    // (100 % + 25 % + 0 %) / 3 = 41.67 % → 42 %, where counting actions would give 2 of 5 = 40 %.
    expect(planProgress(p, TODAY)).toMatchObject({
      status: 'on-track',
      completion: 42,
      priorities: [{ completion: 100 }, { completion: 25 }, { completion: 0 }],
    });
  });

  it('a plan whose priorities are all done is done', () => {
    expect(planProgress(plan([priority('a', [action('done')]), priority('b', [action('done')])]), TODAY)).toMatchObject({
      status: 'done',
      completion: 100,
    });
  });
});

describe('overdue actions', () => {
  it('lists actions past their date and not done, most overdue first, with the numbers', () => {
    const p = plan([
      priority(
        'Reading',
        [action('on-track', '2026-01-14', { id: 'late-1', title: 'Phonics audit' }), action('done', '2025-12-01')],
        'pr-1',
      ),
      priority(
        'Attendance',
        [action('not-started', '2025-12-15', { id: 'late-31', title: 'First-day calling' }), action('at-risk', TODAY)],
        'pr-2',
      ),
    ]);
    expect(overdueActions(p, TODAY)).toEqual([
      {
        planId: 'plan-1',
        priorityId: 'pr-2',
        actionId: 'late-31',
        ownerId: 'owner-1',
        dueOn: '2025-12-15',
        daysOverdue: 31,
        message: '"First-day calling" was due on 15 December 2025 and is not done (31 days overdue).',
      },
      {
        planId: 'plan-1',
        priorityId: 'pr-1',
        actionId: 'late-1',
        ownerId: 'owner-1',
        dueOn: '2026-01-14',
        daysOverdue: 1,
        message: '"Phonics audit" was due on 14 January 2026 and is not done (1 day overdue).',
      },
    ]);
  });
});

describe('a plan at risk', () => {
  it.each<[string, ReturnType<typeof priority>[], number | undefined, string[] | null]>([
    ['all on track', [priority('a', [action('on-track')]), priority('b', [action('done')])], undefined, null],
    [
      'one of three priorities at risk (below half)',
      [priority('a', [action('at-risk')]), priority('b', [action('on-track')]), priority('c', [action('on-track')])],
      undefined,
      null,
    ],
    [
      'one of two unfinished priorities at risk (half)',
      [priority('a', [action('at-risk')]), priority('b', [action('on-track')]), priority('c', [action('done')])],
      undefined,
      ['1 of 2 unfinished priorities are at risk or off track (the limit is 50 %).'],
    ],
    [
      'one of three at risk with a trust share of a third',
      [priority('a', [action('at-risk')]), priority('b', [action('on-track')]), priority('c', [action('on-track')])],
      1 / 3,
      ['1 of 3 unfinished priorities are at risk or off track (the limit is 33 %).'],
    ],
    [
      'one priority off track through two overdue actions',
      [
        priority('Reading', [action('on-track', '2026-01-01'), action('not-started', '2026-01-02')]),
        priority('b', [action('on-track')]),
        priority('c', [action('on-track')]),
      ],
      undefined,
      ['Priority "Reading" is off track (2 actions overdue).'],
    ],
    [
      'both rules',
      [priority('Reading', [action('off-track')]), priority('Maths', [action('at-risk')]), priority('c', [action('on-track')])],
      undefined,
      ['Priority "Reading" is off track.', '2 of 3 unfinished priorities are at risk or off track (the limit is 50 %).'],
    ],
    ['no priorities', [], undefined, null],
  ])('%s', (_, priorities, share, reasons) => {
    expect(planAtRisk(plan(priorities), TODAY, share)).toEqual(reasons === null ? { atRisk: false } : { atRisk: true, reasons });
  });

  it('refuses a share that is not a fraction', () => {
    expect(() => planAtRisk(plan([]), TODAY, 0)).toThrow('the at-risk share must be above 0 and at most 1, not 0');
  });
});
