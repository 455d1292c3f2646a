import { describe, expect, it } from '@jest/globals';
import { gradesThatFell, InspectionFacts, inspectionFalls, nameUuid, riskWorsened } from './alert-rules';

describe('riskWorsened', () => {
  it.each([
    [undefined, 'green', false],
    [undefined, 'amber', true],
    [undefined, 'red', true],
    ['green', 'amber', true],
    ['amber', 'red', true],
    ['red', 'amber', false],
    ['amber', 'amber', false],
    ['red', 'green', false],
  ])('%s → %s: %s', (from, to, expected) => expect(riskWorsened(from, to)).toBe(expected));
});

const oeif = (
  id: string,
  startDate: string,
  overall: number,
  judgements: [string, string][] = [],
  safeguarding?: string,
): InspectionFacts => ({
  inspectionId: id,
  framework: 'oeif',
  startDate,
  overall,
  safeguarding,
  judgements: judgements.map(([area, grade]) => ({ area, grade })),
});
const card = (id: string, startDate: string, judgements: [string, string][], safeguarding = 'met'): InspectionFacts => ({
  inspectionId: id,
  framework: 'report-card',
  startDate,
  safeguarding,
  judgements: judgements.map(([area, grade]) => ({ area, grade })),
});

describe('gradesThatFell', () => {
  it.each([
    ['oeif overall 2 → 3', oeif('a', '2020-01-01', 2), oeif('b', '2023-01-01', 3), ['overall 2 → 3']],
    ['oeif overall 3 → 2 (better)', oeif('a', '2020-01-01', 3), oeif('b', '2023-01-01', 2), []],
    [
      'oeif sub-judgement',
      oeif('a', '2020-01-01', 2, [['leadership-and-management', '2']]),
      oeif('b', '2023-01-01', 2, [['leadership-and-management', '3']]),
      ['leadership-and-management 2 → 3'],
    ],
    [
      'oeif safeguarding',
      oeif('a', '2020-01-01', 2, [], 'effective'),
      oeif('b', '2023-01-01', 2, [], 'not-effective'),
      ['safeguarding effective → not-effective'],
    ],
    [
      'report card area',
      card('a', '2025-11-20', [['inclusion', 'strong-standard']]),
      card('b', '2026-03-01', [['inclusion', 'needs-attention']]),
      ['inclusion strong-standard → needs-attention'],
    ],
    [
      'report card area better',
      card('a', '2025-11-20', [['inclusion', 'needs-attention']]),
      card('b', '2026-03-01', [['inclusion', 'exceptional']]),
      [],
    ],
    [
      'report card safeguarding',
      card('a', '2025-11-20', [], 'met'),
      card('b', '2026-03-01', [], 'not-met'),
      ['safeguarding met → not-met'],
    ],
    ['never across frameworks', oeif('a', '2020-01-01', 1), card('b', '2026-03-01', [['inclusion', 'urgent-improvement']]), []],
  ])('%s', (_name, previous, next, expected) => expect(gradesThatFell(previous, next)).toEqual(expected));
});

describe('inspectionFalls', () => {
  it('compares each new latest inspection with the one before it under its framework, and skips one recorded late', () => {
    const stored = [oeif('a', '2019-01-01', 2), card('c', '2025-12-01', [['inclusion', 'strong-standard']])];
    const incoming = [
      oeif('b', '2022-01-01', 3),
      oeif('old', '2015-01-01', 4),
      card('d', '2026-05-01', [['inclusion', 'expected-standard']]),
    ];
    expect(inspectionFalls(stored, incoming).map((f) => [f.inspection.inspectionId, f.previous.inspectionId, f.fell])).toEqual([
      ['b', 'a', ['overall 2 → 3']],
      ['d', 'c', ['inclusion strong-standard → expected-standard']],
    ]);
  });
  it('a corrected inspection (same id) is compared with the one before it, not with itself', () => {
    expect(
      inspectionFalls([oeif('a', '2019-01-01', 2), oeif('b', '2022-01-01', 2)], [oeif('b', '2022-01-01', 4)]).map(
        (f) => f.previous.inspectionId,
      ),
    ).toEqual(['a']);
  });
});

describe('nameUuid', () => {
  it('is a stable version-5-shaped UUID', () => {
    expect(nameUuid('x')).toBe(nameUuid('x'));
    expect(nameUuid('x')).not.toBe(nameUuid('y'));
    expect(nameUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
