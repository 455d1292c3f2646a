import { describe, expect, it } from '@jest/globals';
import { isIsoDate, parseDate } from './dates';

describe('parseDate', () => {
  it.each([
    ['01-09-2017', '2017-09-01'],
    ['19/07/2010', '2010-07-19'],
    ['2024-02-29', '2024-02-29'],
    ['1/9/2017', '2017-09-01'],
    [' 31-12-1999 ', '1999-12-31'],
    ['29/02/2000', '2000-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDate(text)).toEqual({ ok: true, value: iso });
  });

  it.each(['', '   ', null, undefined])('reads an empty value (%p) as null', (text) => {
    expect(parseDate(text)).toEqual({ ok: true, value: null });
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseDate('31/02/2024')).toEqual({ ok: false, error: '"31/02/2024" is not a real date: February 2024 has no day 31' });
    expect(parseDate('29-02-2023')).toMatchObject({ ok: false });
    expect(parseDate('29-02-1900')).toMatchObject({ ok: false }); // 1900 was not a leap year
    expect(parseDate('31-04-2024')).toMatchObject({ ok: false });
    expect(parseDate('00-01-2024')).toMatchObject({ ok: false });
    expect(parseDate('2024-13-01')).toEqual({ ok: false, error: '"2024-13-01" has no month 13' });
  });

  it.each(['2024/01/31', '31.01.2024', '31-01/2024', '31-01-24', 'yesterday', '2024-1-1T00:00', '0999-01-01'])(
    'rejects %s as not a date in a known form',
    (text) => {
      const result = parseDate(text);
      expect(result.ok).toBe(false);
    },
  );

  it('explains what forms are accepted', () => {
    expect(parseDate('31.01.2024')).toEqual({
      ok: false,
      error: '"31.01.2024" is not a date in the form dd-mm-yyyy, dd/mm/yyyy or yyyy-mm-dd',
    });
  });
});

describe('isIsoDate', () => {
  it('accepts only real yyyy-mm-dd dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-29')).toBe(false);
    expect(isIsoDate('29/02/2024')).toBe(false);
  });
});
