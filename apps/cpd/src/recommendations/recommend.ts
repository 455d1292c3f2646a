import type { IsoDate } from '@trustwide/common/util/calendar';
import { formatPounds } from '../shared/money';
import { plural, type Refusal } from '../shared/refusal';
import type { RoleSpell } from '../shared/roles';
import { DEFAULT_SKILL_IMPORTANCE, SIGNIFICANT_GAP, SKILL_NAMES, type FrameworkRole, type SkillId } from '../shared/skills';
import type { Programme } from '../programmes/lifecycle';
import { unmetPrerequisites } from '../enrolments/prerequisites';

/**
 * For a person or a group with a skills-gap report (the people service's: gap = confidence −
 * importance per skill; −1.0 or worse is significant), the published programmes that develop their
 * significant gaps, ranked and explained. Rank: the total size of the significant gaps a programme
 * covers (largest first), then how many can take it (prerequisites met), then the cost per place
 * (cheapest first), then the code, so the order is stable.
 */

export interface ReportedGap {
  readonly skill: SkillId;
  readonly gap: number;
}

/**
 * Gaps from a person's confidences (1–10) against the default framework's importance for a role
 * (Table 4), as the people service computes them: confidence − importance, two decimals, half away
 * from zero. For a caller who has the scores but not the people service's report (its events carry no scores).
 */
export function gapsFromConfidences(role: FrameworkRole, confidences: Readonly<Partial<Record<SkillId, number>>>): ReportedGap[] {
  return (Object.keys(DEFAULT_SKILL_IMPORTANCE[role]) as SkillId[]).flatMap((skill) => {
    const c = confidences[skill];
    if (c === undefined) return [];
    const raw = c - DEFAULT_SKILL_IMPORTANCE[role][skill];
    // The epsilon undoes binary noise such as 6.88 − 7.88 = −0.9999999999999991.
    const gap = (Math.sign(raw) * Math.round(Math.abs(raw) * 100 + 1e-7)) / 100 + 0;
    return [{ skill, gap }];
  });
}

export type Audience =
  | { readonly kind: 'person'; readonly roles: readonly RoleSpell[] }
  | { readonly kind: 'group'; readonly members: readonly (readonly RoleSpell[])[] };

export interface Recommendation {
  readonly code: string;
  readonly name: string;
  /** The significant gaps it develops, largest first. */
  readonly covers: readonly ReportedGap[];
  /** Sum of the sizes of the covered gaps (positive, two decimals). */
  readonly coveredGapTotal: number;
  /** How many of the audience meet the prerequisites (0 or 1 for a person). */
  readonly eligible: number;
  readonly audienceSize: number;
  /** A person's unmet prerequisites, each explained (empty for a group or when met). */
  readonly unmet: readonly Refusal[];
  readonly costPerPlace: number;
  readonly explanation: string;
}

export interface Recommendations {
  readonly significantGaps: readonly ReportedGap[];
  readonly recommendations: readonly Recommendation[];
  /** Significant gaps no published programme develops: for the CPD lead to commission or design. */
  readonly uncovered: readonly ReportedGap[];
  readonly note: string | null;
}

const gapText = (g: ReportedGap) => `${SKILL_NAMES[g.skill]} (${g.gap.toFixed(2).replace('-', '−')})`;
const total = (gaps: readonly ReportedGap[]) => Math.round(gaps.reduce((s, g) => s - g.gap, 0) * 100) / 100;

export function recommend(
  gaps: readonly ReportedGap[],
  programmes: readonly Programme[],
  audience: Audience,
  today: IsoDate,
): Recommendations {
  const significant = gaps.filter((g) => g.gap <= SIGNIFICANT_GAP).sort((a, b) => a.gap - b.gap || a.skill.localeCompare(b.skill));
  if (significant.length === 0) {
    return {
      significantGaps: [],
      recommendations: [],
      uncovered: [],
      note: `No significant gaps (${SIGNIFICANT_GAP.toFixed(1).replace('-', '−')} or worse): nothing to aim CPD at.`,
    };
  }
  const whose = audience.kind === 'person' ? 'your' : "the group's";
  const histories = audience.kind === 'person' ? [audience.roles] : audience.members;
  const recommendations = programmes
    .filter((p) => p.status === 'published')
    .flatMap((p): Recommendation[] => {
      const covers = significant.filter((g) => p.skills.includes(g.skill));
      if (covers.length === 0) return [];
      const unmetByMember = histories.map((h) => unmetPrerequisites(p, h, today));
      const eligible = unmetByMember.filter((u) => u.length === 0).length;
      const unmet = audience.kind === 'person' ? unmetByMember[0] : [];
      const who =
        audience.kind === 'person'
          ? eligible === 1
            ? 'You meet its prerequisites.'
            : `You do not meet its prerequisites yet: ${unmet.map((u) => u.message).join(' ')}`
          : `${eligible} of ${histories.length} meet its prerequisites.`;
      return [
        {
          code: p.code,
          name: p.name,
          covers,
          coveredGapTotal: total(covers),
          eligible,
          audienceSize: histories.length,
          unmet,
          costPerPlace: p.costPerPlace,
          explanation: `Develops ${covers.length} of ${whose} ${plural(significant.length, 'significant gap')}: ${covers.map(gapText).join(', ')}. ${who} ${formatPounds(p.costPerPlace)} a place.`,
        },
      ];
    })
    .sort(
      (a, b) =>
        b.coveredGapTotal - a.coveredGapTotal || b.eligible - a.eligible || a.costPerPlace - b.costPerPlace || a.code.localeCompare(b.code),
    );
  const covered = new Set(recommendations.flatMap((r) => r.covers.map((g) => g.skill)));
  const uncovered = significant.filter((g) => !covered.has(g.skill));
  return {
    significantGaps: significant,
    recommendations,
    uncovered,
    note: uncovered.length === 0 ? null : `No programme in the catalogue develops ${uncovered.map(gapText).join(', ')}.`,
  };
}
