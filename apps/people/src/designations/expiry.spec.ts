import { describe, expect, it } from '@jest/globals';
import { planExpiry, type ExpiryCandidate } from './expiry';

const d = (
  id: string,
  status: ExpiryCandidate['status'],
  termEndsOn: string | null,
  extra: Partial<ExpiryCandidate> = {},
): ExpiryCandidate => ({
  id,
  status,
  termStartsOn: termEndsOn === null ? null : '2021-09-01',
  termEndsOn,
  renewalFlaggedFor: null,
  ...extra,
});

describe('planExpiry', () => {
  const today = '2025-09-01';

  it.each<[string, ExpiryCandidate, 'lapse' | 'dueForRenewal' | 'activate' | 'nothing']>([
    ['active, ended yesterday: lapses', d('a', 'active', '2025-08-31'), 'lapse'],
    ['suspended, ended: lapses', d('b', 'suspended', '2025-01-01'), 'lapse'],
    ['approved, ended before it started: lapses', d('c', 'approved', '2025-08-01', { termStartsOn: '2025-07-01' }), 'lapse'],
    ['active, ends today: due for renewal, not lapsed', d('d', 'active', '2025-09-01'), 'dueForRenewal'],
    ['active, ends in exactly 90 days: due', d('e', 'active', '2025-11-30'), 'dueForRenewal'],
    ['active, ends in 91 days: nothing yet', d('f', 'active', '2025-12-01'), 'nothing'],
    [
      'active, already flagged for this term end: not again',
      d('g', 'active', '2025-10-01', { renewalFlaggedFor: '2025-10-01' }),
      'nothing',
    ],
    [
      'active, flagged for an earlier term: flagged again',
      d('h', 'active', '2025-10-01', { renewalFlaggedFor: '2021-10-01' }),
      'dueForRenewal',
    ],
    ['suspended near its end: not due (it must be reinstated to be renewed)', d('i', 'suspended', '2025-10-01'), 'nothing'],
    ['approved, term started today: activates', d('j', 'approved', '2029-08-31', { termStartsOn: today }), 'activate'],
    ['approved, term starts tomorrow: nothing', d('k', 'approved', '2029-09-01', { termStartsOn: '2025-09-02' }), 'nothing'],
    ['revoked: nothing', d('l', 'revoked', '2020-01-01'), 'nothing'],
    ['lapsed: nothing', d('m', 'lapsed', '2020-01-01'), 'nothing'],
    ['applied (no term): nothing', d('n', 'applied', null), 'nothing'],
  ])('%s', (_, candidate, outcome) => {
    const plan = planExpiry([candidate], today);
    const where = (['lapse', 'dueForRenewal', 'activate'] as const).filter((k) => plan[k].length > 0);
    expect(where).toEqual(outcome === 'nothing' ? [] : [outcome]);
  });

  it('says why a designation lapses and how many days are left for renewal', () => {
    expect(planExpiry([d('a', 'active', '2025-08-31'), d('b', 'active', '2025-10-01')], today)).toEqual({
      lapse: [{ id: 'a', termEndsOn: '2025-08-31', reason: 'The term ended on 31 August 2025 without renewal.' }],
      dueForRenewal: [{ id: 'b', termEndsOn: '2025-10-01', daysLeft: 30 }],
      activate: [],
    });
  });

  it.each([
    [0, 1],
    [29, 1],
    [30, 2],
    [364, 2],
    [365, 3],
  ])('a renewal window of %i days flags %i of the designations', (window, count) => {
    const plan = planExpiry(
      [d('a', 'active', '2025-09-01'), d('b', 'active', '2025-10-01'), d('c', 'active', '2026-09-01')],
      today,
      window,
    );
    expect(plan.dueForRenewal).toHaveLength(count);
  });

  it('refuses a negative window', () => {
    expect(() => planExpiry([], today, -1)).toThrow('the renewal window must be a whole number of days ≥ 0, not -1');
  });
});
