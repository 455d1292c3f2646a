import { EVENT_CATALOGUE } from './catalogue';
import type { EventDefinition } from './define-events';
import { EventEnvelopeDto } from './envelope';
import { jsonSchemaOf, VALIDATOR_LENGTH_KEYWORD, type JsonSchema } from './json-schema';
import { Topics } from './topics';

const SCHEMAS = '#/components/schemas/';

/**
 * The Kafka headers the outbox relay sets on every event (libs/common/src/outbox/outbox-relay.ts, `outgoing`):
 * consumers route on `event-type` and `event-version` before parsing the value.
 */
const HEADERS: Record<string, { description: string; required: boolean }> = {
  'event-id': { description: 'the envelope’s `eventId`', required: true },
  'event-type': { description: 'the envelope’s `type`: consumers skip types they do not handle without parsing', required: true },
  'event-version': {
    description: 'the envelope’s `version`, in decimal: a newer one than a consumer knows pauses its partition',
    required: true,
  },
  'trust-id': { description: 'the envelope’s `trustId`', required: true },
  'correlation-id': { description: 'the envelope’s `correlationId`, shared by every request and event of one user action', required: true },
  traceparent: { description: 'W3C trace context of the request or event that recorded the event, when it was traced', required: false },
};

/**
 * The translation's own keywords made standard: the compiled check counts lengths and reads ISO 8601 with
 * class-validator's functions; a reader of the document gets the nearest JSON Schema words.
 */
function standard(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(standard);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === VALIDATOR_LENGTH_KEYWORD) {
      const [min, max] = value as [number, number?];
      if (min > 0) out.minLength = min;
      if (max !== undefined) out.maxLength = max;
    } else if (key === 'format' && typeof value === 'string' && value.startsWith('uuid')) out.format = 'uuid';
    else if (key === 'format' && typeof value === 'string' && value.startsWith('iso8601')) out.description = 'an ISO 8601 date or time';
    else if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/$defs/', SCHEMAS);
    else out[key] = standard(value);
  }
  return out;
}

/** The class's schema and those nested in it, added to `schemas` (a name already there must be the same schema). */
function addSchemas(target: new () => object, schemas: Record<string, unknown>): JsonSchema {
  const { $defs } = jsonSchemaOf(target) as { $defs: Record<string, JsonSchema> };
  for (const [name, schema] of Object.entries($defs)) {
    const converted = standard(schema);
    if (schemas[name] !== undefined && JSON.stringify(schemas[name]) !== JSON.stringify(converted))
      throw new Error(`two contract classes are named ${name}`);
    schemas[name] = converted;
  }
  return { $ref: SCHEMAS + target.name };
}

const messageId = (type: string, version: number) => `${type}.v${version}`;

/**
 * The event catalogue as an AsyncAPI 3.0 document: one channel per topic, one message per event type and version,
 * its payload the envelope with `data` the contract's schema (the same translation the consumers compile), its
 * Kafka key the aggregate id, its headers those the relay sets. Deterministic, so the committed file can be compared.
 */
export function renderAsyncApi(version: string): JsonSchema {
  const schemas: Record<string, unknown> = {};
  const envelope = addSchemas(EventEnvelopeDto, schemas);
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const entries = Object.entries<EventDefinition>(EVENT_CATALOGUE);
  for (const [service, topic] of Object.entries(Topics)) {
    const own = entries.filter(([, def]) => def.topic === topic);
    const channelMessages: Record<string, unknown> = {};
    for (const [type, def] of own) {
      const id = messageId(type, def.version);
      const headerNames = Object.keys(HEADERS);
      messages[id] = {
        name: type,
        title: `${type} v${def.version}`,
        summary: def.description,
        contentType: 'application/json',
        correlationId: { location: '$message.header#/correlation-id' },
        headers: {
          type: 'object',
          required: headerNames.filter((h) => HEADERS[h].required),
          properties: Object.fromEntries(
            headerNames.map((h) => {
              const fixed = h === 'event-type' ? { const: type } : h === 'event-version' ? { const: String(def.version) } : {};
              return [h, { type: 'string', description: HEADERS[h].description, ...fixed }];
            }),
          ),
        },
        payload: {
          allOf: [
            envelope,
            {
              type: 'object',
              properties: {
                type: { const: type },
                version: { const: def.version },
                aggregateType: { const: def.aggregateType },
                source: { const: service },
                data: addSchemas(def.data, schemas),
              },
            },
          ],
        },
        bindings: {
          kafka: {
            key: { type: 'string', description: `the ${def.aggregateType}’s id (the envelope’s aggregateId): its events stay in order` },
            bindingVersion: '0.5.0',
          },
        },
      };
      channelMessages[id] = { $ref: `#/components/messages/${id}` };
    }
    channels[service] = {
      address: topic,
      title: topic,
      description: `Every event the ${service} service publishes, keyed by aggregate id; the physical name gets KAFKA_TOPIC_PREFIX.`,
      messages: channelMessages,
    };
    operations[`${service}-publishes`] = {
      action: 'send',
      title: `the ${service} service publishes (through its outbox relay)`,
      channel: { $ref: `#/channels/${service}` },
      messages: Object.keys(channelMessages).map((id) => ({ $ref: `#/channels/${service}/messages/${id}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Trustwide events',
      version,
      description:
        'Generated from the event catalogue (`libs/common/src/events`) by `npm run docs:api`; a test fails when this ' +
        'file is out of date. The same contracts, with what each field means, are in docs/events.md. Every event ' +
        'travels in one envelope (`EventEnvelopeDto`); `data` is the versioned contract of its type. Extra properties ' +
        'are allowed: consumers ignore fields they do not know.',
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'the brokers of KAFKA_BROKERS (npm start runs one here)' },
    },
    channels,
    operations,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      messages,
    },
  };
}
