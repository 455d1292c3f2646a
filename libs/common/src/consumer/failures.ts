/** Node socket errors and PostgreSQL error classes that say the infrastructure, not the event, is at fault. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// 08: connection exception; 53: insufficient resources; 57P0x: server shutting down or restarting;
// 40001 serialization failure; 40P01 deadlock; 55P03 lock not available.
const PG_TRANSIENT = /^(08...|53...|57P0.|40001|40P01|55P03)$/;
const MESSAGES =
  /connection terminated|terminating connection|timeout exceeded when trying to connect|connection (is )?closed|server closed the connection/i;

/**
 * True when the failure is the database or network's, not the event's: such a failure is retried for as
 * long as it lasts (the event is fine), instead of using up the attempts that end in the dead-letter topic.
 */
export function isInfrastructureFailure(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  if (!e) return false;
  const code = typeof e.code === 'string' ? e.code : typeof e.driverError?.code === 'string' ? e.driverError.code : undefined;
  if (code && (NETWORK_CODES.has(code) || PG_TRANSIENT.test(code))) return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

/**
 * Thrown by a handler when what the event needs has not arrived yet (typically an event of another
 * aggregate, on another partition, that this group has not consumed yet). Retried for the consumer's
 * ordering budget (long enough for the other partition to catch up), not its short attempt budget.
 */
export class EventNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventNotReadyError';
  }
}

/** PostgreSQL foreign_key_violation: a row this event refers to is not there yet. */
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * How a handler failure is retried:
 * - `permanent`: the event can never be applied (dead-lettered at once);
 * - `infrastructure`: the database or network is away (waited out for as long as it lasts);
 * - `ordering`: the event depends on one not consumed yet (retried for the longer ordering budget);
 * - `transient`: anything else (retried a few times with backoff, then dead-lettered).
 */
export type FailureKind = 'permanent' | 'infrastructure' | 'ordering' | 'transient';

export function classifyFailure(err: unknown): FailureKind {
  const e = err as { name?: unknown; code?: unknown; driverError?: { code?: unknown } } | null;
  if (e && e.name === 'PermanentEventError') return 'permanent';
  if (isInfrastructureFailure(err)) return 'infrastructure';
  if (e && (e.name === 'EventNotReadyError' || e.code === FOREIGN_KEY_VIOLATION || e.driverError?.code === FOREIGN_KEY_VIOLATION))
    return 'ordering';
  return 'transient';
}
