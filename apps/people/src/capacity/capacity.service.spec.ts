import { describe, expect, it } from '@jest/globals';
import { academicYearsOf } from './capacity.service';

describe('academicYearsOf (the years whose capacity a designation change re-derives)', () => {
  it.each([
    ['a four-year term from 1 September', [{ from: '2025-09-01', to: '2029-08-31' }], ['2025/26', '2026/27', '2027/28', '2028/29']],
    [
      'a term starting mid-year touches one more year',
      [{ from: '2026-03-01', to: '2030-02-28' }],
      ['2025/26', '2026/27', '2027/28', '2028/29', '2029/30'],
    ],
    ['one day', [{ from: '2025-08-31', to: '2025-08-31' }], ['2024/25']],
    ['no term yet (an application)', [{ from: null, to: null }], []],
    [
      'the old and the new term of a renewal, once each',
      [
        { from: '2021-09-01', to: '2025-08-31' },
        { from: '2025-09-01', to: '2026-08-31' },
      ],
      ['2021/22', '2022/23', '2023/24', '2024/25', '2025/26'],
    ],
  ])('%s', (_, terms, expected) => expect(academicYearsOf(terms)).toEqual(expected));
});
