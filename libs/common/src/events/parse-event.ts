import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { problemSentences } from '../validation/problems';
import { EVENT_CATALOGUE, EventData, EventType, isKnownEventType } from './catalogue';
import { checkEnvelope, dataCheck, schemaProblems } from './compiled';
import { EventEnvelope, EventEnvelopeDto } from './envelope';
import { PermanentEventError } from './errors';

/** An envelope whose `data` has been checked against the catalogue. */
export type TrustwideEvent<T extends EventType = EventType> = { [K in T]: EventEnvelope<K, EventData<K>> }[T];

/**
 * What class-validator says about an event's data (the declaration itself, and the slow path: about
 * 170 µs an event). Used to explain a refusal, by the agreement test and by the benchmark.
 */
export function classValidatorProblems(type: EventType, data: unknown): string[] {
  const instance = plainToInstance(EVENT_CATALOGUE[type].data as new () => object, data);
  return problemSentences(validateSync(instance, { forbidUnknownValues: false }), 'data.');
}

/** Problems with an event's data against its contract (empty when valid), by the compiled check. */
export function validateEventData(type: EventType, data: unknown): string[] {
  const check = dataCheck(type);
  if (check(data)) return [];
  // Refused: class-validator's words, or the schema's where it is the stricter of the two.
  const explained = classValidatorProblems(type, data);
  return explained.length > 0 ? explained : schemaProblems(check.errors, 'data.');
}

function envelopeProblems(json: object): string[] {
  if (checkEnvelope(json)) return [];
  const explained = problemSentences(validateSync(plainToInstance(EventEnvelopeDto, json), { forbidUnknownValues: false }));
  return explained.length > 0 ? explained : schemaProblems(checkEnvelope.errors);
}

/**
 * Parses and validates raw bytes from Kafka. Throws PermanentEventError (never retried) for bad JSON,
 * a bad envelope, an unknown type or version, or data that breaks its contract.
 */
export function parseEvent(raw: Buffer | string | null): TrustwideEvent {
  if (raw === null) throw new PermanentEventError('malformed-json', 'message has no value');
  let json: unknown;
  try {
    json = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (e) {
    throw new PermanentEventError('malformed-json', `not JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PermanentEventError('invalid-envelope', 'event is not a JSON object');
  }
  const problems = envelopeProblems(json);
  if (problems.length > 0) throw new PermanentEventError('invalid-envelope', problems.join('; '));
  const envelope = json as EventEnvelope;
  if (!isKnownEventType(envelope.type)) {
    throw new PermanentEventError('unknown-type', `unknown event type "${envelope.type}"`);
  }
  const def = EVENT_CATALOGUE[envelope.type];
  if (envelope.version !== def.version) {
    throw new PermanentEventError(
      'unsupported-version',
      `${envelope.type} version ${envelope.version} is not supported (this build knows version ${def.version})`,
    );
  }
  const dataProblems = validateEventData(envelope.type, envelope.data);
  if (dataProblems.length > 0) throw new PermanentEventError('invalid-data', dataProblems.join('; '));
  // The plain JSON (not class instances): handlers get exactly what was published.
  return json as TrustwideEvent;
}
