import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { JsonLogger, requestContext } from '@trustwide/common';
import { GatewayConfig } from '../gateway.config';
import { owningService } from './service-routes';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

/**
 * The public API: forwards each request to the service that owns it, streaming bodies both ways (imports
 * send large files), carrying the correlation id, and passing the owner's answer (a 4xx included) back as is.
 */
@Controller('api')
export class ServiceProxyController {
  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    private readonly logger: JsonLogger,
  ) {}

  @All('*path')
  forward(@Req() req: Request, @Res() res: Response): void {
    const path = req.originalUrl.replace(/^\/api/, '');
    const pathOnly = path.split('?')[0];
    if (!isPlainPath(pathOnly)) {
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field: 'path', problems: ['the path may not contain . or .. segments or encoded slashes'] }] });
      return;
    }
    const service = owningService(pathOnly);
    if (!service) {
      res.status(404).json({ statusCode: 404, error: 'Not Found', message: `no API at ${req.method} /api${pathOnly}` });
      return;
    }
    const base = new URL(this.config[`${service.toUpperCase()}_URL` as 'SCHOOLS_URL']);
    const target = new URL(base.pathname.replace(/\/$/, '') + path, base);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
    headers['x-correlation-id'] = requestContext.correlationId();
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error(`no answer in ${UPSTREAM_TIMEOUT_MS / 1000} s`)));
    upstream.on('error', (err) => {
      this.logger.warn({ msg: 'service did not answer', service, error: err.message }, 'ServiceProxy');
      if (!res.headersSent) {
        res.status(502).json({ statusCode: 502, error: 'Bad Gateway', message: `the ${service} service did not answer; try again shortly` });
      } else res.destroy(err);
    });
    // The caller went away: stop the work upstream rather than finish it for nobody.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  }
}

/** Imports answered with `wait=true` may take minutes on a national extract. */
const UPSTREAM_TIMEOUT_MS = 10 * 60 * 1000;

/** No `.`/`..` segments and no encoded slashes: what a service sees is the path the gateway routed. */
export function isPlainPath(path: string): boolean {
  return path.split('/').every((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    return decoded !== '.' && decoded !== '..' && !/[/\\]/.test(decoded);
  });
}
