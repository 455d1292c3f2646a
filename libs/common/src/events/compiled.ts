import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isISO8601, isUUID, length } from 'class-validator';
import { EVENT_CATALOGUE, type EventType } from './catalogue';
import { EventEnvelopeDto } from './envelope';
import { iso8601Format, jsonSchemaOf, uuidFormat, VALIDATOR_LENGTH_KEYWORD } from './json-schema';

/**
 * Each event type's contract, compiled once when the contracts load: JSON Schema derived from the
 * class-validator classes (events/json-schema.ts), compiled by ajv. class-validator itself costs
 * about 170 µs an event (an instance per object, metadata lookups, error objects); this is the check
 * Outbox.record and parseEvent run. When it refuses, class-validator explains (events/parse-event.ts):
 * its messages are the ones callers know, and a failure is not the fast path.
 */
/**
 * validator.js's strict ISO 8601 check costs about 2 µs (a long regex, then a Date built to reject
 * 31 February). The two shapes events carry, a date (`2026-02-28`) and `Date#toISOString()`
 * (`2026-02-28T10:00:00.000Z`), are decided here with the same answer: month 01–12, day 01–31, hours
 * 00–23, minutes and seconds 00–59, and a day that exists in that month of the proleptic Gregorian
 * calendar, for years 1000–9999. Any other string goes to validator.js. The agreement test covers both routes.
 */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The number written by `n` ASCII digits of `s` from `at` (the shape is checked first). */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) value = value * 10 + s.charCodeAt(i) - 48;
  return value;
}
export function isoDateOrTimestamp(s: string, options: { strict: boolean; strictSeparator: boolean }): boolean {
  // Years before 1000 (a leading 0) too: validator.js rebuilds the date from Number(year), not ISO text below 1000.
  if (!options.strict || !DATE_SHAPE.test(s) || s.charCodeAt(0) === 48) return isISO8601(s, options);
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** validator.js counts neither surrogate pairs nor variation selectors in a length; without them, a length is a length. */
const UNCOUNTED = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/; // any half of a surrogate pair, or a variation selector
function validatorLength(s: string, min: number, max: number | undefined): boolean {
  if (UNCOUNTED.test(s)) return length(s, min, max);
  return s.length >= min && (max === undefined || s.length <= max);
}

const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false, strictNumbers: true, code: { optimize: true } });

/**
 * A UUID as class-validator's `isUUID` (any version) decides it, at a tenth of its cost: the shape ids are written in
 * (lower case, version 1–8, RFC variant) is accepted by one plain pattern; anything else is asked of validator.js
 * (upper case, the nil and max UUIDs, refusals). Every event carries several ids, every one checked.
 */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const anyVersionUuid = (s: string): boolean => (s.length === 36 && CANONICAL_UUID.test(s)) || isUUID(s);

// Formats that are class-validator's own checks, so both agree to the character.
for (const version of [undefined, 'all', '1', '2', '3', '4', '5', '7'] as const) {
  const validate = version === undefined || version === 'all' ? anyVersionUuid : (s: string) => isUUID(s, version);
  ajv.addFormat(uuidFormat(version), { type: 'string', validate });
}
for (const strict of [false, true]) {
  for (const strictSeparator of [false, true]) {
    const options = { strict, strictSeparator };
    ajv.addFormat(iso8601Format(options), { type: 'string', validate: (s: string) => isoDateOrTimestamp(s, options) });
  }
}
ajv.addKeyword({
  keyword: VALIDATOR_LENGTH_KEYWORD,
  type: 'string',
  schemaType: 'array',
  errors: false,
  validate: (bounds: [number, number?], data: string) => validatorLength(data, bounds[0], bounds[1]),
});

export type CompiledCheck = ValidateFunction;

function compile(cls: new () => object, what: string): CompiledCheck {
  try {
    return ajv.compile(jsonSchemaOf(cls));
  } catch (e) {
    throw new Error(`cannot compile the contract of ${what}: ${(e as Error).message}`, { cause: e });
  }
}

const DATA_CHECKS = new Map<string, CompiledCheck>(Object.entries(EVENT_CATALOGUE).map(([type, def]) => [type, compile(def.data, type)]));

/** The compiled check of the envelope (without `data`, which its type's check covers). */
export const checkEnvelope: CompiledCheck = compile(EventEnvelopeDto, 'the event envelope');

/** The compiled check of one event type's `data`. */
export function dataCheck(type: EventType): CompiledCheck {
  return DATA_CHECKS.get(type)!;
}

/** ajv's errors as sentences, for what class-validator lets through but the stricter schema refuses. */
export function schemaProblems(errors: ErrorObject[] | null | undefined, prefix = ''): string[] {
  return (errors ?? []).map((e) => `${prefix}${e.instancePath.slice(1).replace(/\//g, '.') || '(root)'}: ${e.message ?? e.keyword}`);
}
