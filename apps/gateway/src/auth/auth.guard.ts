import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { CallerIdentity, hasAnyRole, mayActInTrust, requestContext, Role } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { forbidden, notFound, unauthorized } from './errors';
import { InvalidTokenError, Tokens } from './tokens.service';

const PUBLIC = 'trustwide:public';
const ALLOWED = 'trustwide:allowed-roles';
/** Where the caller token for the service is kept on the request until the proxy sends it. */
export const CALLER_TOKEN = Symbol('trustwide:caller-token');

/** Anyone may call it (sign-in, refresh, the JWKS, the OpenID Connect redirect). */
export const Public = () => SetMetadata(PUBLIC, true);
/**
 * Only a signed-in caller holding one of `roles`; when the path has a `:trustId`, it must be the caller's own
 * trust (a platform administrator, who belongs to none, passes only where `platform-admin` is listed).
 */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED, roles);

export type AuthenticatedRequest = Request & { caller?: CallerIdentity; [CALLER_TOKEN]?: string };

const HEALTH = /^\/health(\/|$)/;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

/**
 * Who is calling the gateway. An access token, when sent, must be valid, its session open and its roles current
 * (a role change or disabling makes older tokens fail here at once; the services see the change when the caller
 * token they get is re-minted, on every request). Routes of the gateway's own API declare `@Public()` or
 * `@Allow(...)`; the proxied API (no declaration) takes any signed-in caller, or anyone while AUTH_REQUIRED is
 * false; which roles may call it is the route table's (apps/gateway/src/access), which reads `req.caller` and
 * mints the caller token for the service with the roles that let the caller through.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly dataSource: DataSource,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (HEALTH.test(req.path) || this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED, targets);
    const header = req.headers.authorization;
    if (!header) {
      if (allowed || this.config.AUTH_REQUIRED === 'true') throw unauthorized('sign in: this request carries no access token');
      return true;
    }
    const caller = await this.authenticate(header);
    req.caller = caller;
    const ctx = requestContext.current();
    if (ctx) ctx.actor = { kind: 'user', id: caller.userId };
    if (allowed) {
      if (!hasAnyRole(caller, allowed)) throw forbidden(`this needs one of the roles ${allowed.join(', ')}`);
      const trustId = req.params?.trustId;
      const platform = allowed.includes('platform-admin') && caller.roles.includes('platform-admin');
      // Another trust's path is answered as if that trust did not exist (the route table does the same).
      if (typeof trustId === 'string' && !platform && !mayActInTrust(caller, trustId.toLowerCase()))
        throw notFound(`no trust ${trustId}`, 'trustId');
    }
    return true;
  }

  private async authenticate(header: string): Promise<CallerIdentity> {
    const match = BEARER.exec(header);
    if (!match) throw unauthorized('send the access token as "Authorization: Bearer <token>"');
    let claims;
    try {
      claims = await this.tokens.verifyAccessToken(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw unauthorized(err.message);
      throw err;
    }
    const [row] = await this.dataSource.query<{ revoked_at: Date | null; disabled_at: Date | null; authz_version: number }[]>(
      `SELECT s.revoked_at, u.disabled_at, u.authz_version FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND u.id = $2`,
      [claims.sessionId, claims.identity.userId],
    );
    if (!row || row.revoked_at || row.disabled_at) throw unauthorized('the session has ended: sign in again');
    if (row.authz_version !== claims.authzVersion) throw unauthorized('your roles changed: refresh the access token');
    return claims.identity;
  }
}
