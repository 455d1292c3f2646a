/** How long a checked token is taken on its word at most: as long as the gateway and the services cache its keys. */
export const CHECKED_TOKEN_MAX_AGE_MS = 60_000;

/**
 * Tokens whose signature and claims were checked, by their exact text, until they expire (and at most
 * `maxAgeMs`): a signed-in client sends the same access token with every request, and the gateway sends a service
 * the same caller token for the same caller for a while, so each is checked once rather than on every request (an
 * ECDSA verification is the costliest step of a request's authentication). Only tokens that passed are kept, so a
 * hit needs the very text that passed; what is checked per request besides the signature (the session, the role
 * version) is still checked. Kept no longer than the keys are cached, so a retired key's tokens stop passing as
 * soon as the key is gone. Bounded: the oldest entry makes way for a new one. The kept values are frozen.
 */
export class CheckedTokens<T extends object> {
  private readonly entries = new Map<string, { value: T; since: number; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = CHECKED_TOKEN_MAX_AGE_MS,
  ) {}

  /** What `token` was found to say, while it has not expired at `nowMs`; undefined: check it. */
  get(token: string, nowMs: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    // A clock that went back (a test's, or a corrected one) is not trusted with the entry either.
    if (nowMs >= entry.until || nowMs < entry.since) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps what `token` says until `expiresAtMs` (its expiry, tolerance included), at most `maxAgeMs` from `nowMs`. */
  set(token: string, value: T, expiresAtMs: number, nowMs: number): T {
    const kept = deepFreeze(value);
    const until = Math.min(expiresAtMs, nowMs + this.maxAgeMs);
    if (until <= nowMs) return kept;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { value: kept, since: nowMs, until });
    return kept;
  }

  clear(): void {
    this.entries.clear();
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
