/**
 * Measure periods: an academic year `2024/25`, or a term of it `2024/25-autumn`, `-spring`, `-summer`.
 * Periods sort by academic year, and within a year autumn < spring < summer < the whole year (a
 * whole-year figure is only complete once the summer term is over).
 */

export const TERMS = ['autumn', 'spring', 'summer'] as const;
export type Term = (typeof TERMS)[number];

export interface AcademicPeriod {
  /** Calendar year in which the academic year starts: 2024 for 2024/25. */
  readonly startYear: number;
  /** Null for a whole academic year. */
  readonly term: Term | null;
}

const PERIOD = /^(\d{4})\/(\d{2})(?:-(autumn|spring|summer))?$/;

/** Null when the text is not a period in the canonical form (`2024/25`, `2024/25-spring`). */
export function parseAcademicPeriod(text: string): AcademicPeriod | null {
  const match = PERIOD.exec(text.trim());
  if (!match) return null;
  const startYear = Number(match[1]);
  if (Number(match[2]) !== (startYear + 1) % 100) return null; // 2024/26 is not an academic year
  return { startYear, term: (match[3] as Term | undefined) ?? null };
}

function rank(period: AcademicPeriod): number {
  return period.startYear * 4 + (period.term === null ? 3 : TERMS.indexOf(period.term));
}

/** Sort order of two periods; throws on text that is not a period, since an order cannot be guessed. */
export function compareAcademicPeriods(a: string, b: string): number {
  const pa = parseAcademicPeriod(a);
  const pb = parseAcademicPeriod(b);
  if (!pa || !pb) throw new Error(`"${pa ? b : a}" is not an academic period such as 2024/25 or 2024/25-autumn`);
  return rank(pa) - rank(pb);
}

/** `2024/25` → "2024/25"; `2024/25-autumn` → "autumn term 2024/25". */
export function describePeriod(text: string): string {
  const period = parseAcademicPeriod(text);
  if (!period || period.term === null) return text;
  return `${period.term} term ${text.slice(0, 7)}`;
}

/** Rank for sorting already-parsed periods. */
export function periodRank(period: AcademicPeriod): number {
  return rank(period);
}
