import { describe, expect, it } from '@jest/globals';
import { compareAcademicPeriods, describePeriod, parseAcademicPeriod } from './periods';

describe('parseAcademicPeriod', () => {
  it('reads academic years and their terms', () => {
    expect(parseAcademicPeriod('2024/25')).toEqual({ startYear: 2024, term: null });
    expect(parseAcademicPeriod('2024/25-autumn')).toEqual({ startYear: 2024, term: 'autumn' });
    expect(parseAcademicPeriod('2099/00-summer')).toEqual({ startYear: 2099, term: 'summer' });
  });

  it.each(['2024/26', '2024-25', '2024/25-winter', '24/25', '2024/25 autumn', '', '2024'])('rejects %p', (text) => {
    expect(parseAcademicPeriod(text)).toBeNull();
  });
});

describe('compareAcademicPeriods', () => {
  it('orders by academic year, then autumn < spring < summer < whole year', () => {
    const shuffled = [
      '2024/25',
      '2023/24-summer',
      '2024/25-spring',
      '2022/23',
      '2024/25-autumn',
      '2023/24',
      '2024/25-summer',
      '2023/24-autumn',
    ];
    expect([...shuffled].sort(compareAcademicPeriods)).toEqual([
      '2022/23',
      '2023/24-autumn',
      '2023/24-summer',
      '2023/24',
      '2024/25-autumn',
      '2024/25-spring',
      '2024/25-summer',
      '2024/25',
    ]);
  });

  it('puts a year after the previous year’s summer term', () => {
    expect(compareAcademicPeriods('2024/25', '2023/24-summer')).toBeGreaterThan(0);
    expect(compareAcademicPeriods('2024/25-autumn', '2023/24')).toBeGreaterThan(0);
    expect(compareAcademicPeriods('2024/25', '2024/25')).toBe(0);
  });

  it('throws on text that is not a period', () => {
    expect(() => compareAcademicPeriods('2024/25', 'last year')).toThrow('"last year" is not an academic period');
  });
});

describe('describePeriod', () => {
  it('names terms in words', () => {
    expect(describePeriod('2024/25')).toBe('2024/25');
    expect(describePeriod('2024/25-autumn')).toBe('autumn term 2024/25');
  });
});
