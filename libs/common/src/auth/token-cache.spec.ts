import { describe, expect, it } from '@jest/globals';
import { TokenCache } from './token-cache';

describe('TokenCache', () => {
  const identity = () => ({ userId: 'u', roles: ['ceo'] });

  it.each([
    // [what, expires at, asked at, found]
    ['found before its expiry', 30_000, 29_999, true],
    ['not found at its expiry', 30_000, 30_000, false],
    ['not found past the longest it is kept (60 s), though the token lives longer', 900_000, 60_000, false],
    ['found just inside the longest it is kept', 900_000, 59_999, true],
    ['not found when the clock went back before it was checked', 900_000, -1, false],
  ])('a token checked at 0 is %s', (_what, expiresAt, askedAt, found) => {
    const checked = new TokenCache<ReturnType<typeof identity>>();
    checked.set('token', identity(), expiresAt, 0);
    expect(checked.get('token', askedAt)).toEqual(found ? identity() : undefined);
  });

  it('finds only the very text that passed', () => {
    const checked = new TokenCache<ReturnType<typeof identity>>();
    checked.set('aaa.bbb.ccc', identity(), 60_000, 0);
    expect(checked.get('aaa.bbb.ccd', 1)).toBeUndefined();
    expect(checked.get('aaa.bbb.ccc', 1)).toEqual(identity());
  });

  it('keeps nothing already expired, and makes the oldest entry way for a new one when full', () => {
    const checked = new TokenCache<ReturnType<typeof identity>>(2);
    checked.set('expired', identity(), 5, 10);
    expect(checked.get('expired', 10)).toBeUndefined();
    checked.set('first', identity(), 60_000, 0);
    checked.set('second', identity(), 60_000, 0);
    checked.set('third', identity(), 60_000, 0);
    expect([checked.get('first', 1), checked.get('second', 1), checked.get('third', 1)].map(Boolean)).toEqual([false, true, true]);
  });

  it('hands out frozen values, so no request can change what the next one is told', () => {
    const checked = new TokenCache<ReturnType<typeof identity>>();
    const kept = checked.set('token', identity(), 60_000, 0);
    expect(() => kept.roles.push('trust-admin')).toThrow(TypeError);
    expect(checked.get('token', 1)).toEqual(identity());
  });
});
