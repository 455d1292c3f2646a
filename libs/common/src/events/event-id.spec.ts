import { describe, expect, it } from '@jest/globals';
import { anyVersionUuid } from './compiled';
import { eventIdGenerator, newEventId } from './event-id';

/** The time (ms since the Unix epoch) a version 7 id carries: its first 48 bits. */
const eventIdTime = (id: string): number => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('makes canonical version 7 UUIDs that the contracts accept', () => {
    for (let i = 0; i < 1_000; i++) {
      const id = newEventId();
      expect(id).toMatch(V7);
      expect(anyVersionUuid(id)).toBe(true);
    }
  });

  it('carries the time it was made', () => {
    const before = Date.now();
    const id = newEventId();
    const after = Date.now();
    expect(eventIdTime(id)).toBeGreaterThanOrEqual(before);
    expect(eventIdTime(id)).toBeLessThanOrEqual(after + 1);
  });

  it.each([
    ['a time in 2026', Date.UTC(2026, 11, 7, 14, 46, 11, 123)],
    ['the largest time 48 bits hold', 2 ** 48 - 1],
    ['a time whose low 32 bits have their top bit set', 2 ** 40 + 2 ** 31 + 5],
    ['the epoch', 0],
  ])('writes the 48 bits of %s in order', (_, time) => {
    const id = eventIdGenerator(() => time)();
    expect(id).toMatch(V7);
    expect(eventIdTime(id)).toBe(time);
  });

  it('only grows, also for more ids in one millisecond than its count holds and when the clock goes back', () => {
    let now = Date.UTC(2030, 0, 1);
    const next = eventIdGenerator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(next());
    now = Date.UTC(2029, 0, 1);
    for (let i = 0; i < 100; i++) ids.push(next());
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // 10,100 ids at 2,048 or more a millisecond borrowed a few milliseconds, no more.
    expect(eventIdTime(ids[ids.length - 1]) - Date.UTC(2030, 0, 1)).toBeLessThan(6);
    // A later millisecond starts over from its own time.
    now = Date.UTC(2031, 0, 1);
    expect(eventIdTime(next())).toBe(now);
  });

  it('differs in its random part between ids of the same millisecond, and between generators', () => {
    const time = Date.UTC(2031, 0, 1);
    const a = eventIdGenerator(() => time);
    const b = eventIdGenerator(() => time);
    const tails = new Set(Array.from({ length: 500 }, () => [a().slice(19), b().slice(19)]).flat());
    expect(tails.size).toBe(1_000);
  });
});
