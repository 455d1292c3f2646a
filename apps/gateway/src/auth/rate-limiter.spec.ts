import { describe, expect, it } from '@jest/globals';
import { SlidingWindowLimiter } from './rate-limiter';

describe('SlidingWindowLimiter', () => {
  it('refuses the attempt after max within the window and says when to come back', () => {
    const limiter = new SlidingWindowLimiter(3, 60_000);
    for (const t of [0, 10_000, 20_000]) {
      expect(limiter.retryAfter('k', t)).toBe(0);
      limiter.hit('k', t);
    }
    expect(limiter.retryAfter('k', 30_000)).toBe(30); // the first hit leaves the window at 60 s
    expect(limiter.retryAfter('other', 30_000)).toBe(0);
    expect(limiter.retryAfter('k', 60_001)).toBe(0);
  });

  it('forgets a key on reset (a successful sign-in clears the failures)', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000);
    limiter.hit('k', 0);
    expect(limiter.retryAfter('k', 1)).toBeGreaterThan(0);
    limiter.reset('k');
    expect(limiter.retryAfter('k', 1)).toBe(0);
  });

  it('counts a long window exactly as hits age out of it, a few at a time', () => {
    const limiter = new SlidingWindowLimiter(1_000, 60_000);
    // 1,000 hits 60 ms apart fill the window; from then on the oldest leaves as each new one comes, 60 ms later.
    for (let t = 0; t < 1_000; t++) {
      expect(limiter.retryAfter('k', t * 60)).toBe(0);
      limiter.hit('k', t * 60);
    }
    expect(limiter.retryAfter('k', 59_999)).toBe(1); // the first hit (at 0) leaves the window at 60 s
    for (let t = 1_000; t < 3_000; t++) {
      const now = t * 60;
      expect(limiter.retryAfter('k', now)).toBe(0);
      limiter.hit('k', now);
      expect(limiter.retryAfter('k', now)).toBe(1);
    }
    expect(limiter.retryAfter('k', 3_000 * 60 + 60_000)).toBe(0); // all aged out
  });
});
