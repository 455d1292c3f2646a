import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';

/**
 * A school's latest inspection as the designation rules read it. The two Ofsted frameworks are
 * different scales: each standard below is stated per framework and an inspection is only ever
 * read against its own framework's rule, never converted to the other's grades.
 */

export const OEIF_GRADE_NAMES = { 1: 'Outstanding', 2: 'Good', 3: 'Requires improvement', 4: 'Inadequate' } as const;
export type OeifGrade = keyof typeof OEIF_GRADE_NAMES;

/** Report-card grades, best first. */
export const REPORT_CARD_GRADES = ['exceptional', 'strong-standard', 'expected-standard', 'needs-attention', 'urgent-improvement'] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

export type LatestInspection =
  | {
      readonly framework: 'oeif';
      readonly startDate: IsoDate;
      /** null for graded inspections after overall judgements stopped (September 2024). */
      readonly overallEffectiveness: OeifGrade | null;
      /** Sub-judgements by area, e.g. `leadership-and-management: 1`. */
      readonly judgements: Readonly<Record<string, OeifGrade>>;
    }
  | {
      readonly framework: 'report-card';
      readonly startDate: IsoDate;
      readonly areas: Readonly<Record<string, ReportCardGrade>>;
      readonly safeguarding: 'met' | 'not-met';
    };

/** A standard a school must meet, stated once per framework. */
export interface InspectionStandard {
  /** For messages: "good or better", "strong". */
  readonly name: string;
  readonly oeif: {
    /** Worst overall grade accepted (2 = Good or better). */
    readonly worstOverall: OeifGrade;
    /** Also accepted: this overall grade when leadership and management is at least `leadershipAtLeast`. */
    readonly orOverallWithLeadership?: { readonly overall: OeifGrade; readonly leadershipAtLeast: OeifGrade };
  };
  readonly reportCard: {
    /** Worst grade accepted in any area. */
    readonly worstArea: ReportCardGrade;
    /** Worst grade accepted for leadership and governance. */
    readonly worstLeadership: ReportCardGrade;
  };
}

/** LLE: "a good or better school". Report card: nothing below expected standard, safeguarding met (a trust default, not a national criterion). */
export const GOOD_OR_BETTER: InspectionStandard = {
  name: 'good or better',
  oeif: { worstOverall: 2 },
  reportCard: { worstArea: 'expected-standard', worstLeadership: 'expected-standard' },
};

/** NLE: "outstanding, or good with outstanding leadership". Report card: every area strong standard or better, leadership too, safeguarding met (a trust default). */
export const STRONG: InspectionStandard = {
  name: 'strong (outstanding, or good with outstanding leadership)',
  oeif: { worstOverall: 1, orOverallWithLeadership: { overall: 2, leadershipAtLeast: 1 } },
  reportCard: { worstArea: 'strong-standard', worstLeadership: 'strong-standard' },
};

const LEADERSHIP_OEIF = 'leadership-and-management';
const LEADERSHIP_CARD = 'leadership-and-governance';

const rank = (grade: ReportCardGrade) => REPORT_CARD_GRADES.indexOf(grade);
const cardName = (grade: ReportCardGrade) => grade.replace(/-/g, ' ');
const oeifName = (grade: OeifGrade) => `${OEIF_GRADE_NAMES[grade]} (${grade})`;

/** Why the inspection does not meet the standard; empty when it does. */
export function inspectionShortfalls(inspection: LatestInspection, standard: InspectionStandard): string[] {
  const at = `at the latest inspection (${inspection.framework === 'oeif' ? 'OEIF' : 'report card'}, ${formatDate(inspection.startDate)})`;
  if (inspection.framework === 'oeif') {
    const { worstOverall, orOverallWithLeadership: alt } = standard.oeif;
    const leadership = inspection.judgements[LEADERSHIP_OEIF] ?? null;
    if (inspection.overallEffectiveness === null) {
      // Since September 2024 OEIF inspections give no overall grade: every sub-judgement must meet it.
      const below = Object.entries(inspection.judgements).filter(([, g]) => g > worstOverall);
      const altOk =
        alt !== undefined && leadership !== null && leadership <= alt.leadershipAtLeast && below.every(([, g]) => g <= alt.overall);
      if (Object.keys(inspection.judgements).length === 0) return [`the school has no overall grade and no sub-judgements ${at}`];
      if (below.length === 0 || altOk) return [];
      return [
        `the school is not ${standard.name} ${at}: no overall grade, and ${below.map(([a, g]) => `${a} was ${oeifName(g)}`).join(', ')}`,
      ];
    }
    const overall = inspection.overallEffectiveness;
    if (overall <= worstOverall) return [];
    if (alt && overall === alt.overall && leadership !== null && leadership <= alt.leadershipAtLeast) return [];
    const leadershipText =
      alt && overall === alt.overall
        ? `, and leadership and management was ${leadership === null ? 'not graded' : oeifName(leadership)}`
        : '';
    return [`the school is not ${standard.name} ${at}: overall effectiveness was ${oeifName(overall)}${leadershipText}`];
  }
  const problems: string[] = [];
  if (inspection.safeguarding !== 'met') problems.push(`safeguarding was not met ${at}`);
  const below = Object.entries(inspection.areas).filter(([, g]) => rank(g) > rank(standard.reportCard.worstArea));
  if (below.length > 0) {
    problems.push(
      `the school is not ${standard.name} ${at}: ${below.map(([a, g]) => `${a} was ${cardName(g)}`).join(', ')} (every area must be ${cardName(standard.reportCard.worstArea)} or better)`,
    );
  }
  const leadership = inspection.areas[LEADERSHIP_CARD];
  if (leadership === undefined) problems.push(`leadership and governance was not graded ${at}`);
  else if (rank(leadership) > rank(standard.reportCard.worstLeadership) && rank(leadership) <= rank(standard.reportCard.worstArea)) {
    problems.push(
      `leadership and governance was ${cardName(leadership)} ${at}; it must be ${cardName(standard.reportCard.worstLeadership)} or better`,
    );
  }
  return problems;
}
