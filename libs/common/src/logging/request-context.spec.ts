import { describe, expect, it } from '@jest/globals';
import { parseActorHeader, requestContext } from './request-context';

describe('x-trustwide-actor', () => {
  it.each([
    [undefined, undefined],
    ['user:3f0c1a52-7c5e-4b43-9a57-6d2f3b8f0a11', { kind: 'user', id: '3f0c1a52-7c5e-4b43-9a57-6d2f3b8f0a11' }],
    ['user:jo.bloggs+trust@example.org', { kind: 'user', id: 'jo.bloggs+trust@example.org' }],
    ['service:cpd', { kind: 'service', id: 'cpd' }],
    ['system:nightly-import', { kind: 'system', id: 'nightly-import' }],
    [`user:${'a'.repeat(128)}`, { kind: 'user', id: 'a'.repeat(128) }],
    [`user:${'a'.repeat(129)}`, 'invalid'],
    ['', 'invalid'],
    ['user:', 'invalid'],
    ['user', 'invalid'],
    ['robot:r2', 'invalid'],
    ['User:jo', 'invalid'],
    ['user:jo bloggs', 'invalid'],
    ['user:jo, user:admin', 'invalid'], // the header sent twice, joined by Node
    ['user:-rf', 'invalid'],
    ['user:jo\u0000', 'invalid'],
    ['user:<script>', 'invalid'],
    ['user:jö', 'invalid'],
    [['user:a', 'user:b'], 'invalid'],
  ])('%j reads as %j', (header, expected) => expect(parseActorHeader(header)).toEqual(expected));

  it('is the service itself when no request or event says otherwise', () => {
    expect(requestContext.actor('schools')).toEqual({ kind: 'service', id: 'schools' });
    const actor = { kind: 'user' as const, id: 'u-1' };
    expect(requestContext.run({ correlationId: 'c', actor }, () => requestContext.actor('schools'))).toEqual(actor);
  });
});
