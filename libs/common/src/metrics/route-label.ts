/** Methods that get their own label value; anything else a client sends is `OTHER` (labels stay few). */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of a request no route answered (a 404, a refused path): never the URL itself. */
export const UNMATCHED_ROUTE = '(unmatched)';

export const methodLabel = (method: string | undefined): string => (method && METHODS.has(method) ? method : 'OTHER');

/**
 * The `route` label of a request: the route pattern that answered it (`/trusts/:trustId/schools/:urn`), never
 * the raw URL, so a metric has one series per route rather than one per id. `explicit` is a pattern a handler
 * named itself (the gateway's proxy names the route table's line); else Express's matched route under its mount
 * path; else `(unmatched)`.
 */
export function routeLabel(explicit: string | undefined, baseUrl: string | undefined, routePath: unknown): string {
  if (explicit) return explicit;
  if (typeof routePath === 'string') return `${baseUrl ?? ''}${routePath}` || '/';
  return UNMATCHED_ROUTE;
}

/** The `status` label: the status sent, or `aborted` when the answer never completed (client gone, upstream cut). */
export const statusLabel = (finished: boolean, statusCode: number): string => (finished ? String(statusCode) : 'aborted');
