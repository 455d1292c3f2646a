import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import type { CallerIdentity } from '@trustwide/common';
import type { Tokens } from '../auth/tokens.service';
import { GatewayConfig } from '../gateway.config';
import { AccessControl } from './access-control';

const T = '0b8f8a52-6a36-4f65-8d3c-2a7c8d1e9f10';
const hr: CallerIdentity = { userId: '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11', trustId: T, roles: ['hr', 'qa-lead'], schoolIds: [] };
const tokens = { callerToken: (c: CallerIdentity) => Promise.resolve(`token-for:${c.roles.join(',')}`) } as unknown as Tokens;
const config = Object.assign(new GatewayConfig(), { AUTH_REQUIRED: 'true', WRITE_RATE_LIMIT_PER_MINUTE: 2, MAX_JSON_BODY_BYTES: 1024 });
const req = (method: string, headers: Record<string, string> = {}, caller: CallerIdentity | undefined = hr) =>
  ({ method, headers, caller }) as unknown as Request;

describe('AccessControl', () => {
  it('limits writes per user (429 in the one shape, with Retry-After); reads are not counted', async () => {
    const access = new AccessControl(tokens, config);
    for (let i = 0; i < 5; i++) expect(await access.admit(req('GET'), `/trusts/${T}/staff`)).toBeNull();
    expect(await access.admit(req('POST'), `/trusts/${T}/staff`)).toBeNull();
    expect(await access.admit(req('POST'), `/trusts/${T}/staff`)).toBeNull();
    const refused = await access.admit(req('POST'), `/trusts/${T}/staff`);
    expect(refused).toMatchObject({
      statusCode: 429,
      headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
      body: { statusCode: 429, errors: [{ field: 'request', problems: [expect.any(String)] }] },
    });
    // Another user has their own count.
    expect(await access.admit(req('POST', {}, { ...hr, userId: '7e0c3c1e-1a2b-4c3d-8e4f-5a6b7c8d9e0f' }), `/trusts/${T}/staff`)).toBeNull();
  });

  it('caps a JSON body by its Content-Length, but not an upload', async () => {
    const access = new AccessControl(tokens, config);
    const admin = { ...hr, roles: ['trust-admin' as const] };
    expect(await access.admit(req('PATCH', { 'content-length': '2048' }, admin), `/trusts/${T}`)).toMatchObject({
      statusCode: 413,
      body: { errors: [{ field: 'body' }] },
    });
    expect(await access.admit(req('POST', { 'content-length': String(50 * 1024 * 1024) }, admin), `/trusts/${T}/imports`)).toBeNull();
  });

  it('hands the service a caller token with only the roles that let the caller through', async () => {
    const access = new AccessControl(tokens, config);
    const r = req('GET');
    expect(await access.admit(r, `/trusts/${T}/staff`)).toBeNull();
    expect(Object.getOwnPropertySymbols(r).map((s) => (r as unknown as Record<symbol, string>)[s])).toEqual(['token-for:hr']);
  });
});
