import { describe, expect, it } from '@jest/globals';
import type { ImpactCriterion } from '../agreements/agreement';
import { judgeCriterion, overallJudgement, type Judgement } from './judgement';

const reading: ImpactCriterion = {
  id: 'c1',
  measure: 'KS2 reading at expected standard (%)',
  baseline: 52,
  target: 64,
  byWhen: '2027-07-15',
};
const absence: ImpactCriterion = { id: 'c2', measure: 'Persistent absence (%)', baseline: 24, target: 16, byWhen: '2027-07-15' };

describe('each criterion: measured against baseline and target', () => {
  it.each<[string, ImpactCriterion, number, number, Judgement]>([
    ['target reached exactly', reading, 64, 1, 'met'],
    ['target passed', reading, 70, 1.5, 'met'],
    ['half way', reading, 58, 0.5, 'partly-met'],
    ['just short of half way', reading, 57.9, 0.49, 'not-met'],
    ['no change', reading, 52, 0, 'not-met'],
    ['went backwards', reading, 49, -0.25, 'not-met'],
    ['a falling target reached', absence, 16, 1, 'met'],
    ['a falling target three quarters of the way', absence, 18, 0.75, 'partly-met'],
    ['a falling target moving the wrong way', absence, 26, -0.25, 'not-met'],
  ])('%s', (_, c, measured, progress, judgement) => {
    expect(judgeCriterion(c, measured)).toMatchObject({ criterionId: c.id, measured, progress, judgement });
  });

  it('explains the judgement with the numbers', () => {
    expect(judgeCriterion(reading, 58).explanation).toBe(
      'KS2 reading at expected standard (%): 58 against a baseline of 52 and a target of 64, 50 % of the way from the baseline to the target.',
    );
    expect(judgeCriterion(absence, 26).explanation).toBe(
      'Persistent absence (%): 26 against a baseline of 24 and a target of 16, moved away from the target (-25 % of the way).',
    );
  });

  it('binary noise does not turn reaching the target into missing it', () => {
    expect(judgeCriterion({ ...reading, baseline: 0.1, target: 0.3 }, 0.1 + 0.2).judgement).toBe('met');
  });

  it('a trust may set where partly met starts', () => {
    expect(judgeCriterion(reading, 55, 0.25).judgement).toBe('partly-met');
  });
});

describe('the overall judgement of a report', () => {
  it.each<[Judgement[], Judgement]>([
    [['met', 'met'], 'met'],
    [['met', 'not-met'], 'partly-met'],
    [['partly-met', 'partly-met'], 'partly-met'],
    [['not-met', 'not-met'], 'not-met'],
    [[], 'not-met'],
  ])('%j → %s', (judgements, overall) => {
    expect(overallJudgement(judgements)).toBe(overall);
  });
});
