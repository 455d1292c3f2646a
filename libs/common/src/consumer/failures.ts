/** Node socket errors and PostgreSQL error classes that say the infrastructure, not the event, is at fault. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// 08: connection exception; 53: insufficient resources; 57P0x: server shutting down or restarting;
// 40001 serialization failure; 40P01 deadlock; 55P03 lock not available.
const PG_TRANSIENT = /^(08...|53...|57P0.|40001|40P01|55P03)$/;
const MESSAGES = /connection terminated|terminating connection|timeout exceeded when trying to connect|connection (is )?closed|server closed the connection/i;

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
