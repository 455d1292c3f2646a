import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { requestContext } from '../logging/request-context';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';
import { CallerAuthConfig } from './caller-auth.config';
import { CALLER_HEADER, CallerTokenError, verifyCallerToken } from './caller-token';
import { TokenCache } from './token-cache';
import { schoolScope, type CallerIdentity } from './identity';

/** The 401 of every service and the gateway, in the one error shape. */
export function unauthorized(message: string, field = 'authorization'): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, errors: [{ field, problems: [message] }] });
}

/** The verified caller of a request, when there is one. */
export function callerOf(req: Request): CallerIdentity | undefined {
  return (req as Request & { caller?: CallerIdentity }).caller;
}

/**
 * The school ids a request is limited to (`schoolScope`): null for the whole trust, or the headteacher's or head
 * of school's own schools. Lists filter by it; a single read or change of another school's thing is a 404.
 */
export const CallerSchools = createParamDecorator((_: unknown, ctx: ExecutionContext): string[] | null =>
  schoolScope(callerOf(ctx.switchToHttp().getRequest<Request>())),
);

/**
 * The staff id the caller acts as: their sign-in's linked staff record (`stf` in the caller token). A step only a
 * named member of staff may take (the QA lead's approval and sign-off, a reviewer's completion) takes its actor from
 * here and never from the body, so no one can claim to be someone else; no override for other roles. A caller
 * whose account is not linked, or no caller at all, is a 403. `doing` ends the sentence: "before you <doing>".
 */
export function actingStaffId(caller: CallerIdentity | undefined, doing: string): string {
  if (caller?.staffId) return caller.staffId;
  const message = `your account is not linked to a staff record: a trust administrator links it (staffId) before you ${doing}`;
  throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, errors: [{ field: 'staffId', problems: [message] }] });
}

/** `@ActingStaff('approve an agreement') staffId: string`: `actingStaffId` of the request's caller. */
export const ActingStaff = createParamDecorator((doing: string, ctx: ExecutionContext): string =>
  actingStaffId(callerOf(ctx.switchToHttp().getRequest<Request>()), doing),
);

const HEALTH = /^\/health(\/|$)/;

/** The gateway's keys: fetched from GATEWAY_JWKS_URL (cached; fetched again for a kid it does not know) or given inline. */
export function gatewayKeys(config: CallerAuthConfig): JWTVerifyGetKey | null {
  if (config.GATEWAY_JWKS) return createLocalJWKSet(JSON.parse(config.GATEWAY_JWKS) as JSONWebKeySet);
  if (config.GATEWAY_JWKS_URL)
    return createRemoteJWKSet(new URL(config.GATEWAY_JWKS_URL), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  return null;
}

/**
 * Every service request (not /health) is someone: the gateway sends a caller token signed with its keys and
 * the service checks it itself, so a request that reached the service without the gateway is refused. The
 * verified caller becomes the actor of the events the request records. A token that is present but does not
 * verify is refused whatever AUTH_REQUIRED says; AUTH_REQUIRED only decides whether none at all is allowed.
 * The gateway authenticates its own callers (its AuthGuard) and skips this one.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  private readonly keys: JWTVerifyGetKey | null;
  private readonly required: boolean;
  /** The caller tokens that passed, so the gateway's reused token is checked once (see `TokenCache`). */
  private readonly checked = new TokenCache<CallerIdentity>();

  constructor(
    config: CallerAuthConfig,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
  ) {
    this.keys = gatewayKeys(config);
    this.required = config.AUTH_REQUIRED === 'true';
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || this.options.service === 'gateway') return true;
    const req = context.switchToHttp().getRequest<Request & { caller?: CallerIdentity }>();
    if (HEALTH.test(req.path)) return true;
    const token = req.header(CALLER_HEADER);
    if (!token || !this.keys) {
      if (!this.required) return true;
      throw unauthorized('sign in and call through the gateway: this request carries no caller token', CALLER_HEADER);
    }
    let caller: CallerIdentity;
    try {
      caller = await verifyCallerToken(token, this.keys, undefined, this.checked);
    } catch (err) {
      if (err instanceof CallerTokenError) throw unauthorized(err.message, CALLER_HEADER);
      throw err; // the gateway's JWKS could not be fetched: a 5xx, not the caller's fault
    }
    req.caller = caller;
    const ctx = requestContext.current();
    if (ctx) {
      ctx.actor = { kind: 'user', id: caller.userId };
      if (caller.trustId) ctx.trustId = caller.trustId;
    }
    return true;
  }
}
