/** How long a token is kept at most: as long as the gateway and the services cache its keys. */
export const TOKEN_CACHE_MAX_AGE_MS = 60_000;

/**
 * Tokens, or what they were found to say, kept by a key until they expire (and at most `maxAgeMs`), bounded (the
 * oldest entry makes way for a new one), the kept values frozen so no request can change what the next is handed.
 * Two uses: tokens whose signature and claims were checked, by their exact text (a signed-in client sends the same
 * access token with every request, so its ECDSA verification, the costliest step of a request's authentication, is
 * done once; only tokens that passed are kept, so a hit needs the very text that passed, and what is checked per
 * request besides the signature, the session and role version, still is); and the caller token the gateway signed
 * for a caller, by its claims, reused while it has half its life left. Kept no longer than the keys are cached, so a
 * retired key's tokens stop passing as soon as the key is gone.
 */
export class TokenCache<T extends object> {
  private readonly entries = new Map<string, { value: T; since: number; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = TOKEN_CACHE_MAX_AGE_MS,
  ) {}

  /** What is kept under `key`, while it has not expired at `nowMs`; undefined: check (or sign) anew. */
  get(key: string, nowMs: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // A clock that went back (a test's, or a corrected one) is not trusted with the entry either.
    if (nowMs >= entry.until || nowMs < entry.since) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps `value` under `key` until `expiresAtMs` (a token's expiry, tolerance included), at most `maxAgeMs` from `nowMs`. */
  set(key: string, value: T, expiresAtMs: number, nowMs: number): T {
    const kept = deepFreeze(value);
    const until = Math.min(expiresAtMs, nowMs + this.maxAgeMs);
    if (until <= nowMs) return kept;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value: kept, since: nowMs, until });
    return kept;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
