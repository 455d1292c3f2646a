import { describe, expect, it } from '@jest/globals';
import { feedbackProblems, summariseFeedback, type FeedbackResponse } from './feedback';
import { measureImpact, type ImpactQuestion, type MeasureValue } from './impact';
import { defaultImpactPeriods, periodRank } from './periods';

const r = (overall: number, relevance: number, impactOnPractice: number, wouldRecommend = true): FeedbackResponse => ({
  ratings: { overall, relevance, impactOnPractice },
  wouldRecommend,
});

describe('participant feedback', () => {
  it.each<[string, Record<string, unknown>, unknown, string[]]>([
    ['a full response', { overall: 5, relevance: 4, impactOnPractice: 3 }, true, []],
    [
      'a rating out of range',
      { overall: 6, relevance: 0, impactOnPractice: 3 },
      false,
      ['overall must be a whole number from 1 to 5', 'relevance must be a whole number from 1 to 5'],
    ],
    [
      'a missing rating and an unknown question',
      { overall: 4, relevance: 4, venue: 2 },
      true,
      [
        'impactOnPractice must be a whole number from 1 to 5',
        '"venue" is not a question; the questions are overall, relevance, impactOnPractice',
      ],
    ],
    ['a recommendation as text', { overall: 4, relevance: 4, impactOnPractice: 4 }, 'yes', ['wouldRecommend must be true or false']],
  ])('%s', (_, ratings, wouldRecommend, problems) => {
    expect(feedbackProblems({ ratings, wouldRecommend })).toEqual(problems);
  });

  it('aggregates means, the distribution, the response rate and the share who would recommend', () => {
    expect(summariseFeedback([r(5, 4, 3), r(4, 4, 2, false), r(5, 5, 4)], 4)).toEqual({
      responses: 3,
      responseRate: 75,
      means: { overall: 4.67, relevance: 4.33, impactOnPractice: 3 },
      distribution: { overall: [0, 0, 0, 1, 2], relevance: [0, 0, 0, 2, 1], impactOnPractice: [0, 1, 1, 1, 0] },
      recommendPercent: 67,
    });
  });

  it('with no responses says so rather than 0', () => {
    expect(summariseFeedback([], 0)).toMatchObject({ responses: 0, responseRate: null, means: { overall: null }, recommendPercent: null });
  });
});

describe('before and after periods', () => {
  it.each([
    ['a reading programme October 2024 to March 2025', '2024-10-07', '2025-03-24', '2023/24', '2024/25'],
    ['an NPQ September 2025 to March 2027', '2025-09-01', '2027-03-01', '2024/25', '2026/27'],
    ['a summer course in August 2025', '2025-08-04', '2025-08-29', '2023/24', '2024/25'],
  ])('%s compares %s…', (_, first, last, before, after) => {
    expect(defaultImpactPeriods(first, last)).toEqual({ before, after });
  });

  it.each([
    ['2024/25-autumn', '2024/25-spring', true],
    ['2024/25-summer', '2024/25', true],
    ['2023/24', '2024/25-autumn', true],
    ['2024/25', '2024/25-summer', false],
  ])('%s comes before %s: %s', (a, b, earlier) => {
    expect(periodRank(a)! < periodRank(b)!).toBe(earlier);
  });

  it.each(['2024/26', '2024-25', '2024/25-winter', ''])('"%s" is not a period', (text) => {
    expect(periodRank(text)).toBeNull();
  });
});

const S = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const v = (school: number, period: string, value: number): MeasureValue => ({ schoolId: S[school], period, value });
const question = (override: Partial<ImpactQuestion> = {}): ImpactQuestion => ({
  measure: 'attainmentExpectedStandard',
  before: '2023/24',
  after: '2024/25',
  schoolIds: S,
  values: [
    v(0, '2023/24', 40),
    v(0, '2024/25', 90),
    v(1, '2023/24', 61),
    v(1, '2024/25', 70),
    v(1, '2024/25-spring', 99),
    v(2, '2024/25', 55),
  ],
  ...override,
});

describe('measured impact', () => {
  it('the mean change across the schools measured in both periods, with the schools listed', () => {
    const result = measureImpact(question());
    expect(result).toEqual({
      ok: true,
      impact: {
        measure: 'attainmentExpectedStandard',
        before: '2023/24',
        after: '2024/25',
        schools: [
          { schoolId: S[0], before: 40, after: 90, change: 50, improved: true },
          { schoolId: S[1], before: 61, after: 70, change: 9, improved: true },
        ],
        missing: [{ schoolId: S[2], periods: ['2023/24'] }],
        meanChange: 29.5,
        improvedIn: 2,
        summary:
          'attainmentExpectedStandard changed by +29.5 on average from 2023/24 to 2024/25 across 2 schools, improving in 2; 1 school not measured in both periods.',
      },
    });
  });

  it.each<[string, Partial<ImpactQuestion>, number | null, number | null, (boolean | null)[]]>([
    [
      'a fall in persistent absence is an improvement',
      { measure: 'persistentAbsence', values: [v(0, '2023/24', 20), v(0, '2024/25', 15.5), v(1, '2023/24', 10), v(1, '2024/25', 12)] },
      -1.25,
      1,
      [true, false],
    ],
    [
      'pupils on roll are reported, never judged',
      { measure: 'pupilsOnRoll', values: [v(0, '2023/24', 200), v(0, '2024/25', 210)] },
      10,
      null,
      [null],
    ],
    [
      'terms can be compared',
      { before: '2024/25-autumn', after: '2024/25-summer', values: [v(0, '2024/25-autumn', 50.1), v(0, '2024/25-summer', 50.2)] },
      0.1,
      1,
      [true],
    ],
    ['no school measured in both', { values: [] }, null, 0, []],
  ])('%s', (_, override, mean, improvedIn, improved) => {
    const result = measureImpact(question(override));
    expect(result.ok && [result.impact.meanChange, result.impact.improvedIn, result.impact.schools.map((s) => s.improved)]).toEqual([
      mean,
      improvedIn,
      improved,
    ]);
  });

  it('says so when nothing could be measured', () => {
    const result = measureImpact(question({ values: [] }));
    expect(result.ok && result.impact.summary).toBe(
      'No school that took the programme has attainmentExpectedStandard for both 2023/24 and 2024/25.',
    );
    expect(result.ok && result.impact.missing).toHaveLength(3);
  });

  it.each<[string, Partial<ImpactQuestion>, string, string]>([
    [
      'an unknown measure',
      { measure: 'happiness' as never },
      'measure',
      '"happiness" is not a measure; the measures are pupilsOnRoll, attainmentExpectedStandard, progress, attendance, persistentAbsence, pupilPremiumShare, sendShare, exclusions, inYearBalance, staffTurnover.',
    ],
    ['a period that is not one', { before: '2023-24' }, 'period', '"2023-24" is not an academic period such as 2024/25 or 2024/25-autumn.'],
    [
      'after before before',
      { before: '2024/25', after: '2023/24' },
      'period',
      'Before (2024/25) must be an earlier period than after (2023/24).',
    ],
    [
      'the same period twice',
      { before: '2024/25', after: '2024/25' },
      'period',
      'Before (2024/25) must be an earlier period than after (2024/25).',
    ],
    ['no schools', { schoolIds: [] }, 'schools', 'No school took the programme: there is nothing to measure.'],
  ])('refuses %s', (_, override, rule, message) => {
    expect(measureImpact(question(override))).toEqual({ ok: false, refusals: [{ rule, message }] });
  });
});
