import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { EVENT_CATALOGUE } from './catalogue';
import { renderAsyncApi } from './catalogue-asyncapi';
import { validSample } from './contract-samples';
import type { EventDefinition } from './define-events';
import { EventEnvelopeDto } from './envelope';

const DOC = join(process.cwd(), 'docs', 'asyncapi.json');

type Doc = {
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  components: {
    messages: Record<
      string,
      { name: string; summary: string; headers: { properties: Record<string, { const?: string }> }; payload: unknown }
    >;
  };
};

describe('docs/asyncapi.json', () => {
  const text = `${JSON.stringify(renderAsyncApi('1.0.0'), null, 2)}\n`;
  const doc = JSON.parse(text) as Doc & Record<string, unknown>;

  it('is generated from the event catalogue', () => {
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(DOC, text);
    // Out of date? Run `npm run docs:api`.
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });

  it('is a valid AsyncAPI 3.0 document', async () => {
    const { schemasWithoutId } = (await import('@asyncapi/specs')).default as unknown as { schemasWithoutId: Record<string, object> };
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schemasWithoutId['3.0.0']);
    expect([validate(doc), validate.errors ?? []]).toEqual([true, []]);
  });

  it('has one channel per topic and one message per event, its headers naming the type and version', () => {
    const types = Object.keys(EVENT_CATALOGUE);
    expect(Object.values(doc.components.messages).map((m) => m.name)).toEqual(types);
    const inChannels = Object.values(doc.channels).flatMap((c) => Object.keys(c.messages));
    expect(inChannels.sort()).toEqual(Object.keys(doc.components.messages).sort());
    const registered = doc.components.messages['schools.school.registered.v1'];
    expect(registered.summary).toBe(EVENT_CATALOGUE['schools.school.registered'].description);
    expect(registered.headers.properties['event-type'].const).toBe('schools.school.registered');
    expect(doc.channels.schools.address).toBe('trustwide.schools');
  });

  it('describes payloads that a valid sample of every event satisfies, and that refuse another type or version', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    const problems: unknown[] = [];
    for (const [type, def] of Object.entries<EventDefinition>(EVENT_CATALOGUE)) {
      const message = doc.components.messages[`${type}.v${def.version}`];
      const check = ajv.compile(JSON.parse(JSON.stringify(message.payload).replaceAll('"#/', '"doc#/')) as object);
      const event = {
        ...validSample(EventEnvelopeDto),
        type,
        version: def.version,
        aggregateType: def.aggregateType,
        source: type.split('.')[0],
        data: validSample(def.data),
      };
      if (!check(event)) problems.push({ type, errors: check.errors });
      if (check({ ...event, version: def.version + 1 })) problems.push({ type, accepted: 'a newer version' });
      if (check({ ...event, type: 'schools.school.exploded' })) problems.push({ type, accepted: 'another type' });
    }
    expect(problems).toEqual([]);
  });
});
