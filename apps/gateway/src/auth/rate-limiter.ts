/** One key's hits in the window, oldest first; `head` is the first still counted (the ones before it have left). */
interface Hits {
  times: number[];
  head: number;
}

/**
 * Counts events per key in a sliding window and says when a key has had too many. In memory: right for one
 * gateway replica (the demo and a small trust); several replicas each count their own share, so the effective
 * limit is the limit times the replicas until the counts move to a shared store (PostgreSQL or Redis). Each call
 * costs the same however high the limit (hits leave from the front as they age), so a generous limit for a busy
 * integration does not make every request pay for a copy of the window.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, Hits>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now: number): number {
    const hits = this.recent(key, now);
    if (!hits || hits.times.length - hits.head < this.max) return 0;
    return Math.max(1, Math.ceil((hits.times[hits.times.length - this.max] + this.windowMs - now) / 1000));
  }

  hit(key: string, now: number): void {
    let hits = this.recent(key, now);
    if (!hits) this.hits.set(key, (hits = { times: [], head: 0 }));
    hits.times.push(now);
    if (this.hits.size > 100_000) this.sweep(now); // bounded memory under a spray of addresses or names
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  /** The key's hits with those that left the window dropped (the array is compacted once half of it has left). */
  private recent(key: string, now: number): Hits | undefined {
    const hits = this.hits.get(key);
    if (!hits) return undefined;
    const since = now - this.windowMs;
    while (hits.head < hits.times.length && hits.times[hits.head] <= since) hits.head++;
    if (hits.head === hits.times.length) {
      this.hits.delete(key);
      return undefined;
    }
    if (hits.head > 64 && hits.head * 2 > hits.times.length) {
      hits.times = hits.times.slice(hits.head);
      hits.head = 0;
    }
    return hits;
  }

  private sweep(now: number): void {
    for (const [key, hits] of this.hits) if (hits.times[hits.times.length - 1] <= now - this.windowMs) this.hits.delete(key);
  }
}
