/** The academic year (September to August) a date falls in, e.g. 2026-10-01 → 2026/27. */
export function academicYearOf(date: Date): string {
  const y = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? y : y - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}
