import { describe, expect, it } from '@jest/globals';
import { atMost } from './table-sets';

/** Work that takes `ms` and records how many ran at once. */
function tracked() {
  let running = 0;
  const seen = { peak: 0, done: [] as number[] };
  const work = (fail?: number) => async (item: number) => {
    running++;
    seen.peak = Math.max(seen.peak, running);
    await new Promise((r) => setTimeout(r, 5 + (item % 3)));
    running--;
    if (item === fail) throw new Error(`item ${item} failed`);
    seen.done.push(item);
  };
  return { seen, work, running: () => running };
}

describe('atMost', () => {
  it.each([
    { limit: 1, items: 5, peak: 1 },
    { limit: 2, items: 5, peak: 2 },
    { limit: 4, items: 3, peak: 3 },
    { limit: 2, items: 0, peak: 0 },
  ])('runs $items items at most $limit at once', async ({ limit, items, peak }) => {
    const t = tracked();
    await atMost(
      limit,
      Array.from({ length: items }, (_, i) => i),
      t.work(),
    );
    expect(t.seen.peak).toBe(peak);
    expect([...t.seen.done].sort()).toEqual(Array.from({ length: items }, (_, i) => i));
  });

  it('rejects with the first failure, after the work already running has ended, and starts nothing more', async () => {
    const t = tracked();
    await expect(atMost(2, [0, 1, 2, 3, 4, 5], t.work(1))).rejects.toThrow('item 1 failed');
    expect(t.running()).toBe(0);
    expect(t.seen.done).not.toContain(1);
    expect(t.seen.done.length).toBeLessThan(5);
  });
});
