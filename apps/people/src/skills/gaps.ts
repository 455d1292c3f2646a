import { SIGNIFICANT_GAP } from '@trustwide/contracts';
import { SKILL_IDS, type FrameworkRole, type SkillId, type SkillsFramework } from './default-framework';

/**
 * Skills gaps as the research report defines them: gap = confidence − importance, per skill, for
 * one person or averaged over a group; a gap of −1.0 or worse is significant.
 */

/** A gap at or below this is significant (the report: "−1.0 or worse"); shared with CPD through the contracts. */
export { SIGNIFICANT_GAP };

export const MIN_CONFIDENCE = 1;
export const MAX_CONFIDENCE = 10;

/** A person's confidence 1–10 in each skill, for the role they hold or aspire to. */
export type Confidences = Readonly<Partial<Record<SkillId, number>>>;

export interface SkillGap {
  readonly skill: SkillId;
  readonly importance: number;
  /** The person's confidence, or the group's mean (two decimals). */
  readonly confidence: number;
  /** confidence − importance, two decimals. */
  readonly gap: number;
  readonly significant: boolean;
  /** How many assessments gave this skill (1 for a person). */
  readonly respondents: number;
}

/** Half away from zero at two decimals; the epsilon undoes binary noise such as 6.88 − 7.88 = −0.9999999999999991. */
export function round2(value: number): number {
  const scaled = Math.abs(value) * 100;
  return (Math.sign(value) * Math.round(scaled + 1e-7)) / 100 + 0;
}

/** Problems with a self-assessment against a framework (empty when valid). */
export function assessmentProblems(confidences: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  for (const [skill, value] of Object.entries(confidences)) {
    if (!(SKILL_IDS as readonly string[]).includes(skill)) problems.push(`"${skill}" is not a skill of the framework`);
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_CONFIDENCE || value > MAX_CONFIDENCE) {
      problems.push(`confidence in ${skill} must be a whole number from ${MIN_CONFIDENCE} to ${MAX_CONFIDENCE}`);
    }
  }
  if (Object.keys(confidences).length === 0) problems.push('the assessment rates no skill');
  return problems;
}

/** Gaps from (mean) confidences per skill; skills without a confidence are left out. */
export function gapsFromConfidence(
  framework: SkillsFramework,
  role: FrameworkRole,
  confidence: Confidences,
  respondents: Readonly<Partial<Record<SkillId, number>>> = {},
): SkillGap[] {
  return framework.skills.flatMap(({ id }) => {
    const c = confidence[id];
    if (c === undefined) return [];
    const importance = framework.importance[role][id];
    const gap = round2(c - importance);
    return [{ skill: id, importance, confidence: round2(c), gap, significant: gap <= SIGNIFICANT_GAP, respondents: respondents[id] ?? 1 }];
  });
}

/** One person's gaps for a role. */
export const personGaps = (framework: SkillsFramework, role: FrameworkRole, confidences: Confidences): SkillGap[] =>
  gapsFromConfidence(framework, role, confidences);

/**
 * A group's gaps for a role (a role's holders, a school's staff, the aspiring heads): the mean
 * confidence of those who rated each skill, less its importance, as the report's Tables 8–11 do.
 */
export function groupGaps(framework: SkillsFramework, role: FrameworkRole, assessments: readonly Confidences[]): SkillGap[] {
  const mean: Partial<Record<SkillId, number>> = {};
  const count: Partial<Record<SkillId, number>> = {};
  for (const { id } of framework.skills) {
    const values = assessments.map((a) => a[id]).filter((v): v is number => v !== undefined);
    if (values.length === 0) continue;
    mean[id] = values.reduce((sum, v) => sum + v, 0) / values.length;
    count[id] = values.length;
  }
  return gapsFromConfidence(framework, role, mean, count);
}

/** The significant gaps, largest first: what CPD should aim at. */
export const significantGaps = (gaps: readonly SkillGap[]): SkillGap[] => gaps.filter((g) => g.significant).sort((a, b) => a.gap - b.gap);
