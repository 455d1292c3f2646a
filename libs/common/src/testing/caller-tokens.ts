import { exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { signCallerToken, SIGNING_ALG } from '../auth/caller-token';
import type { CallerIdentity } from '../auth/identity';

export interface TestCallerKeys {
  /** The public keys as a JWKS document: give it to a service as GATEWAY_JWKS. */
  jwks: string;
  /** A caller token as the gateway would send it; give `staffId` for a sign-in linked to a staff record. */
  mint: (identity: Partial<CallerIdentity>) => Promise<string>;
}

/**
 * A signing key standing in for the gateway's, so a service test can call the service directly as a signed-in
 * user: `env.env('schools', { AUTH_REQUIRED: 'true', GATEWAY_JWKS: keys.jwks })` and
 * `.set(CALLER_HEADER, await keys.mint({ trustId, roles: ['trust-admin'] }))`.
 */
export async function testCallerKeys(): Promise<TestCallerKeys> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = `test-${randomUUID()}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: 'sig' };
  return {
    jwks: JSON.stringify({ keys: [jwk] }),
    mint: (identity) =>
      signCallerToken(
        {
          userId: identity.userId ?? randomUUID(),
          trustId: identity.trustId ?? null,
          roles: identity.roles ?? ['platform-admin'],
          schoolIds: identity.schoolIds ?? [],
          ...(identity.staffId ? { staffId: identity.staffId } : {}),
        },
        { kid, privateKey },
      ),
  };
}
