import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for one origin, the dashboard's (none when it is not configured): a browser page from anywhere else gets
 * no Access-Control-Allow-Origin and cannot read answers. Tokens travel in the Authorization header, never in
 * cookies, so credentials are not allowed. A preflight from the allowed origin is answered here (204).
 */
export function dashboardCors(origin: string | undefined) {
  const allowed = origin ? new URL(origin).origin : null;
  return (req: Request, res: Response, next: NextFunction) => {
    res.append('vary', 'origin');
    const from = req.headers.origin;
    if (!allowed || from !== allowed) return next();
    res.setHeader('access-control-allow-origin', allowed);
    res.setHeader('access-control-expose-headers', 'x-correlation-id, retry-after, location');
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.setHeader('access-control-allow-methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-correlation-id, last-event-id');
      res.setHeader('access-control-max-age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}

/** Answers that hold tokens or accounts are never cached. */
export function noStore(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('cache-control', 'no-store');
  next();
}
