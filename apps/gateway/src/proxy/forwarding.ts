import type { IncomingHttpHeaders } from 'node:http';
import type { FieldProblem } from '@trustwide/common';
import { owningService, OwningService } from './service-routes';

/** Where a public API request goes, or why it goes nowhere (an answer in the one error shape). */
export type Route =
  { service: OwningService; target: URL } | { refused: { statusCode: 400 | 404; error: string; message: string; errors: FieldProblem[] } };

/**
 * The upstream URL of a request to the gateway (`rawUrl` is the request-target as received, e.g.
 * `/api/trusts/t/schools?phase=primary`). The target is a copy of the owner's base URL with only its path
 * and query set, so nothing in the request can name another host: a URL parser would read `//host/x` as
 * a host, hence no empty segments, and no dot segments or encoded slashes, so what the service sees is
 * the path the gateway routed. The origin is checked again after the path is set.
 */
export function routeRequest(method: string, rawUrl: string, baseUrls: ReadonlyMap<OwningService, URL>): Route {
  const queryAt = rawUrl.indexOf('?');
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const search = queryAt < 0 ? '' : rawUrl.slice(queryAt);
  const path = rawPath.startsWith('/api/') ? rawPath.slice('/api'.length) : null;
  if (path !== null && !isPlainPath(path)) {
    return refuse(
      400,
      'Bad Request',
      'Validation failed',
      'path',
      'the path may not contain empty, . or .. segments, backslashes or encoded slashes',
    );
  }
  const service = path === null ? null : owningService(path);
  const base = service && baseUrls.get(service);
  if (!service || !base)
    return refuse(404, 'Not Found', `no API at ${method} ${rawPath}`, 'path', `no service answers ${method} ${rawPath}`);
  const target = new URL(base.href);
  target.pathname = base.pathname.replace(/\/$/, '') + path;
  target.search = search;
  target.hash = '';
  if (target.origin !== base.origin) throw new Error(`refusing to forward ${rawPath} to ${target.origin}: not ${base.origin}`);
  return { service, target };
}

function refuse(statusCode: 400 | 404, error: string, message: string, field: string, problem: string): Route {
  return { refused: { statusCode, error, message, errors: [{ field, problems: [problem] }] } };
}

/** Segments that are neither empty, `.` nor `..` (raw or encoded), with no slash or backslash in them (raw or encoded). */
export function isPlainPath(path: string): boolean {
  if (!path.startsWith('/')) return false;
  return path
    .slice(1)
    .split('/')
    .every((segment) => {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return false;
      }
      return decoded !== '' && decoded !== '.' && decoded !== '..' && !/[/\\]/.test(decoded);
    });
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and never cross the gateway. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers the gateway sets itself or must not pass on: the target's `host` (undici sets it), `expect`
 * (the gateway answers 100-continue itself), forwarding headers (the gateway writes its own below) and
 * identity headers (only the gateway may say who is calling; the sign-in issue adds its own after this).
 */
const NOT_FROM_CLIENTS = new Set(['host', 'expect', 'forwarded', 'x-real-ip', 'x-correlation-id', 'traceparent']);
const NOT_FROM_CLIENTS_PREFIXES = ['x-forwarded-', 'x-trustwide-', 'proxy-'];

/** The names a `Connection` header lists: hop-by-hop for this connection only. */
function connectionTokens(value: string | string[] | undefined): Set<string> {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    joined
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
}

export interface ForwardedFor {
  /** The address the gateway's client connected from. */
  clientAddress: string | undefined;
  proto: 'http' | 'https';
  /** The Host the client asked for. */
  host: string | undefined;
  correlationId: string;
  /** The gateway's span for this request (the client's `traceparent`, if any, is its parent, not the service's). */
  traceparent?: string;
}

/** The headers sent upstream: the client's end-to-end headers, and the forwarding facts as the gateway saw them. */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, forwarded: ForwardedFor): Record<string, string | string[]> {
  const named = connectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || NOT_FROM_CLIENTS.has(name)) continue;
    if (NOT_FROM_CLIENTS_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    out[name] = value;
  }
  if (forwarded.clientAddress) out['x-forwarded-for'] = forwarded.clientAddress;
  out['x-forwarded-proto'] = forwarded.proto;
  if (forwarded.host) out['x-forwarded-host'] = forwarded.host;
  out['x-correlation-id'] = forwarded.correlationId;
  if (forwarded.traceparent) out.traceparent = forwarded.traceparent;
  return out;
}

/** The upstream's answer headers without its hop-by-hop ones (the gateway's own connection to the client has its own). */
export function clientResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const named = connectionTokens(headers.connection);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}
