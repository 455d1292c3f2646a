/**
 * What a failed Kafka send means for the rows in it. Pure: the relay decides with it, the spec tables it.
 *
 * - `refused`: the broker refused these records themselves, for good (too large, invalid). Sending
 *   them again can never work; the relay finds the row(s) at fault and parks them.
 * - `setup`: not retriable, but about the topic or client (authorisation, unknown version, bad acks),
 *   so it would refuse every row alike. Parking them all would empty the outbox into the parking lot:
 *   the relay keeps retrying with backoff and says so loudly until someone fixes the setup.
 * - `transient`: the broker is away, leaders move, a timeout: retry (kafkajs already retried a few times).
 */
export type PublishFailureKind = 'refused' | 'setup' | 'transient';

export interface PublishFailure {
  kind: PublishFailureKind;
  /** The Kafka error type when the broker named one (MESSAGE_TOO_LARGE, …). */
  type?: string;
  message: string;
}

/** Broker answers that are about the records sent, not the connection, topic or client. */
export const RECORD_REFUSALS: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE', // a record batch over the topic's max.message.bytes
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD', // refused by a broker-side record check (e.g. a null key on a compacted topic)
  'INVALID_TIMESTAMP', // outside message.timestamp.*.max.ms
]);

/** Not retriable, but the same for every row: fix the setup, the rows then go as they are. */
const SETUP_REFUSALS: ReadonlySet<string> = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUIRED_ACKS',
  'UNSUPPORTED_VERSION',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'UNSUPPORTED_COMPRESSION_TYPE',
  'POLICY_VIOLATION',
]);

interface ErrorLike {
  name?: string;
  message?: string;
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  errors?: unknown[];
}

/** Every error in a kafkajs error's chain: its causes (NonRetriable, RetriesExceeded) and aggregated errors. */
function chain(err: unknown, seen = new Set<unknown>()): ErrorLike[] {
  if (!err || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as ErrorLike;
  return [e, ...chain(e.cause, seen), ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => chain(x, seen)) : [])];
}

export function classifyPublishError(err: unknown): PublishFailure {
  const errors = chain(err);
  const message = errors[0]?.message ?? String(err);
  const typed = errors.filter((e) => typeof e.type === 'string');
  const refused = typed.find((e) => RECORD_REFUSALS.has(e.type!));
  if (refused) return { kind: 'refused', type: refused.type, message: refused.message ?? message };
  const setup = typed.find((e) => SETUP_REFUSALS.has(e.type!));
  if (setup) return { kind: 'setup', type: setup.type, message: setup.message ?? message };
  return { kind: 'transient', type: typed[0]?.type, message };
}
