import { describe, expect, it } from '@jest/globals';
import { clientResponseHeaders, routeRequest, upstreamRequestHeaders } from './forwarding';
import type { OwningService } from './service-routes';

const bases = new Map<OwningService, URL>([
  ['schools', new URL('http://schools.internal:3001')],
  ['people', new URL('http://people.internal:3002/prefix/')],
]);

describe('routeRequest', () => {
  it.each([
    ['/api/trusts', 'http://schools.internal:3001/trusts'],
    ['/api/trusts/t/schools?phase=primary&q=a%20b', 'http://schools.internal:3001/trusts/t/schools?phase=primary&q=a%20b'],
    ['/api/trusts/t/schools/100000/inspections', 'http://schools.internal:3001/trusts/t/schools/100000/inspections'],
    // A query may say anything: it is set as the query, never parsed as a path or an authority.
    ['/api/trusts/t?next=//evil.example/x', 'http://schools.internal:3001/trusts/t?next=//evil.example/x'],
    ['/api/trusts/@evil.example', 'http://schools.internal:3001/trusts/@evil.example'],
    ['/api/trusts/t:evil.example:80', 'http://schools.internal:3001/trusts/t:evil.example:80'],
  ])('%s goes to %s', (raw, href) => {
    const route = routeRequest('GET', raw, bases);
    expect('target' in route && route.target.href).toBe(href);
  });

  it.each([
    ['/api//trusts/x', 400],
    ['/api//evil.example/x', 400],
    ['/api/trusts//x', 400],
    ['/api/schools/..%2F..%2F@evil', 400],
    ['/api/trusts/%2e%2e/%2e%2e/evil', 400],
    ['/api/trusts/t/schools/..', 400],
    ['/api/trusts/a%5cb', 400],
    ['/api/trusts/a\\..\\..\\b', 400],
    ['/api/trusts/%E0%A4%A', 400],
    ['/api/constructor', 404],
    ['/api/__proto__', 404],
    ['/api/toString', 404],
    ['/api/trusts/t/constructor', 404],
    ['/api/trusts/t/__proto__/x', 404],
    ['/api/nothing-here', 404],
    ['/api', 404],
    ['//evil.example/api/trusts', 404],
    ['http://evil.example/api/trusts', 404],
  ])('refuses %s with a %i in the one shape', (raw, status) => {
    const route = routeRequest('GET', raw, bases);
    expect('refused' in route && route.refused).toMatchObject({
      statusCode: status,
      message: expect.any(String),
      errors: [{ field: 'path', problems: [expect.any(String)] }],
    });
  });

  it('keeps the base URL path of a service mounted under a prefix', () => {
    bases.set('schools', new URL('http://schools.internal:3001/v1/'));
    const route = routeRequest('GET', '/api/trusts/t', bases);
    expect('target' in route && route.target.href).toBe('http://schools.internal:3001/v1/trusts/t');
    bases.set('schools', new URL('http://schools.internal:3001'));
  });
});

describe('upstreamRequestHeaders', () => {
  const forwarded = { clientAddress: '10.0.0.7', proto: 'http' as const, host: 'gateway.example', correlationId: 'c-1' };

  it('passes end-to-end headers and replaces forwarding ones with what the gateway saw', () => {
    const out = upstreamRequestHeaders(
      {
        accept: 'application/json',
        'content-type': 'text/csv',
        'content-length': '12',
        authorization: 'Bearer t',
        cookie: 'a=b',
        host: 'gateway.example',
        'x-correlation-id': 'c-1',
        'x-forwarded-for': '1.2.3.4',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        'x-forwarded-prefix': '/admin',
        forwarded: 'for=1.2.3.4',
        'x-real-ip': '1.2.3.4',
        'x-trustwide-actor': 'system',
        'x-trustwide-user': 'u',
        'x-trustwide-trust': 't',
        'x-trustwide-roles': 'admin',
      },
      forwarded,
    );
    expect(out).toEqual({
      accept: 'application/json',
      'content-type': 'text/csv',
      'content-length': '12',
      authorization: 'Bearer t', // the sign-in issue decides what becomes of it
      cookie: 'a=b',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': 'gateway.example',
      'x-correlation-id': 'c-1',
    });
  });

  it.each([
    ['connection', 'keep-alive'],
    ['keep-alive', 'timeout=5'],
    ['proxy-authorization', 'Basic x'],
    ['proxy-connection', 'keep-alive'],
    ['te', 'trailers'],
    ['trailer', 'x-sum'],
    ['transfer-encoding', 'chunked'],
    ['upgrade', 'websocket'],
    ['expect', '100-continue'],
  ])('drops the hop-by-hop header %s', (name, value) => {
    expect(upstreamRequestHeaders({ [name]: value, accept: '*/*' }, forwarded)).not.toHaveProperty(name);
  });

  it('drops the headers Connection names', () => {
    const out = upstreamRequestHeaders(
      { connection: 'close, X-Secret ,x-other', 'x-secret': 's', 'x-other': 'o', 'x-kept': 'k' },
      forwarded,
    );
    expect(out).toMatchObject({ 'x-kept': 'k' });
    expect(out).not.toHaveProperty('x-secret');
    expect(out).not.toHaveProperty('x-other');
  });
});

describe('clientResponseHeaders', () => {
  it('drops hop-by-hop headers and those Connection names, keeps the rest', () => {
    expect(
      clientResponseHeaders({
        connection: 'keep-alive, x-internal',
        'keep-alive': 'timeout=65',
        'transfer-encoding': 'chunked',
        'x-internal': 'i',
        'content-type': 'application/json',
        'set-cookie': ['a=1', 'b=2'],
        'x-correlation-id': 'c',
      }),
    ).toEqual({ 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'], 'x-correlation-id': 'c' });
  });
});
