import { describe, expect, it } from '@jest/globals';
import { addMonths } from '@trustwide/common/util/calendar';
import { formatPounds } from './money';
import { currentRoles, describeServed, servedInRoles, type RoleSpell } from './roles';

describe('addMonths', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-09-01', 18, '2027-03-01'],
    ['2025-11-15', 2, '2026-01-15'],
    ['2025-03-31', -1, '2025-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe('formatPounds', () => {
  it.each([
    [0, '£0'],
    [240_000, '£2,400'],
    [123_456, '£1,234.56'],
    [5, '£0.05'],
    [-150_000, '-£1,500'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatPounds(pence)).toBe(text);
  });
});

describe('role history', () => {
  const history: RoleSpell[] = [
    { role: 'deputy-headteacher', schoolId: 'a', startedOn: '2019-09-01', endedOn: '2023-08-31' },
    { role: 'headteacher', schoolId: 'a', startedOn: '2023-09-01', endedOn: null },
    { role: 'headteacher', schoolId: 'b', startedOn: '2024-09-01', endedOn: null },
  ];
  it.each<[string, string, string[], string]>([
    ['2025-09-01', 'headship counted once across two schools', ['headteacher', 'executive-headteacher'], '2 years'],
    ['2025-08-31', 'a day short (the span holds 29 February 2024)', ['headteacher'], '1 year and 365 days'],
    ['2025-09-01', 'a past role still counts', ['deputy-headteacher'], '4 years'],
    ['2025-09-01', 'never held', ['senco'], 'no time'],
  ])('on %s, %s', (on, _, roles, text) => {
    expect(describeServed(servedInRoles(history, roles as RoleSpell['role'][], on))).toBe(text);
  });
  it('lists roles held on a day once each', () => {
    expect(currentRoles(history, '2025-01-01')).toEqual(['headteacher']);
    expect(currentRoles(history, '2020-01-01')).toEqual(['deputy-headteacher']);
  });
});
