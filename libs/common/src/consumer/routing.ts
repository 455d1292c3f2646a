import type { IHeaders } from 'kafkajs';

/** What a consumer does with a message before it reads the body. */
export type Route =
  /** A type this group does not handle: skipped without parsing (its offset still advances). */
  | { kind: 'ignore'; type: string }
  /** A newer version of a handled type than this build knows: the partition waits for a newer deploy. */
  | { kind: 'pause'; type: string; version: number; known: number }
  /** Parse and validate, then apply (or dead-letter what cannot be read). */
  | { kind: 'parse' };

export interface RouteRules {
  handles: (type: string) => boolean;
  /** The version of a type this build knows (undefined: not in the catalogue). */
  knownVersion: (type: string) => number | undefined;
}

/** A header's (first) value as text. */
function text(value: IHeaders[string]): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === null ? undefined : first.toString();
}

/** Reads a header whichever spelling the producer used (`x-event-type` or the relay's `event-type`). */
export function header(headers: IHeaders | undefined, preferred: string, other: string): string | undefined {
  // Two named lookups, no rest array: it runs for every message a consumer reads.
  return headers === undefined ? undefined : (text(headers[preferred]) ?? text(headers[other]));
}

/**
 * Decides from a type and version (from the headers, or from the body of a message that has none)
 * whether a group reads the message at all. Types a group doesn't handle never reach validation, so a
 * group is not disturbed by other services' new types or versions; a newer version of a type it does
 * handle must not be skipped (later events of the same aggregate would be applied without it).
 */
export function route(type: string | undefined, version: number | undefined, rules: RouteRules): Route {
  if (type === undefined) return { kind: 'parse' };
  if (!rules.handles(type)) return { kind: 'ignore', type };
  const known = rules.knownVersion(type);
  if (version !== undefined && known !== undefined && Number.isInteger(version) && version > known)
    return { kind: 'pause', type, version, known };
  return { kind: 'parse' };
}

/** Type and version of a message from its headers. */
export function typeFromHeaders(headers: IHeaders | undefined): { type?: string; version?: number } {
  const type = header(headers, 'x-event-type', 'event-type');
  const version = header(headers, 'x-event-version', 'event-version');
  return { type, version: version !== undefined && /^\d{1,9}$/.test(version) ? Number(version) : undefined };
}

/** Type and version read from the body, for a message without headers (or undefined if it is not an envelope). */
export function typeFromBody(value: Buffer | null): { type?: string; version?: number } {
  if (!value) return {};
  try {
    const json = JSON.parse(value.toString('utf8')) as { type?: unknown; version?: unknown } | null;
    if (!json || typeof json !== 'object') return {};
    return {
      type: typeof json.type === 'string' ? json.type : undefined,
      version: typeof json.version === 'number' ? json.version : undefined,
    };
  } catch {
    return {};
  }
}

export const DAY_MS = 86_400_000;

/**
 * Problems with keeping the ledger for `ledgerDays` when the topics keep their messages for `retentionMs`
 * (-1: forever). A message can be delivered again for as long as its topic keeps it (a group whose
 * offsets expired re-reads from the start); if the ledger forgot it sooner, it would be applied twice.
 */
export function ledgerRetentionProblems(ledgerDays: number, topics: { topic: string; retentionMs: number }[]): string[] {
  const ledgerMs = ledgerDays * DAY_MS;
  return topics.flatMap(({ topic, retentionMs }) => {
    if (retentionMs < 0) return [`${topic} keeps messages forever but the ledger forgets them after ${ledgerDays} days`];
    if (retentionMs > ledgerMs) {
      return [`${topic} keeps messages ${Math.ceil(retentionMs / DAY_MS)} days but the ledger forgets them after ${ledgerDays} days`];
    }
    return [];
  });
}
