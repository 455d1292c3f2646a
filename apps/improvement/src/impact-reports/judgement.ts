import type { ImpactCriterion } from '../agreements/agreement';

/**
 * Each criterion of intended impact is judged from the measured value against its baseline and
 * target. Progress is the share of the way from baseline to target that was covered, in the
 * direction of the target (so a falling target, such as persistent absence, works the same):
 *
 *   progress = (measured − baseline) ÷ (target − baseline)
 *
 * - met: the target was reached or passed (progress ≥ 1);
 * - partly met: at least `PARTLY_MET_MIN_PROGRESS` of the way (half by default: a small drift is
 *   not claimed as impact);
 * - not met: less than that, or a move away from the target.
 *
 * A report's overall judgement: met when every criterion is met, not met when none is even partly
 * met, partly met otherwise.
 */

export const JUDGEMENTS = ['met', 'partly-met', 'not-met'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

/** Share of the distance from baseline to target that counts as partly met (a trust may set its own). */
export const PARTLY_MET_MIN_PROGRESS = 0.5;

export interface CriterionJudgement {
  readonly criterionId: string;
  readonly measured: number;
  /** Share of the way from baseline to target, two decimals (negative when it moved away). */
  readonly progress: number;
  readonly judgement: Judgement;
  readonly explanation: string;
}

const round2 = (x: number): number => Math.round(x * 100) / 100 + 0;
const pct = (x: number): string => `${Math.round(x * 100)} %`;

export function judgeCriterion(criterion: ImpactCriterion, measured: number, partlyMetAt = PARTLY_MET_MIN_PROGRESS): CriterionJudgement {
  const { baseline, target } = criterion;
  if (baseline === target) throw new Error(`criterion ${criterion.id} has its target equal to its baseline (${baseline})`);
  const progress = (measured - baseline) / (target - baseline);
  // A tiny epsilon so that 0.1 + 0.2-style binary noise does not turn "exactly the target" into "just short".
  const judgement: Judgement = progress >= 1 - 1e-9 ? 'met' : progress >= partlyMetAt - 1e-9 ? 'partly-met' : 'not-met';
  const moved =
    progress < 0
      ? `moved away from the target (${pct(progress)} of the way)`
      : `${pct(progress)} of the way from the baseline to the target`;
  return {
    criterionId: criterion.id,
    measured,
    progress: round2(progress),
    judgement,
    explanation: `${criterion.measure}: ${measured} against a baseline of ${baseline} and a target of ${target}, ${moved}.`,
  };
}

export function overallJudgement(judgements: readonly Judgement[]): Judgement {
  if (judgements.length > 0 && judgements.every((j) => j === 'met')) return 'met';
  if (judgements.every((j) => j === 'not-met')) return 'not-met';
  return 'partly-met';
}
