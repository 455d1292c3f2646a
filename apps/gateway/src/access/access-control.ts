import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { CallerIdentity } from '@trustwide/common';
import { AuthenticatedRequest, CALLER_TOKEN } from '../auth/auth.guard';
import { SlidingWindowLimiter } from '../auth/rate-limiter';
import { Tokens } from '../auth/tokens.service';
import { GatewayConfig } from '../gateway.config';
import { decideAccess } from './access';

/** An answer the gateway gives instead of forwarding, in the one error shape. */
export interface GatewayAnswer {
  statusCode: number;
  body: { statusCode: number; error: string; message: string; errors: { field: string; problems: string[] }[] };
  headers?: Record<string, string>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The route table applied to a proxied request: who may call it, writes per user per minute, and the size of a
 * JSON body. When the request may go on, the caller token for the service is minted with the caller narrowed to
 * the roles that let them through, and kept on the request for the proxy.
 */
@Injectable()
export class AccessControl {
  private readonly writes: SlidingWindowLimiter;
  private readonly authRequired: boolean;

  constructor(
    private readonly tokens: Tokens,
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
  ) {
    this.writes = new SlidingWindowLimiter(config.WRITE_RATE_LIMIT_PER_MINUTE, 60_000);
    this.authRequired = config.AUTH_REQUIRED === 'true';
  }

  /** Null when the request may be forwarded; otherwise the answer to give. `path` is under /api, without the query. */
  async admit(req: Request, path: string): Promise<GatewayAnswer | null> {
    const authed = req as AuthenticatedRequest;
    const decision = decideAccess(req.method, path, authed.caller, this.authRequired);
    if (!decision.allow) return { statusCode: decision.refused.statusCode, body: decision.refused };
    const caller: CallerIdentity | null = decision.caller;
    if (caller && WRITES.has(req.method)) {
      const now = Date.now();
      const retryAfter = this.writes.retryAfter(caller.userId, now);
      if (retryAfter > 0) {
        const message = `too many changes: at most ${this.config.WRITE_RATE_LIMIT_PER_MINUTE} a minute; try again in ${retryAfter} s`;
        return {
          statusCode: 429,
          headers: { 'retry-after': String(retryAfter) },
          body: { statusCode: 429, error: 'Too Many Requests', message, errors: [{ field: 'request', problems: [message] }] },
        };
      }
      this.writes.hit(caller.userId, now);
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (!decision.rule.upload && length > this.config.MAX_JSON_BODY_BYTES) {
      const message = `the body is ${length} bytes; at most ${this.config.MAX_JSON_BODY_BYTES} are taken here`;
      return {
        statusCode: 413,
        headers: { connection: 'close' },
        body: { statusCode: 413, error: 'Payload Too Large', message, errors: [{ field: 'body', problems: [message] }] },
      };
    }
    if (caller) authed[CALLER_TOKEN] = await this.tokens.callerToken(caller);
    return null;
  }
}
