/**
 * Calendar dates as ISO `YYYY-MM-DD` strings. Terms, role spells and academic years are dates, not
 * instants, so no Date objects leak out and no time zone can shift a day. Strings compare in order.
 * Shared by the services' domain code (designation terms, support schedules, cohort sessions).
 */

export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Average year length, so that leap days neither give nor take a day of "two years of headship". */
export const DAYS_PER_YEAR = 365.25;

function parts(date: IsoDate): [number, number, number] {
  const m = ISO.exec(date);
  if (!m) throw new Error(`"${date}" is not a date as YYYY-MM-DD`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function toUtc(date: IsoDate): number {
  const [y, m, d] = parts(date);
  const utc = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2026-13-01 into 2027-01-01 and 2026-02-30 into March: check nothing rolled over.
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d)
    throw new Error(`"${date}" is not a real date`);
  return utc;
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO.test(value)) return false;
  try {
    toUtc(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Same day and month `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = parts(date);
  const target = y + years;
  const last = new Date(Date.UTC(target, m, 0)).getUTCDate();
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
/** Same day `months` later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** English schools' year runs 1 September to 31 August: `2025-10-01` is in `2025/26`. */
export function academicYearOf(date: IsoDate): string {
  const [y, m] = parts(date);
  const start = m >= 9 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

const ACADEMIC_YEAR = /^(\d{4})\/(\d{2})$/;

export function isAcademicYear(value: string): boolean {
  const m = ACADEMIC_YEAR.exec(value);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** First and last day of an academic year such as `2025/26`. */
export function academicYearBounds(year: string): { from: IsoDate; to: IsoDate } {
  if (!isAcademicYear(year)) throw new Error(`"${year}" is not an academic year such as 2025/26`);
  const start = Number(year.slice(0, 4));
  return { from: `${start}-09-01`, to: `${start + 1}-08-31` };
}

/** `2024-03-12` → `12 March 2024`, for messages people read. */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][
    m - 1
  ];
  return `${d} ${month} ${y}`;
}
