import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_CATALOGUE } from '../programmes/default-catalogue';
import type { Programme } from '../programmes/lifecycle';
import {
  charge,
  commissionProblems,
  describeBudget,
  isNearBudget,
  isSpent,
  NEAR_BUDGET_PERCENT,
  newCommission,
  refund,
  refundsOnWithdrawal,
  type Charge,
  type Commission,
} from './commission';

const NPQH: Programme = { ...DEFAULT_CATALOGUE.find((p) => p.code === 'NPQH')!, status: 'published', version: 1 }; // £2,400 a place
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const C = '44444444-4444-4444-8444-444444444444';
const commission = (committed: number, budget = 3_000_000): Commission => ({
  ...newCommission({ programmeCode: 'NPQH', schoolIds: [A, B], budget }, NPQH),
  committed,
});
const place = (schoolId = A): Charge => ({ kind: 'place', schoolId });

describe('commissioning a programme', () => {
  it("a budget for named schools, priced at the programme's cost per place now", () => {
    expect(commissionProblems({ programmeCode: 'NPQH', schoolIds: [A, B], budget: 3_000_000 }, NPQH)).toEqual([]);
    expect(newCommission({ programmeCode: 'NPQH', schoolIds: [A, B], budget: 3_000_000 }, NPQH)).toEqual({
      programmeCode: 'NPQH',
      schoolIds: [A, B],
      budget: 3_000_000,
      costPerPlace: 240_000,
      committed: 0,
    });
  });

  it.each<[string, { schoolIds: string[]; budget: number }, Partial<Programme>, string[]]>([
    ['no schools', { schoolIds: [], budget: 1_000_000 }, {}, ['schoolIds: a commission names at least one school']],
    [
      'a school twice and a name for an id',
      { schoolIds: [A, A, 'Bronte'], budget: 1_000_000 },
      {},
      ['schoolIds: schools are school ids (lower-case uuids)', 'schoolIds: a school is named twice'],
    ],
    ['no budget', { schoolIds: [A], budget: 0 }, {}, ['budget: the budget must be a whole number of pence above 0; it is 0']],
    [
      'a budget in fractions of a penny',
      { schoolIds: [A], budget: 10.5 },
      {},
      ['budget: the budget must be a whole number of pence above 0; it is 10.5'],
    ],
    [
      'a budget below one place',
      { schoolIds: [A], budget: 239_999 },
      {},
      ['budget: the budget of £2,399.99 does not pay for one place of NPQH at £2,400'],
    ],
    [
      'a retired programme',
      { schoolIds: [A], budget: 1_000_000 },
      { status: 'retired' },
      ['programmeCode: NPQH is retired: it cannot be commissioned'],
    ],
  ])('refuses %s', (_, plan, override, problems) => {
    expect(commissionProblems({ programmeCode: 'NPQH', ...plan }, { ...NPQH, ...override }).map((p) => `${p.field}: ${p.problem}`)).toEqual(
      problems,
    );
  });
});

describe('charging a commission', () => {
  it.each<[string, number, Charge, number, string[]]>([
    ['a first place', 0, place(), 240_000, []],
    ['a place that reaches 90% exactly', 2_460_000, place(B), 2_700_000, ['near-budget']],
    ['a place already past 90%', 2_700_000, place(), 2_940_000, ['spent']],
    ['a place that stays below 90% (88%) with a place still left', 2_400_000, place(), 2_640_000, []],
    ['a venue cost', 0, { kind: 'cost', amount: 50_000, description: 'Venue hire' }, 50_000, []],
    [
      'a cost that leaves less than a place',
      2_600_000,
      { kind: 'cost', amount: 200_000, description: 'Supply cover' },
      2_800_000,
      ['near-budget', 'spent'],
    ],
    [
      'a cost of exactly what is left',
      2_000_000,
      { kind: 'cost', amount: 1_000_000, description: 'Catering' },
      3_000_000,
      ['near-budget', 'spent'],
    ],
    ['a place after both were announced announces nothing', 2_700_001, { kind: 'cost', amount: 1, description: 'Stamps' }, 2_700_002, []],
  ])('%s', (_, committed, item, after, announce) => {
    const d = charge(commission(committed), item);
    expect(d).toMatchObject({ ok: true, commission: { committed: after }, announce });
  });

  it.each<[string, number, Charge, string, string]>([
    [
      'a place that does not fit',
      2_850_000,
      place(),
      'budget',
      'A place costs £2,400 and £1,500 of the £30,000 budget is left (£28,500 committed): the commission would be overspent by £900.',
    ],
    [
      'a cost that does not fit',
      2_990_000,
      { kind: 'cost', amount: 10_001, description: 'Venue hire ' },
      'budget',
      'Venue hire costs £100.01 and £100 of the £30,000 budget is left (£29,900 committed): the commission would be overspent by £0.01.',
    ],
    [
      'a school not named',
      0,
      place(C),
      'school',
      "This commission of NPQH is for 2 named schools, and the person's school is not one of them.",
    ],
    [
      'a cost of nothing',
      0,
      { kind: 'cost', amount: 0, description: 'x' },
      'amount',
      'A cost must be a whole number of pence above 0; it is 0.',
    ],
    [
      'a cost without a description',
      0,
      { kind: 'cost', amount: 100, description: ' ' },
      'description',
      'A cost needs a description (what was paid for).',
    ],
  ])('refuses %s', (_, committed, item, rule, message) => {
    expect(charge(commission(committed), item)).toEqual({ ok: false, refusals: [{ rule, message }] });
  });

  it(`announces near budget (${NEAR_BUDGET_PERCENT}%) and spent once each, on crossing, however the charges come`, () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constant<Charge>(place()),
            fc.integer({ min: 1, max: 500_000 }).map<Charge>((amount) => ({ kind: 'cost', amount, description: 'c' })),
          ),
          { maxLength: 40 },
        ),
        (items) => {
          let c = commission(0);
          const announced: string[] = [];
          for (const item of items) {
            const d = charge(c, item);
            if (!d.ok) {
              expect(d.refusals[0].rule).toBe('budget');
              continue;
            }
            c = d.commission;
            announced.push(...d.announce);
            expect(c.committed).toBeLessThanOrEqual(c.budget);
          }
          expect(announced.filter((a) => a === 'near-budget')).toHaveLength(isNearBudget(c) ? 1 : 0);
          expect(announced.filter((a) => a === 'spent')).toHaveLength(isSpent(c) ? 1 : 0);
        },
      ),
    );
  });

  it('a refund can take a commission back below the threshold, and a later crossing is announced again', () => {
    const near = charge(commission(2_460_000), place());
    expect(near.ok && near.announce).toEqual(['near-budget']);
    const back = refund(near.ok ? near.commission : commission(0), 240_000);
    expect(isNearBudget(back)).toBe(false);
    const again = charge(back, place());
    expect(again.ok && again.announce).toEqual(['near-budget']);
    expect(() => refund(commission(100), 200)).toThrow('cannot refund 200 pence of 100 committed');
  });

  it.each([
    ['2025-10-05', '2025-10-06', true],
    ['2025-10-06', '2025-10-06', false],
    ['2025-11-01', '2025-10-06', false],
  ])('withdrawn on %s from a cohort starting %s: refunded = %s', (on, first, refunded) => {
    expect(refundsOnWithdrawal(on, first)).toBe(refunded);
  });

  it.each([
    [0, '£0 of £30,000 committed (0%), £30,000 left: 12 more places'],
    [2_760_000, '£27,600 of £30,000 committed (92%), £2,400 left: 1 more place'],
    [2_999_999, '£29,999.99 of £30,000 committed (99%), £0.01 left: 0 more places'],
  ])('describes the budget with %i committed', (committed, text) => {
    expect(describeBudget(commission(committed))).toBe(text);
  });
});
