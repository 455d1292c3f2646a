import { CryptoKey, JWTVerifyGetKey, jwtVerify, SignJWT } from 'jose';
import { TokenCache } from './token-cache';
import { CallerIdentity, identityClaims, identityFromClaims } from './identity';

/** The header the gateway puts the caller token in (the gateway drops any the client sent). */
export const CALLER_HEADER = 'x-trustwide-caller';
/** Issuer of every token the gateway signs. */
export const GATEWAY_ISSUER = 'urn:trustwide:gateway';
/** Audience of caller tokens: the services behind the gateway (access tokens are for the gateway only). */
export const CALLER_AUDIENCE = 'urn:trustwide:services';
/** JOSE `typ` of caller tokens, so an access token can never pass for one (and the other way round). */
export const CALLER_TOKEN_TYPE = 'trustwide-caller+jwt';
/** Caller tokens live just long enough to reach the service. */
export const CALLER_TOKEN_TTL_SECONDS = 60;
/** The algorithm of the gateway's signing keys. */
export const SIGNING_ALG = 'ES256';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** Signs the token the gateway sends to a service with a request. */
export function signCallerToken(identity: CallerIdentity, key: SigningKey, now: Date = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ ...identityClaims(identity) })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: CALLER_TOKEN_TYPE })
    .setIssuer(GATEWAY_ISSUER)
    .setAudience(CALLER_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CALLER_TOKEN_TTL_SECONDS)
    .sign(key.privateKey);
}

export class CallerTokenError extends Error {}

/** Seconds of clock difference a caller token's expiry allows between the gateway and a service. */
const CALLER_CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The identity in a caller token, verified against the gateway's keys; throws CallerTokenError otherwise. With
 * `checked`, a token that passed before is taken from there until it expires (see `TokenCache`).
 */
export async function verifyCallerToken(
  token: string,
  keys: JWTVerifyGetKey,
  now?: Date,
  checked?: TokenCache<CallerIdentity>,
): Promise<CallerIdentity> {
  const nowMs = (now ?? new Date()).getTime();
  const known = checked?.get(token, nowMs);
  if (known) return known;
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: GATEWAY_ISSUER,
      audience: CALLER_AUDIENCE,
      typ: CALLER_TOKEN_TYPE,
      algorithms: [SIGNING_ALG],
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CALLER_CLOCK_TOLERANCE_SECONDS,
      currentDate: now,
    }));
  } catch (err) {
    throw new CallerTokenError(`the caller token is not valid (${(err as { code?: string }).code ?? 'unreadable'})`);
  }
  const identity = identityFromClaims(payload);
  if (!identity) throw new CallerTokenError('the caller token does not name a user, trust and roles');
  return checked ? checked.set(token, identity, ((payload.exp as number) + CALLER_CLOCK_TOLERANCE_SECONDS) * 1000, nowMs) : identity;
}
