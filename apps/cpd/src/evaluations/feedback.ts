import { round2 } from './round';

/**
 * Participant feedback on a cohort: three ratings on a five-point scale and whether they would
 * recommend it. Aggregated per cohort or programme; free text is not kept here (it can be personal).
 */

export const FEEDBACK_QUESTIONS = ['overall', 'relevance', 'impactOnPractice'] as const;
export type FeedbackQuestion = (typeof FEEDBACK_QUESTIONS)[number];

export const MIN_RATING = 1;
export const MAX_RATING = 5;

export interface FeedbackResponse {
  readonly ratings: Readonly<Record<FeedbackQuestion, number>>;
  readonly wouldRecommend: boolean;
}

/** Who may give feedback: someone who took part to the end (or is taking part in its last session). */
export const FEEDBACK_STATUSES = ['enrolled', 'completed', 'passed', 'not-passed'] as const;

export function feedbackProblems(response: { ratings: Record<string, unknown>; wouldRecommend: unknown }): string[] {
  const problems: string[] = [];
  for (const q of FEEDBACK_QUESTIONS) {
    const v = response.ratings[q];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_RATING || v > MAX_RATING)
      problems.push(`${q} must be a whole number from ${MIN_RATING} to ${MAX_RATING}`);
  }
  for (const key of Object.keys(response.ratings)) {
    if (!(FEEDBACK_QUESTIONS as readonly string[]).includes(key))
      problems.push(`"${key}" is not a question; the questions are ${FEEDBACK_QUESTIONS.join(', ')}`);
  }
  if (typeof response.wouldRecommend !== 'boolean') problems.push('wouldRecommend must be true or false');
  return problems;
}

export interface FeedbackSummary {
  readonly responses: number;
  /** Responses as a whole percentage of the participants asked; null when nobody was asked. */
  readonly responseRate: number | null;
  /** Mean rating per question, two decimals; null with no responses. */
  readonly means: Readonly<Record<FeedbackQuestion, number | null>>;
  /** How many gave each rating 1..5, per question. */
  readonly distribution: Readonly<Record<FeedbackQuestion, readonly number[]>>;
  /** Whole percentage who would recommend it; null with no responses. */
  readonly recommendPercent: number | null;
}

export function summariseFeedback(responses: readonly FeedbackResponse[], participants: number): FeedbackSummary {
  const n = responses.length;
  const per = <T>(f: (q: FeedbackQuestion) => T) =>
    Object.fromEntries(FEEDBACK_QUESTIONS.map((q) => [q, f(q)])) as Record<FeedbackQuestion, T>;
  return {
    responses: n,
    responseRate: participants === 0 ? null : Math.round((n * 100) / participants),
    means: per((q) => (n === 0 ? null : round2(responses.reduce((s, r) => s + r.ratings[q], 0) / n))),
    distribution: per((q) =>
      Array.from({ length: MAX_RATING - MIN_RATING + 1 }, (_, i) => responses.filter((r) => r.ratings[q] === MIN_RATING + i).length),
    ),
    recommendPercent: n === 0 ? null : Math.round((responses.filter((r) => r.wouldRecommend).length * 100) / n),
  };
}
