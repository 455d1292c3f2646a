import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOGUE } from './catalogue';
import { renderEventCatalogue } from './catalogue-doc';
import { PermanentEventError } from './errors';
import { parseEvent } from './parse-event';

const DOC = join(process.cwd(), 'docs', 'events.md');

describe('event catalogue', () => {
  it('names every event <service>.<aggregate>.<fact> on its service topic', () => {
    for (const [type, def] of Object.entries(EVENT_CATALOGUE)) {
      expect(type).toMatch(/^[a-z]+\.[a-z-]+\.[a-z-]+$/);
      expect(def.topic).toBe(`trustwide.${type.split('.')[0]}`);
      expect(def.description.length).toBeGreaterThan(10);
    }
  });

  it('is documented in docs/events.md, generated from the code', () => {
    const rendered = renderEventCatalogue();
    if (process.env.UPDATE_EVENT_DOCS === '1') writeFileSync(DOC, rendered);
    expect(rendered).toContain('`schools.school.registered`');
    expect(rendered).toContain('| `urn` | required | isInt, min(100000), max(9999999) |');
    // Out of date? Run `npm run docs:events`.
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});

describe('parseEvent', () => {
  const valid = {
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
  const reason = (raw: string) => {
    try {
      parseEvent(raw);
      return 'parsed';
    } catch (err) {
      return (err as PermanentEventError).reason;
    }
  };

  it('accepts a valid event and returns it as published', () => {
    expect(parseEvent(Buffer.from(JSON.stringify(valid)))).toEqual(valid);
  });

  it.each([
    ['not JSON', '{nope', 'malformed-json'],
    ['an array', '[]', 'invalid-envelope'],
    ['no trust', JSON.stringify({ ...valid, trustId: undefined }), 'invalid-envelope'],
    ['a bad actor', JSON.stringify({ ...valid, actor: { kind: 'robot', id: 'x' } }), 'invalid-envelope'],
    ['an unknown type', JSON.stringify({ ...valid, type: 'schools.school.exploded' }), 'unknown-type'],
    ['a future version', JSON.stringify({ ...valid, version: 2 }), 'unsupported-version'],
    ['data breaking its contract', JSON.stringify({ ...valid, data: { ...valid.data, leftOn: '31/08/2026' } }), 'invalid-data'],
  ])('refuses %s as permanent', (_, raw, expected) => expect(reason(raw)).toBe(expected));
});
