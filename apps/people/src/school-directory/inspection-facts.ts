import { REPORT_CARD_GRADES, type InspectionRecordedV1 } from '@trustwide/contracts';
import type { LatestInspection, OeifGrade, ReportCardGrade } from '../designations/inspection-standing';

/**
 * An inspection as the schools service announced it, read the way the designation rules read it:
 * OEIF grades 1–4 (overall and per area), or report-card grades per area and safeguarding. The two
 * frameworks stay apart; a grade that is not of its framework's scale is left out rather than guessed.
 */
export function latestInspectionOf(
  data: Pick<InspectionRecordedV1, 'framework' | 'startDate' | 'overallEffectiveness' | 'safeguarding' | 'judgements'>,
): LatestInspection {
  if (data.framework === 'oeif') {
    const judgements: Record<string, OeifGrade> = {};
    for (const j of data.judgements) if (/^[1-4]$/.test(j.grade)) judgements[j.area] = Number(j.grade) as OeifGrade;
    const overall = data.overallEffectiveness;
    return {
      framework: 'oeif',
      startDate: data.startDate,
      overallEffectiveness: overall !== null && overall >= 1 && overall <= 4 ? (overall as OeifGrade) : null,
      judgements,
    };
  }
  const areas: Record<string, ReportCardGrade> = {};
  for (const j of data.judgements)
    if ((REPORT_CARD_GRADES as readonly string[]).includes(j.grade)) areas[j.area] = j.grade as ReportCardGrade;
  // A report card without a safeguarding outcome is not read as met: the standard needs it shown.
  return { framework: 'report-card', startDate: data.startDate, areas, safeguarding: data.safeguarding === 'met' ? 'met' : 'not-met' };
}
