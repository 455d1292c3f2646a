import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { EVENT_CATALOGUE } from './catalogue';
import { renderAsyncApi } from './catalogue-asyncapi';

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

  it('describes payloads that the events of the catalogue satisfy, and that refuse broken data', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addSchema({ $id: 'doc', components: (doc as unknown as { components: object }).components }, 'doc');
    const payload = JSON.parse(
      JSON.stringify(doc.components.messages['schools.school.left-trust.v1'].payload).replaceAll('"#/', '"doc#/'),
    ) as object;
    const check = ajv.compile(payload);
    const event = {
      eventId: '0b8f8a52-6a36-4f65-8d3c-2a7c8d1e9f10',
      type: 'schools.school.left-trust',
      version: 1,
      trustId: '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11',
      aggregateType: 'school',
      aggregateId: 'b5c3c8d2-1b9a-4f7e-8d52-2f8c3e6b7a90',
      occurredAt: '2026-11-22T10:00:00.000Z',
      correlationId: 'c-1',
      causationId: null,
      actor: { kind: 'user', id: 'u-1' },
      source: 'schools',
      data: { schoolId: 'b5c3c8d2-1b9a-4f7e-8d52-2f8c3e6b7a90', urn: 100000, leftOn: '2026-08-31', reason: null },
    };
    expect([check(event), check.errors ?? []]).toEqual([true, []]);
    expect(check({ ...event, data: { ...event.data, leftOn: '31/08/2026' } })).toBe(false);
    expect(check({ ...event, version: 2 })).toBe(false);
  });
});
