import { describe, expect, it } from '@jest/globals';
import { changeAmount, formatPounds, fundingBySource, recordSpend, remainingPence, type Funding, type Spend } from './funding';

const spend = (id: string, amountPence: number, overrides: Partial<Spend> = {}): Spend => ({
  id,
  amountPence,
  spentOn: '2026-10-01',
  description: 'supply cover',
  ...overrides,
});
const funding = (
  amountPence: number,
  spends: Spend[] = [],
  source: Funding['source'] = 'strategic-improvement-fund',
  agreementId = 'agr-1',
): Funding => ({ agreementId, source, amountPence, spends });

describe('spend never exceeds the funding', () => {
  it.each<[string, Funding, Spend, string | null]>([
    ['within the amount', funding(1_000_000, [spend('s1', 400_000)]), spend('s2', 500_000), null],
    ['exactly the remainder', funding(1_000_000, [spend('s1', 400_000)]), spend('s2', 600_000), null],
    [
      'one penny over',
      funding(1_000_000, [spend('s1', 400_000)]),
      spend('s2', 600_001),
      'funding-cap: Spending £6,000.01 would exceed the £10,000.00 funding: £4,000.00 is already spent and £6,000.00 remains.',
    ],
    [
      'anything on a spent pot',
      funding(50_000, [spend('s1', 50_000)]),
      spend('s2', 1),
      'funding-cap: Spending £0.01 would exceed the £500.00 funding: £500.00 is already spent and £0.00 remains.',
    ],
    ['zero', funding(1_000), spend('s1', 0), 'amount: A spend is a whole number of pence, at least 1, not 0.'],
    ['a fraction of a penny', funding(1_000), spend('s1', 10.5), 'amount: A spend is a whole number of pence, at least 1, not 10.5.'],
    ['no description', funding(1_000), spend('s1', 10, { description: ' ' }), 'description: A spend says what it was for.'],
    ['a bad date', funding(1_000), spend('s1', 10, { spentOn: '2026-13-01' }), 'date: "2026-13-01" is not a date as YYYY-MM-DD.'],
    ['the same spend twice', funding(1_000, [spend('s1', 10)]), spend('s1', 10), 'duplicate: Spend s1 is already recorded.'],
  ])('%s', (_, f, s, refusal) => {
    const result = recordSpend(f, s);
    if (refusal === null) {
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(remainingPence(result.value)).toBe(f.amountPence - f.spends.reduce((t, x) => t + x.amountPence, 0) - s.amountPence);
    } else {
      expect(result.ok ? [] : result.refusals.map((r) => `${r.rule}: ${r.message}`)).toEqual([refusal]);
    }
  });

  it.each<[number, string | null]>([
    [600_000, null],
    [400_000, null],
    [399_999, 'funding-cap: The funding cannot be cut to £3,999.99: £4,000.00 is already spent.'],
    [-1, 'amount: The amount is a whole number of pence, at least 0, not -1.'],
  ])('changing the amount to %i pence', (amount, refusal) => {
    const result = changeAmount(funding(1_000_000, [spend('s1', 400_000)]), amount);
    expect(result.ok ? null : result.refusals.map((r) => `${r.rule}: ${r.message}`)[0]).toBe(refusal);
  });

  it.each<[number, string]>([
    [0, '£0.00'],
    [5, '£0.05'],
    [123_456_78, '£123,456.78'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });
});

describe('funding by source', () => {
  it('sums amount, spend and remainder per source', () => {
    expect(
      fundingBySource([
        funding(1_500_000, [spend('a', 500_000), spend('b', 250_000)], 'strategic-improvement-fund', 'agr-1'),
        funding(800_000, [], 'trust-budget', 'agr-2'),
        funding(1_000_000, [spend('c', 1_000_000)], 'strategic-improvement-fund', 'agr-3'),
      ]),
    ).toEqual([
      { source: 'strategic-improvement-fund', agreements: 2, amountPence: 2_500_000, spentPence: 1_750_000, remainingPence: 750_000 },
      { source: 'trust-budget', agreements: 1, amountPence: 800_000, spentPence: 0, remainingPence: 800_000 },
    ]);
  });
});
