import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { CallerIdentity, SIGNING_ALG, verifyCallerToken } from '@trustwide/common';
import type { GatewayConfig } from '../gateway.config';
import type { User } from './auth.entities';
import { Clock } from './clock';
import type { SigningKeys } from './signing-keys.service';
import { Tokens } from './tokens.service';

class MovableClock extends Clock {
  at = Date.parse('2026-12-07T09:00:00Z');
  override now(): Date {
    return new Date(this.at);
  }
}

/** Tokens with one ES256 key (or the one `rotate()` swaps in), as the gateway's SigningKeys would hand it out. */
async function gatewayTokens() {
  const clock = new MovableClock();
  const make = async (kid: string) => {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG } };
  };
  let key = await make('k1');
  const published = [key.jwk];
  const checks = { count: 0 };
  const keys = {
    current: () => Promise.resolve({ kid: key.kid, privateKey: key.privateKey }),
    verifier: () => {
      checks.count++;
      return createLocalJWKSet({ keys: published });
    },
  } as unknown as SigningKeys;
  const config = { ACCESS_TOKEN_TTL_SECONDS: 900 } as GatewayConfig;
  return {
    clock,
    checks,
    tokens: new Tokens(keys, clock, config),
    jwks: () => createLocalJWKSet({ keys: published }),
    rotate: async () => {
      key = await make('k2');
      published.push(key.jwk);
    },
  };
}

const head: CallerIdentity = {
  userId: 'a1b2c3d4-0000-4000-8000-000000000001',
  trustId: 'a1b2c3d4-0000-4000-8000-0000000000aa',
  roles: ['headteacher'],
  schoolIds: [],
};

describe('Tokens', () => {
  it('sends the same caller token for the same caller for half its life, then signs a new one', async () => {
    const { clock, tokens, jwks } = await gatewayTokens();
    const first = await tokens.callerToken(head);
    clock.at += 29_000;
    expect(await tokens.callerToken({ ...head, roles: ['headteacher'] })).toBe(first);
    clock.at += 2_000;
    const second = await tokens.callerToken(head);
    expect(second).not.toBe(first);
    // The reused token still has half a minute to live at the service.
    expect(await verifyCallerToken(first, jwks(), clock.now())).toEqual(head);
  });

  it('signs a caller token of its own for other claims and after the key rotated', async () => {
    const { tokens, rotate } = await gatewayTokens();
    const first = await tokens.callerToken(head);
    expect(await tokens.callerToken({ ...head, roles: ['ceo'] })).not.toBe(first);
    expect(await tokens.callerToken({ ...head, schoolIds: ['a1b2c3d4-0000-4000-8000-0000000000bb'] })).not.toBe(first);
    await rotate();
    expect(await tokens.callerToken(head)).not.toBe(first);
  });

  it('checks an access token once, and still refuses it once it has expired or when it is altered', async () => {
    const { clock, checks, tokens } = await gatewayTokens();
    const user = {
      id: head.userId,
      trustId: head.trustId,
      roles: head.roles,
      schoolIds: [],
      staffId: null,
      authzVersion: 3,
    } as unknown as User;
    const token = await tokens.accessToken(user, 'a1b2c3d4-0000-4000-8000-0000000000cc');
    const claims = { identity: head, sessionId: 'a1b2c3d4-0000-4000-8000-0000000000cc', authzVersion: 3 };
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    expect(checks.count).toBe(1); // the second time without its signature checked
    const [h, p, s] = token.split('.');
    const altered = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(tokens.verifyAccessToken(altered)).rejects.toThrow('the access token is not valid');
    clock.at += 900_000;
    await expect(tokens.verifyAccessToken(token)).rejects.toThrow('the access token has expired: refresh it');
  });
});
