import { All, Controller, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { currentTraceparent, JsonLogger, requestContext, setRouteLabel, UNMATCHED_ROUTE } from '@trustwide/common';
import { matchRoute } from '../access/access';
import { AccessControl } from '../access/access-control';
import { withCaller } from '../auth/caller-headers';
import { forwardRequest } from './forward';
import { routeRequest, upstreamRequestHeaders } from './forwarding';
import { Upstreams } from './upstreams';

/**
 * The public API: forwards each request to the service that owns it, streaming bodies both ways (imports
 * send large files), carrying the correlation id, and passing the owner's answer (a 4xx included) back as is.
 */
@Controller('api')
export class ServiceProxyController {
  constructor(
    private readonly upstreams: Upstreams,
    private readonly logger: JsonLogger,
    private readonly access: AccessControl,
  ) {}

  @All(['', '*path']) // `/api` itself too, so its 404 is the gateway's, in the one shape
  async forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    const apiPath = req.originalUrl.split('?')[0].slice('/api'.length);
    // Counted and traced under the route table's line, not Express's catch-all (nor the raw URL).
    const line = matchRoute(req.method, apiPath);
    setRouteLabel(req, line ? `/api${line.rule.path}` : UNMATCHED_ROUTE);
    const route = routeRequest(req.method, req.originalUrl, this.upstreams.baseUrls);
    if ('refused' in route) {
      res.status(route.refused.statusCode).json(route.refused);
      return;
    }
    const { service, target } = route;
    // Who may call it (the route table), writes per user, body size: before a byte goes to the service.
    const refused = await this.access.admit(req, apiPath);
    if (refused) {
      if (refused.headers) for (const [name, value] of Object.entries(refused.headers)) res.setHeader(name, value);
      res.status(refused.statusCode).json(refused.body);
      return;
    }
    const headers = upstreamRequestHeaders(req.headers, {
      clientAddress: req.socket.remoteAddress,
      proto: 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http',
      host: req.headers.host,
      correlationId: requestContext.correlationId(),
      traceparent: currentTraceparent(),
    });
    withCaller(req, headers); // the verified caller as a signed token; the client's Authorization is not passed on
    const result = await forwardRequest(this.upstreams.pool(service), target.pathname + target.search, req, res, headers);
    if (result.outcome === 'answered' || result.outcome === 'client-gone') return;
    this.logger.warn(
      { msg: result.outcome === 'cut' ? 'service failed mid-answer' : 'service did not answer', service, error: result.error.message },
      'ServiceProxy',
    );
    if (result.outcome === 'cut') return;
    // Whatever of the body the service did not take is not read on: this connection ends with the answer.
    if (!req.complete) res.setHeader('connection', 'close');
    const [statusCode, error, message] = result.timedOut
      ? [504, 'Gateway Timeout', `the ${service} service did not answer in time`]
      : [502, 'Bad Gateway', `the ${service} service did not answer; try again shortly`];
    res.status(statusCode).json({ statusCode, error, message, errors: [] });
  }
}
