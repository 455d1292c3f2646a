import {
  INSPECTION_FRAMEWORKS,
  MEASURE_NAMES,
  OEIF_AREAS,
  REPORT_CARD_AREAS,
  type InspectionFramework,
  type MeasureName,
} from '@trustwide/contracts';

/**
 * What a plan's priority is about: an inspection area of one framework, or a school measure. The
 * OEIF and the report card are different scales with different areas (DOMAIN.md: keep both, never
 * compare one with the other), so an area is always named together with its framework and is only
 * valid in that framework's vocabulary; `early-years` under the OEIF is not `early-years` under the
 * report card. Vocabularies from the contracts, as the schools service announces them.
 */

export { OEIF_AREAS, REPORT_CARD_AREAS };

export const AREAS_BY_FRAMEWORK: Readonly<Record<InspectionFramework, readonly string[]>> = {
  oeif: OEIF_AREAS,
  'report-card': REPORT_CARD_AREAS,
};

export const FRAMEWORK_NAMES: Readonly<Record<InspectionFramework, string>> = { oeif: 'the OEIF', 'report-card': 'the report card' };

export type PriorityLink =
  | { readonly kind: 'inspection-area'; readonly framework: InspectionFramework; readonly area: string }
  | { readonly kind: 'measure'; readonly measure: MeasureName };

/** Problems with a link (empty when valid). */
export function linkProblems(link: { kind?: unknown; framework?: unknown; area?: unknown; measure?: unknown }): string[] {
  if (link.kind === 'inspection-area') {
    if (!(INSPECTION_FRAMEWORKS as readonly unknown[]).includes(link.framework)) {
      return [`the framework must be one of ${INSPECTION_FRAMEWORKS.join(', ')}, not "${String(link.framework)}"`];
    }
    const framework = link.framework as InspectionFramework;
    const areas = AREAS_BY_FRAMEWORK[framework];
    if (!areas.includes(link.area as string)) {
      return [`"${String(link.area)}" is not an area of ${FRAMEWORK_NAMES[framework]}; its areas are ${areas.join(', ')}`];
    }
    return [];
  }
  if (link.kind === 'measure') {
    return (MEASURE_NAMES as readonly unknown[]).includes(link.measure)
      ? []
      : [`"${String(link.measure)}" is not a school measure; the measures are ${MEASURE_NAMES.join(', ')}`];
  }
  return [`a priority is linked to an inspection-area or a measure, not "${String(link.kind)}"`];
}

/** Two links are about the same thing only within one framework: an OEIF area never equals a report-card area. */
export function sameLink(a: PriorityLink, b: PriorityLink): boolean {
  if (a.kind === 'measure' && b.kind === 'measure') return a.measure === b.measure;
  if (a.kind === 'inspection-area' && b.kind === 'inspection-area') return a.framework === b.framework && a.area === b.area;
  return false;
}

export function describeLink(link: PriorityLink): string {
  return link.kind === 'measure' ? `the measure ${link.measure}` : `${link.area} (${FRAMEWORK_NAMES[link.framework]})`;
}
