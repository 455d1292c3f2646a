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
const ajv = new Ajv({ allErrors: false, strict: true, strictTypes: false, strictNumbers: true, code: { optimize: true } });

// Formats that are class-validator's own checks, so both agree to the character.
for (const version of [undefined, 'all', '1', '2', '3', '4', '5', '7']) {
  ajv.addFormat(uuidFormat(version), { type: 'string', validate: (s: string) => isUUID(s, version as never) });
}
for (const strict of [false, true]) {
  for (const strictSeparator of [false, true]) {
    const options = { strict, strictSeparator };
    ajv.addFormat(iso8601Format(options), { type: 'string', validate: (s: string) => isISO8601(s, options) });
  }
}
ajv.addKeyword({
  keyword: VALIDATOR_LENGTH_KEYWORD,
  type: 'string',
  schemaType: 'array',
  errors: false,
  validate: (bounds: [number, number?], data: string) => length(data, bounds[0], bounds[1]),
});

export type CompiledCheck = ValidateFunction;

function compile(cls: new () => object, what: string): CompiledCheck {
  try {
    return ajv.compile(jsonSchemaOf(cls));
  } catch (e) {
    throw new Error(`cannot compile the contract of ${what}: ${(e as Error).message}`);
  }
}

const DATA_CHECKS = new Map<string, CompiledCheck>(
  Object.entries(EVENT_CATALOGUE).map(([type, def]) => [type, compile(def.data, type)]),
);

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
