/** Why an event can never be processed; it goes to the dead-letter topic instead of being retried. */
export type PermanentReason = 'malformed-json' | 'invalid-envelope' | 'unknown-type' | 'unsupported-version' | 'invalid-data' | 'rejected';

/**
 * Thrown for input that will fail the same way however often it is retried. A handler may throw it
 * (reason `rejected`) for an event it understands but must refuse.
 */
export class PermanentEventError extends Error {
  constructor(
    readonly reason: PermanentReason,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
