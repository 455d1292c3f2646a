import { Inject, Injectable } from '@nestjs/common';
import { createRemoteJWKSet, JWTVerifyGetKey, jwtVerify } from 'jose';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { invalidField, isRole, Role, SCHOOL_ROLES } from '@trustwide/common';
import type { SignInSettingsDto } from './auth.dto';
import { GatewayConfig } from '../gateway.config';
import { Accounts } from './accounts.service';
import { Audit } from './audit';
import { OidcState, TrustSignIn, User } from './auth.entities';
import { Clock } from './clock';
import { forbidden, notFound, providerFailed, unauthorized } from './errors';
import { rolesFromClaims } from './oidc-roles';
import { opaqueToken, TokenPair, Tokens } from './tokens.service';
import { internalHostProblem } from './issuer-address';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** Signature algorithms accepted from providers (Entra ID signs RS256). `none` and HMAC never. */
const ID_TOKEN_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const STATE_TTL_MS = 10 * 60_000;
const DISCOVERY_TTL_MS = 10 * 60_000;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Single sign-on through a trust's own OpenID Connect provider (Microsoft Entra ID or any other): the
 * authorization-code flow with PKCE, state and nonce, or an ID token the client obtained itself. The ID token is
 * checked against the issuer's discovery document and JWKS (issuer, audience = the trust's client id, expiry,
 * signature); its group/role claim is mapped to Trustwide roles by the trust's mapping, and the account is
 * created on first sign-in (bound to the provider's `sub`, never matched by e-mail).
 */
@Injectable()
export class Oidc {
  private readonly discovery = new Map<string, { at: number; doc: Discovery; keys: JWTVerifyGetKey }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: Tokens,
    private readonly accounts: Accounts,
    private readonly audit: Audit,
    private readonly clock: Clock,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  redirectUri(trustId: string): string {
    return new URL(`/api/auth/oidc/${trustId}/callback`, this.config.PUBLIC_URL).href;
  }

  /** Where to send the browser to sign in at the trust's provider. */
  async start(trustId: string): Promise<string> {
    const settings = await this.settings(trustId);
    const { doc } = await this.discover(settings.oidcIssuer!);
    const state = opaqueToken();
    const nonce = opaqueToken();
    const codeVerifier = opaqueToken();
    const now = this.clock.now();
    await this.dataSource.query(`DELETE FROM oidc_states WHERE expires_at < $1`, [now]);
    await this.dataSource
      .getRepository(OidcState)
      .insert({ state, trustId, nonce, codeVerifier, expiresAt: new Date(now.getTime() + STATE_TTL_MS) });
    const url = new URL(doc.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: settings.oidcClientId!,
      redirect_uri: this.redirectUri(trustId),
      scope: 'openid email profile',
      state,
      nonce,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.href;
  }

  /** The provider sent the browser back with a code: exchange it, check the ID token, sign the user in. */
  async callback(trustId: string, code: string, state: string, address: string): Promise<TokenPair> {
    // A DELETE … RETURNING through TypeORM answers [rows, count]; deleting makes the state single-use.
    const [rows] = await this.dataSource.query<[{ nonce: string; code_verifier: string; expires_at: Date }[], number]>(
      `DELETE FROM oidc_states WHERE state = $1 AND trust_id = $2 RETURNING nonce, code_verifier, expires_at`,
      [state, trustId],
    );
    const saved = rows[0];
    if (!saved || saved.expires_at <= this.clock.now())
      throw unauthorized('this sign-in has expired or was already used: start again', 'state');
    const settings = await this.settings(trustId);
    const { doc } = await this.discover(settings.oidcIssuer!);
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri(trustId),
      code_verifier: saved.code_verifier,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (settings.oidcClientSecret) {
      const basic = `${encodeURIComponent(settings.oidcClientId!)}:${encodeURIComponent(settings.oidcClientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    } else body.set('client_id', settings.oidcClientId!);
    const res = await fetch(doc.token_endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).catch(
      (err: Error) => {
        throw providerFailed(`the token endpoint of ${settings.oidcIssuer} could not be reached: ${err.message}`);
      },
    );
    const answer = (await res.json().catch(() => ({}))) as { id_token?: unknown };
    if (!res.ok || typeof answer.id_token !== 'string') {
      await this.accounts.failed(null, null, trustId, 'invalid-id-token', address, 'oidc');
      throw unauthorized('the provider did not accept the sign-in: start again', 'code');
    }
    return this.signInWithIdToken(trustId, answer.id_token, address, saved.nonce);
  }

  /** Checks an ID token from the trust's provider and signs its user in (`nonce` when this gateway started the flow). */
  async signInWithIdToken(trustId: string, idToken: string, address: string, nonce?: string): Promise<TokenPair> {
    const settings = await this.settings(trustId);
    const { doc, keys } = await this.discover(settings.oidcIssuer!);
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(idToken, keys, {
        issuer: doc.issuer,
        audience: settings.oidcClientId!,
        algorithms: ID_TOKEN_ALGS,
        requiredClaims: ['sub', 'exp', 'iat'],
        currentDate: this.clock.now(),
        clockTolerance: 30,
      }));
      if (Array.isArray(claims.aud) && claims.aud.length > 1 && claims.azp !== settings.oidcClientId) throw new Error('azp');
      if (nonce !== undefined && claims.nonce !== nonce) throw new Error('nonce');
    } catch {
      await this.accounts.failed(null, null, trustId, 'invalid-id-token', address, 'oidc');
      throw unauthorized("the ID token is not valid for this trust's sign-in", 'idToken');
    }
    const roles = rolesFromClaims(claims, { claim: settings.oidcRoleClaim ?? 'groups', mapping: settings.oidcRoleMapping ?? {} });
    const subject = claims.sub as string;
    return this.dataSource
      .transaction(async (m) => {
        let user = await m.findOne(User, { where: { trustId, oidcSubject: subject }, lock: { mode: 'pessimistic_write' } });
        if (roles.length === 0 || user?.disabledAt) {
          await this.audit.record(m, 'gateway.user.sign-in-failed', trustId, user?.id ?? randomUUID(), {
            userId: user?.id ?? null,
            emailHash: null,
            method: 'oidc',
            reason: roles.length === 0 ? 'no-role' : 'disabled',
            address,
          });
          return { refused: roles.length === 0 ? 'no-role' : 'disabled' } as const;
        }
        if (!user) {
          const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
          const free = email && !(await m.existsBy(User, { email }));
          user = m.create(User, {
            id: randomUUID(),
            trustId,
            email: free ? email : `oidc:${trustId}:${subject}`,
            displayName: typeof claims.name === 'string' ? claims.name : null,
            passwordHash: null,
            roles,
            schoolIds: [],
            oidcSubject: subject,
            authzVersion: 1,
            disabledAt: null,
          });
          await m.save(user);
          await this.audit.record(m, 'gateway.user.created', trustId, user.id, { userId: user.id, roles, schoolIds: [], account: 'oidc' });
        } else if (!sameRoles(user.roles, roles)) {
          const schoolIds = roles.some((r) => SCHOOL_ROLES.includes(r)) ? user.schoolIds : [];
          await this.audit.record(m, 'gateway.user.roles-changed', trustId, user.id, {
            userId: user.id,
            from: user.roles,
            to: roles,
            schoolIdsFrom: user.schoolIds,
            schoolIdsTo: schoolIds,
            via: 'oidc',
          });
          user.roles = roles;
          user.schoolIds = schoolIds;
          user.authzVersion += 1;
          await m.save(user);
        }
        const { session, tokens } = await this.tokens.startSession(m, user, 'oidc');
        await this.audit.record(
          m,
          'gateway.user.signed-in',
          trustId,
          user.id,
          { userId: user.id, sessionId: session.id, method: 'oidc', address },
          user.id,
        );
        return tokens;
      })
      .then((result) => {
        if ('refused' in result) {
          throw result.refused === 'no-role'
            ? forbidden(
                "your account at your trust's provider has no group that gives a Trustwide role: ask your trust administrator",
                'idToken',
              )
            : unauthorized('this account is disabled', 'idToken');
        }
        return result;
      });
  }

  /** A trust's sign-in settings as the API shows them (the client secret only as set or not). */
  async view(trustId: string) {
    const s = await this.dataSource.getRepository(TrustSignIn).findOneBy({ trustId });
    return {
      trustId,
      trustName: s?.trustName ?? null,
      oidc: s?.oidcIssuer
        ? {
            issuer: s.oidcIssuer,
            clientId: s.oidcClientId,
            clientSecretSet: !!s.oidcClientSecret,
            roleClaim: s.oidcRoleClaim,
            roleMapping: s.oidcRoleMapping,
            redirectUri: this.redirectUri(trustId),
          }
        : null,
    };
  }

  async save(trustId: string, dto: SignInSettingsDto) {
    const repo = this.dataSource.getRepository(TrustSignIn);
    const row =
      (await repo.findOneBy({ trustId })) ??
      repo.create({
        trustId,
        trustName: null,
        oidcIssuer: null,
        oidcClientId: null,
        oidcClientSecret: null,
        oidcRoleClaim: null,
        oidcRoleMapping: null,
      });
    if (dto.trustName !== undefined) row.trustName = dto.trustName;
    if (dto.oidc === null)
      Object.assign(row, { oidcIssuer: null, oidcClientId: null, oidcClientSecret: null, oidcRoleClaim: null, oidcRoleMapping: null });
    else if (dto.oidc) {
      let issuer: URL;
      try {
        issuer = new URL(dto.oidc.issuer);
      } catch {
        throw invalidField('oidc.issuer', 'the issuer must be a URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0');
      }
      if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && this.config.OIDC_ALLOW_HTTP_ISSUER === 'true'))
        throw invalidField('oidc.issuer', 'the issuer must be an https URL');
      if (issuer.search || issuer.hash || issuer.username || issuer.password)
        throw invalidField('oidc.issuer', 'the issuer may not have a query, fragment or credentials');
      const problems = Object.entries(dto.oidc.roleMapping).flatMap(([value, roles]) =>
        !Array.isArray(roles) || roles.length === 0 || !roles.every((r) => isRole(r) && r !== 'platform-admin')
          ? [`"${value}" must map to a list of trust roles`]
          : [],
      );
      if (problems.length > 0) throw invalidField('oidc.roleMapping', ...problems);
      Object.assign(row, {
        oidcIssuer: dto.oidc.issuer,
        oidcClientId: dto.oidc.clientId,
        oidcClientSecret: dto.oidc.clientSecret ?? (row.oidcIssuer ? row.oidcClientSecret : null),
        oidcRoleClaim: dto.oidc.roleClaim,
        oidcRoleMapping: dto.oidc.roleMapping,
      });
      this.discovery.delete(dto.oidc.issuer);
      // Checked now, so that a mistyped or unreachable issuer is refused here, not met by every user at sign-in.
      await this.discover(dto.oidc.issuer).catch((err: Error) => {
        throw invalidField('oidc.issuer', err.message);
      });
    }
    await repo.save(row);
    return this.view(trustId);
  }

  private async settings(trustId: string): Promise<TrustSignIn> {
    const settings = await this.dataSource.getRepository(TrustSignIn).findOneBy({ trustId });
    if (!settings?.oidcIssuer || !settings.oidcClientId) throw notFound('this trust has no single sign-on configured', 'trustId');
    return settings;
  }

  /** The provider's discovery document and keys (cached; jose refetches the JWKS for a key id it does not know). */
  private async discover(issuer: string): Promise<{ doc: Discovery; keys: JWTVerifyGetKey }> {
    const cached = this.discovery.get(issuer);
    if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached;
    let entry: { at: number; doc: Discovery; keys: JWTVerifyGetKey };
    try {
      // A local issuer (development, tests) only where http issuers are allowed too.
      if (this.config.OIDC_ALLOW_HTTP_ISSUER !== 'true') {
        const problem = await internalHostProblem(new URL(issuer).hostname);
        if (problem) throw new Error(problem);
      }
      const res = await fetch(`${trimSlash(issuer)}/.well-known/openid-configuration`, {
        signal: AbortSignal.timeout(10_000),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`it answered ${res.status}`);
      const doc = (await res.json().catch(() => null)) as Discovery | null;
      if (!doc || typeof doc !== 'object') throw new Error('its answer is not a JSON object');
      // The document must be the issuer's own (OpenID Connect Discovery §4.3).
      if (trimSlash(typeof doc.issuer === 'string' ? doc.issuer : '') !== trimSlash(issuer))
        throw new Error(`the document names another issuer (${String(doc.issuer)})`);
      for (const name of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
        if (typeof doc[name] !== 'string' || !URL.canParse(doc[name])) throw new Error(`the document has no valid ${name}`);
        // The gateway fetches the keys and the tokens from these too: they may not point inside the network either.
        if (this.config.OIDC_ALLOW_HTTP_ISSUER !== 'true' && name !== 'authorization_endpoint') {
          const problem = await internalHostProblem(new URL(doc[name]).hostname);
          if (problem) throw new Error(`${name}: ${problem}`);
        }
      }
      entry = { at: Date.now(), doc, keys: createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: 10_000 }) };
    } catch (err) {
      // An unreachable or misbehaving provider is not the caller's fault, nor a fault of the gateway's: a 502, never a 500.
      throw providerFailed(`the discovery document of ${issuer} could not be used: ${(err as Error).message}`);
    }
    this.discovery.set(issuer, entry);
    return entry;
  }
}

const sameRoles = (a: Role[], b: Role[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
