import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from '../metrics/metrics';
import { methodLabel, routeLabel, statusLabel } from '../metrics/route-label';
import { remoteContext, serviceTracer, withSpan } from '../tracing/tracing';
import { errorBody } from './error-response';

const SPAN = Symbol('trustwide:request-span');
const ROUTE = Symbol('trustwide:route-label');

type Observed = Request & { [SPAN]?: Span; [ROUTE]?: string };

/** Names the route pattern a request is counted and traced under, where Express's own route says too little (the gateway's proxy). */
export function setRouteLabel(req: Request, pattern: string): void {
  (req as Observed)[ROUTE] = pattern;
}

/** The request's server span (started by observeRequests). */
export const requestSpan = (req: Request): Span | undefined => (req as Observed)[SPAN];

/**
 * First on every request: serves `GET /metrics` unless it has a port of its own (`serveMetrics` false: METRICS_PORT)
 * (internal, like /health: never under /api, so the gateway's proxy cannot reach a service's), and for everything else starts the request's server span (continuing the caller's
 * `traceparent`) and, once the answer is sent, counts it and times it by method, route pattern and status.
 * The span is made active later, after the body is read (see configureHttp): stream callbacks lose async context.
 * At debug level, one line per answered request (with its trace id).
 */
export function observeRequests(service: string, metrics: Metrics | undefined, logger?: LoggerService, serveMetrics = true) {
  const tracer = serviceTracer(service);
  return (req: Request, res: Response, next: NextFunction) => {
    if (serveMetrics && metrics && req.path === '/metrics' && req.method === 'GET') {
      metrics.scrape().then(
        (text) => res.setHeader('content-type', metrics.contentType).end(text),
        () => res.status(503).json(errorBody(503, 'the metrics could not be collected; try again')),
      );
      return;
    }
    const started = process.hrtime.bigint();
    const span = tracer.startSpan(
      methodLabel(req.method),
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } },
      remoteContext(req.headers.traceparent),
    );
    (req as Observed)[SPAN] = span;
    res.once('close', () => {
      const matched = (req as { route?: unknown }).route as { path?: unknown } | undefined;
      const labels = {
        method: methodLabel(req.method),
        route: routeLabel((req as Observed)[ROUTE], req.baseUrl, matched?.path),
        status: statusLabel(res.writableFinished, res.statusCode),
      };
      metrics?.httpRequests.inc(labels);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics?.httpDuration.observe(labels, seconds);
      span.updateName(`${labels.method} ${labels.route}`);
      span.setAttributes({ 'http.route': labels.route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      withSpan(span, () => {
        logger?.debug?.({ msg: 'request answered', ...labels, ms: Math.round(seconds * 1000) }, 'Http');
      });
      span.end();
    });
    next();
  };
}
