import { describe, expect, it } from '@jest/globals';
import { academicYearBounds, academicYearOf, addDays, addYears, daysBetween, formatDate, isAcademicYear, isIsoDate } from './calendar';

describe('calendar', () => {
  it.each([
    ['2025-09-01', '2025/26'],
    ['2025-08-31', '2024/25'],
    ['2026-01-15', '2025/26'],
    ['1999-10-01', '1999/00'],
  ])('academicYearOf(%s) is %s', (date, year) => {
    expect(academicYearOf(date)).toBe(year);
  });

  it.each([
    ['2025/26', true],
    ['1999/00', true],
    ['2025/27', false],
    ['2025-26', false],
  ])('isAcademicYear(%s) is %s', (year, ok) => {
    expect(isAcademicYear(year)).toBe(ok);
  });

  it('bounds an academic year from 1 September to 31 August', () => {
    expect(academicYearBounds('2025/26')).toEqual({ from: '2025-09-01', to: '2026-08-31' });
    expect(() => academicYearBounds('2025')).toThrow('not an academic year');
  });

  it.each([
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 1, '2025-02-28'],
    ['2025-09-01', 4, '2029-09-01'],
  ])('addYears(%s, %i) is %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it.each([
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
  ])('addDays(%s, %i) is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts days between dates, negative backwards', () => {
    expect(daysBetween('2023-09-01', '2025-09-01')).toBe(731);
    expect(daysBetween('2025-09-01', '2025-08-31')).toBe(-1);
  });

  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['24-02-2024', false],
    // Date.UTC would roll these over into real dates.
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    [20240229, false],
  ])('isIsoDate(%p) is %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it('formats dates for messages', () => {
    expect(formatDate('2024-03-12')).toBe('12 March 2024');
  });
});
