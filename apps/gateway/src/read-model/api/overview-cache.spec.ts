import { describe, expect, it } from '@jest/globals';
import type { AlertSignals } from './alert-stream.service';
import { OverviewCache } from './overview-cache';

/** The signals the cache listens to: whether changes are heard, and a way to announce one. */
function signals(listening = true) {
  const listeners: ((trustId: string) => void)[] = [];
  const fake = {
    listening,
    epoch: 0,
    onChange: (listener: (trustId: string) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  };
  return { fake: fake as unknown as AlertSignals, change: (trustId: string) => listeners.forEach((l) => l(trustId)) };
}

/** A computation the test finishes when it likes, counting how often it was started. */
function deferred() {
  let calls = 0;
  let finish: (value: string) => void = () => undefined;
  const compute = () => {
    calls++;
    return new Promise<string>((resolve) => (finish = resolve));
  };
  return { compute, finish: (v: string) => finish(v), calls: () => calls };
}

describe('OverviewCache', () => {
  it('computes an answer once for requests that arrive while it is being computed, and keeps it', async () => {
    const cache = new OverviewCache(signals().fake);
    const d = deferred();
    const first = cache.get('t1', 'k', d.compute);
    const second = cache.get('t1', 'k', d.compute);
    d.finish('answer');
    expect(await Promise.all([first, second])).toEqual(['answer', 'answer']);
    expect(await cache.get('t1', 'k', d.compute)).toBe('answer');
    expect(d.calls()).toBe(1);
  });

  it('does not share a computation across a change of the trust, nor keep one that overlapped it', async () => {
    const s = signals();
    const cache = new OverviewCache(s.fake);
    const old = deferred();
    const before = cache.get('t1', 'k', old.compute);
    s.change('t1');
    const fresh = deferred();
    const after = cache.get('t1', 'k', fresh.compute);
    old.finish('old');
    fresh.finish('new');
    expect(await before).toBe('old');
    expect(await after).toBe('new');
    expect([old.calls(), fresh.calls()]).toEqual([1, 1]);
    // The answer computed after the change is kept; the one that overlapped it was not.
    expect(await cache.get('t1', 'k', () => Promise.resolve('recomputed'))).toBe('new');
  });

  it('keeps answers apart by trust and key, and shares nothing while changes are not heard', async () => {
    let calls = 0;
    const compute = () => Promise.resolve(`answer ${++calls}`);
    const deaf = new OverviewCache(signals(false).fake);
    expect(await Promise.all([deaf.get('t1', 'k', compute), deaf.get('t1', 'k', compute)])).toEqual(['answer 1', 'answer 2']);
    expect(await deaf.get('t1', 'k', compute)).toBe('answer 3');
    calls = 0;
    const cache = new OverviewCache(signals().fake);
    const answers = await Promise.all([cache.get('t1', 'k', compute), cache.get('t2', 'k', compute), cache.get('t1', 'other', compute)]);
    expect(answers).toEqual(['answer 1', 'answer 2', 'answer 3']);
  });

  it('lets a failed computation fail every request that waited for it, and computes again after', async () => {
    const cache = new OverviewCache(signals().fake);
    let fail: (e: Error) => void = () => undefined;
    const failing = () => new Promise<string>((_, reject) => (fail = reject));
    const first = cache.get('t1', 'k', failing);
    const second = cache.get('t1', 'k', failing);
    fail(new Error('database away'));
    await expect(first).rejects.toThrow('database away');
    await expect(second).rejects.toThrow('database away');
    expect(await cache.get('t1', 'k', () => Promise.resolve('back'))).toBe('back');
  });
});
