import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  CALLER_TOKEN_TTL_SECONDS,
  CallerIdentity,
  GATEWAY_ISSUER,
  identityClaims,
  identityFromClaims,
  signCallerToken,
  SIGNING_ALG,
  TokenCache,
} from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { RefreshToken, Session, User } from './auth.entities';
import { Clock } from './clock';
import { SigningKeys } from './signing-keys.service';

/** Audience of access tokens: the gateway's public API (services accept only caller tokens). */
export const ACCESS_AUDIENCE = 'urn:trustwide:api';
/** RFC 9068's type for JWT access tokens. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** 256 random bits, URL-safe: refresh tokens and one-time links. */
export const opaqueToken = () => randomBytes(32).toString('base64url');

export const identityOf = (user: User): CallerIdentity => ({
  userId: user.id,
  trustId: user.trustId,
  roles: [...user.roles],
  schoolIds: [...user.schoolIds],
  ...(user.staffId ? { staffId: user.staffId } : {}),
});

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
}

/** A verified access token: who, in which session, and at which version of their roles. */
export interface AccessClaims {
  identity: CallerIdentity;
  sessionId: string;
  authzVersion: number;
}

export class InvalidTokenError extends Error {}

/**
 * A caller token is sent again for the same caller while it has at least this long to live: a service checks a
 * token it has seen once only, and the gateway signs one per caller every half minute instead of one per request.
 */
const CALLER_TOKEN_REUSE_MS = (CALLER_TOKEN_TTL_SECONDS / 2) * 1000;

/** Issues and checks the gateway's tokens: short-lived signed access tokens, opaque refresh tokens, caller tokens. */
@Injectable()
export class Tokens {
  /** Access tokens that passed (see `TokenCache`); the session and role version are still checked per request. */
  private readonly checked = new TokenCache<AccessClaims>();
  /** The caller token last signed for each caller, by the key and claims it was signed with, for half its life. */
  private readonly callerTokens = new TokenCache<{ token: string }>(10_000, CALLER_TOKEN_REUSE_MS);

  constructor(
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async accessToken(user: User, sessionId: string): Promise<string> {
    const key = await this.keys.current();
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ ...identityClaims(identityOf(user)), sid: sessionId, ver: user.authzVersion })
      .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: ACCESS_TOKEN_TYPE })
      .setIssuer(GATEWAY_ISSUER)
      .setAudience(ACCESS_AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.config.ACCESS_TOKEN_TTL_SECONDS)
      .sign(key.privateKey);
  }

  /** Checks signature, issuer, audience, type and expiry; the session and role version are checked by the guard. */
  async verifyAccessToken(token: string): Promise<AccessClaims> {
    const now = this.clock.now();
    const known = this.checked.get(token, now.getTime());
    if (known) return known;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys.verifier(), {
        issuer: GATEWAY_ISSUER,
        audience: ACCESS_AUDIENCE,
        typ: ACCESS_TOKEN_TYPE,
        algorithms: [SIGNING_ALG],
        requiredClaims: ['exp', 'iat', 'sub', 'sid'],
        currentDate: now,
      }));
    } catch (err) {
      const code = (err as { code?: string }).code;
      throw new InvalidTokenError(
        code === 'ERR_JWT_EXPIRED' ? 'the access token has expired: refresh it' : 'the access token is not valid',
      );
    }
    const identity = identityFromClaims(payload);
    if (!identity || typeof payload.sid !== 'string' || typeof payload.ver !== 'number')
      throw new InvalidTokenError('the access token is not valid');
    const claims = { identity, sessionId: payload.sid, authzVersion: payload.ver };
    return this.checked.set(token, claims, (payload.exp as number) * 1000, now.getTime());
  }

  /**
   * The token the gateway sends a service with the request (see libs/common/src/auth): the one signed for the same
   * caller (the same claims, by the same key) while it has half its life left, else a new one.
   */
  async callerToken(identity: CallerIdentity): Promise<string> {
    const key = await this.keys.current();
    const now = this.clock.now();
    const cacheKey = `${key.kid} ${JSON.stringify(identityClaims(identity))}`;
    const signed = this.callerTokens.get(cacheKey, now.getTime());
    if (signed) return signed.token;
    const token = await signCallerToken(identity, key, now);
    this.callerTokens.set(cacheKey, { token }, now.getTime() + CALLER_TOKEN_REUSE_MS, now.getTime());
    return token;
  }

  /** Starts a session for `user` and returns its first token pair. */
  async startSession(m: EntityManager, user: User, method: Session['method']): Promise<{ session: Session; tokens: TokenPair }> {
    const session = m.create(Session, {
      id: randomUUID(),
      userId: user.id,
      method,
      createdAt: this.clock.now(),
      revokedAt: null,
      revokedReason: null,
    });
    await m.save(session);
    return { session, tokens: await this.pair(m, user, session.id) };
  }

  /** A new access token and a new refresh token of the session (the old refresh token must be marked used first). */
  async pair(m: EntityManager, user: User, sessionId: string): Promise<TokenPair> {
    const refreshToken = opaqueToken();
    const now = this.clock.now();
    await m.insert(RefreshToken, {
      tokenHash: sha256(refreshToken),
      sessionId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      usedAt: null,
    });
    return {
      accessToken: await this.accessToken(user, sessionId),
      tokenType: 'Bearer',
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
