import {
  OEIF_GRADES,
  REPORT_CARD_GRADES,
  type InspectionFramework,
  type InspectionJudgementV1,
  type OeifArea,
  type OeifGrade,
  type ReportCardArea,
  type ReportCardGrade,
} from '@trustwide/contracts';

/**
 * Inspections as Ofsted's management information publishes them, under two frameworks that must
 * never be put on one scale: the OEIF (to November 2025: one overall grade 1–4 plus sub-judgements)
 * and the report card (since 10 November 2025: a grade per area, and safeguarding met or not).
 */

/** Kebab-case categories of concern (`requires-significant-improvement` is the report-card era's); other values are kept as given. */
export type CategoryOfConcern = 'special-measures' | 'serious-weaknesses' | 'requires-significant-improvement';

interface InspectionBase {
  readonly urn: number;
  readonly inspectionNumber: string | null;
  readonly inspectionType: string | null;
  /** ISO date. */
  readonly startDate: string;
  readonly publicationDate: string | null;
  readonly categoryOfConcern: CategoryOfConcern | (string & {}) | null;
}

export interface OeifJudgement extends InspectionJudgementV1 {
  readonly area: OeifArea;
  readonly grade: OeifGrade;
}

export interface ReportCardJudgement extends InspectionJudgementV1 {
  readonly area: ReportCardArea;
  readonly grade: ReportCardGrade;
}

export interface OeifInspection extends InspectionBase {
  readonly framework: 'oeif';
  /** Null for ungraded inspections and "Not judged". */
  readonly overallEffectiveness: 1 | 2 | 3 | 4 | null;
  readonly safeguarding: 'effective' | 'not-effective' | null;
  readonly judgements: readonly OeifJudgement[];
}

export interface ReportCardInspection extends InspectionBase {
  readonly framework: 'report-card';
  /** Report cards have no overall grade. */
  readonly overallEffectiveness: null;
  readonly safeguarding: 'met' | 'not-met' | null;
  readonly judgements: readonly ReportCardJudgement[];
}

/** One inspection, tagged with its framework. Structurally compatible with InspectionRecordedV1's fields. */
export type ParsedInspection = OeifInspection | ReportCardInspection;

/**
 * Whether grades of two inspections may be compared (e.g. "improved since last time"). Only
 * inspections under the same framework are: a "Needs attention" is not a 3.
 */
export function areInspectionsComparable(
  a: { readonly framework: InspectionFramework },
  b: { readonly framework: InspectionFramework },
): boolean {
  return a.framework === b.framework;
}

/**
 * Orders two grades of the same framework: negative when `a` is better than `b`. Throws when a grade
 * does not belong to the framework, which is the mistake this guards against.
 */
export function compareGrades(framework: InspectionFramework, a: string, b: string): number {
  const scale: readonly string[] = framework === 'oeif' ? OEIF_GRADES : REPORT_CARD_GRADES;
  const ia = scale.indexOf(a);
  const ib = scale.indexOf(b);
  if (ia === -1 || ib === -1) {
    throw new Error(`"${ia === -1 ? a : b}" is not a grade of the ${framework} framework`);
  }
  return ia - ib;
}

const NO_CATEGORY = new Set(['', 'null', 'na', 'notapplicable', 'none', 'nocategory', '9']);

const CATEGORY_BY_TEXT: Readonly<Record<string, CategoryOfConcern>> = {
  sm: 'special-measures',
  specialmeasures: 'special-measures',
  swk: 'serious-weaknesses',
  seriousweaknesses: 'serious-weaknesses',
  rsi: 'requires-significant-improvement',
  requiressignificantimprovement: 'requires-significant-improvement',
};

/** `SM` / "Special measures" → `special-measures`, `SWK` → `serious-weaknesses`; unknown values kept as given. */
export function normaliseCategoryOfConcern(text: string | null | undefined): CategoryOfConcern | (string & {}) | null {
  const value = (text ?? '').trim();
  const key = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (NO_CATEGORY.has(key)) return null;
  return CATEGORY_BY_TEXT[key] ?? value;
}
