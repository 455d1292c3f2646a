/**
 * Dates as DfE and Ofsted publish them (`dd-mm-yyyy` in GIAS, `dd/mm/yyyy` in Ofsted MI and GIAS
 * group files, `yyyy-mm-dd` after a spreadsheet round trip), read into ISO `yyyy-mm-dd` strings.
 * Dates are calendar dates, not instants, so no Date objects or time zones are involved.
 */

export type DateParseResult = { readonly ok: true; readonly value: string | null } | { readonly ok: false; readonly error: string };

const DAY_FIRST = /^(\d{1,2})([-/])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `31-01-2024`, `31/01/2024`, `2024-01-31` → `2024-01-31`; empty (or whitespace) → null.
 * Impossible dates such as `31/02/2024` are errors, never rolled over to March.
 */
export function parseDate(input: string | null | undefined): DateParseResult {
  const text = (input ?? '').trim();
  if (text === '') return { ok: true, value: null };
  let day: number;
  let month: number;
  let year: number;
  const dayFirst = DAY_FIRST.exec(text);
  const iso = dayFirst ? null : ISO.exec(text);
  if (dayFirst) {
    [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[3]), Number(dayFirst[4])];
  } else if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return { ok: false, error: `"${text}" is not a date in the form dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd` };
  }
  if (year < 1000) return { ok: false, error: `"${text}" has an impossible year` };
  if (month < 1 || month > 12) return { ok: false, error: `"${text}" has no month ${month}` };
  if (day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, error: `"${text}" is not a real date: ${MONTHS[month - 1]} ${year} has no day ${day}` };
  }
  return { ok: true, value: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` };
}

/** True for a real ISO calendar date `yyyy-mm-dd`. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const result = parseDate(value);
  return result.ok && result.value === value;
}
