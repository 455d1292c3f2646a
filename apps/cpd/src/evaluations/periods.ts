import { academicYearOf, addYears, type IsoDate } from '@trustwide/common/util/calendar';

/**
 * Measure periods as the schools service announces them: an academic year `2024/25` or a term of it
 * `2024/25-autumn`, `-spring`, `-summer`. Within a year autumn < spring < summer < the whole year (a
 * whole-year figure is complete once the summer term is over). Same order as the schools service.
 */

const TERMS = ['autumn', 'spring', 'summer'] as const;
const PERIOD = /^(\d{4})\/(\d{2})(?:-(autumn|spring|summer))?$/;

/** Sort rank of a period, or null when the text is not one. */
export function periodRank(text: string): number | null {
  const m = PERIOD.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  if (Number(m[2]) !== (start + 1) % 100) return null;
  return start * 4 + (m[3] === undefined ? 3 : TERMS.indexOf(m[3] as (typeof TERMS)[number]));
}

/** The academic year a period belongs to: `2024/25-spring` → `2024/25`. */
export const yearOfPeriod = (text: string): string => text.slice(0, 7);

/**
 * Before and after for a cohort, as whole academic years: before is the last year that ended
 * before the first session's year began (untouched by the programme), after is the year in which
 * the last session fell (its whole-year figure is the first to include the programme's effect).
 * A reading programme from October 2024 to March 2025 compares 2023/24 with 2024/25.
 */
export function defaultImpactPeriods(firstSession: IsoDate, lastSession: IsoDate): { before: string; after: string } {
  return { before: academicYearOf(addYears(firstSession, -1)), after: academicYearOf(lastSession) };
}
