import { describe, expect, it } from '@jest/globals';
import { halves, messageBytes, splitByBytes } from './batching';

describe('splitByBytes', () => {
  const size = (n: number) => n;
  const cases: [string, number[], number, number[][]][] = [
    ['nothing', [], 10, []],
    ['all fit in one', [3, 3, 3], 10, [[3, 3, 3]]],
    ['exactly the budget', [5, 5], 10, [[5, 5]]],
    ['one over the budget starts a new chunk', [5, 5, 1], 10, [[5, 5], [1]]],
    ['an item larger than the budget goes alone', [2, 50, 2], 10, [[2], [50], [2]]],
    ['order is kept', [4, 7, 1, 9, 2], 10, [[4], [7, 1], [9], [2]]],
  ];
  it.each(cases)('%s', (_, items, budget, expected) => {
    expect(splitByBytes(items, size, budget)).toEqual(expected);
  });

  it('keeps 10,000 rows of ordinary school events under a 768 KiB budget per request', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      key: `key-${i}`,
      value: 'x'.repeat(900),
      headers: { 'event-id': 'e'.repeat(36) },
    }));
    const chunks = splitByBytes(rows, messageBytes, 786_432);
    expect(chunks.flat()).toHaveLength(10_000);
    expect(chunks.length).toBeGreaterThan(10);
    for (const chunk of chunks) expect(chunk.reduce((s, m) => s + messageBytes(m), 0)).toBeLessThanOrEqual(786_432);
  });
});

describe('messageBytes', () => {
  it('counts key, value (UTF-8) and headers with their overhead', () => {
    const plain = messageBytes({ key: 'k', value: 'abc', headers: {} });
    expect(messageBytes({ key: 'k', value: 'abé', headers: {} })).toBe(plain + 1);
    expect(messageBytes({ key: 'k', value: 'abc', headers: { h: 'v' } })).toBeGreaterThan(plain + 2);
  });
});

describe('halves', () => {
  it.each([
    [[1], [[1], []]],
    [
      [1, 2],
      [[1], [2]],
    ],
    [
      [1, 2, 3],
      [[1, 2], [3]],
    ],
  ])('%j', (items, expected) => expect(halves(items)).toEqual(expected));
});
