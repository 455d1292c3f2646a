import { isSpanContextValid, TraceFlags, type SpanContext } from '@opentelemetry/api';

/** W3C trace context (https://www.w3.org/TR/trace-context/): `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** A `traceparent` as headers hold it: Node's (a string, or an array when sent twice) or Kafka's (Buffers). */
export type TraceparentValue = string | Buffer | (string | Buffer)[] | undefined | null;

/**
 * The span context a `traceparent` header or outbox column names, or undefined when it is absent or malformed
 * (then the work starts a trace of its own: a bad header is never a reason to refuse a request or an event).
 * Version ff is invalid; a later version may append fields, which are ignored, as the spec asks.
 */
export function parseTraceparent(value: TraceparentValue): SpanContext | undefined {
  if (value === undefined || value === null || Array.isArray(value)) return undefined; // sent twice: which one?
  const text = (typeof value === 'string' ? value : value.toString('latin1')).trim().toLowerCase();
  const match = TRACEPARENT.exec(text);
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  const context: SpanContext = { traceId, spanId, traceFlags: parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
  return isSpanContextValid(context) ? context : undefined; // all-zero ids are invalid
}

/** The `traceparent` value of a span context, or undefined for an invalid one (nothing to continue). */
export function formatTraceparent(context: SpanContext | undefined): string | undefined {
  if (!context || !isSpanContextValid(context)) return undefined;
  const flags = (context.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  return `00-${context.traceId}-${context.spanId}-${flags}`;
}
