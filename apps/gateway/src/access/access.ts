import { SCHOOL_ROLES, type CallerIdentity, type FieldProblem, type Role } from '@trustwide/common';

import { ROUTE_TABLE, type RouteRule } from './route-table';

export interface MatchedRoute {
  rule: RouteRule;
  params: Record<string, string>;
}

export type Refusal = { statusCode: 401 | 403 | 404; error: string; message: string; errors: FieldProblem[] };

export type AccessDecision =
  /** Forward, with the caller narrowed to the roles that let them through (null: no caller, AUTH_REQUIRED=false). */
  { allow: true; rule: RouteRule; caller: CallerIdentity | null } | { allow: false; refused: Refusal };

const refuse = (statusCode: Refusal['statusCode'], field: string, message: string): AccessDecision => ({
  allow: false,
  refused: {
    statusCode,
    error: { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[statusCode],
    message,
    errors: [{ field, problems: [message] }],
  },
});

interface Compiled {
  rule: RouteRule;
  segments: string[];
  literals: number;
}

/** Routes by method, the most literal first, so `enrolments/validate` wins over `enrolments/:enrolmentId`. */
function compile(table: readonly RouteRule[]): Map<string, Compiled[]> {
  const byMethod = new Map<string, Compiled[]>();
  for (const rule of table) {
    const segments = rule.path.split('/').slice(1);
    const list = byMethod.get(rule.method) ?? [];
    list.push({ rule, segments, literals: segments.filter((s) => !s.startsWith(':')).length });
    byMethod.set(rule.method, list);
  }
  for (const list of byMethod.values()) list.sort((a, b) => b.literals - a.literals);
  return byMethod;
}

const COMPILED = compile(ROUTE_TABLE);

/** The table's rule for `method path` (path under /api, without the query), or null. HEAD is GET. */
export function matchRoute(method: string, path: string, compiled = COMPILED): MatchedRoute | null {
  const parts = path.split('/').slice(1);
  for (const { rule, segments } of compiled.get(method === 'HEAD' ? 'GET' : method) ?? []) {
    if (segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      if (segments[i].startsWith(':')) params[segments[i].slice(1)] = safeDecode(parts[i]);
      else ok = segments[i] === parts[i];
    }
    if (ok) return { rule, params };
  }
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase(); // ids are UUIDs: one spelling (UuidParam lower-cases too)
  } catch {
    return segment;
  }
}

/**
 * May `caller` call `method path`? In this order: an unknown route is a 404; no caller a 401 (when sign-in is
 * required); another trust's path a 404 (as if it did not exist: the same answer the schools service gives for
 * a trust that does not); a role the route does not name a 403; a headteacher asking for another school by
 * `:schoolId` a 404. A platform administrator belongs to no trust: trust routes that name `platform-admin`
 * take any trust, the others answer 403.
 */
export function decideAccess(method: string, path: string, caller: CallerIdentity | undefined, authRequired: boolean): AccessDecision {
  const match = matchRoute(method, path);
  if (!match) return refuse(404, 'path', `no API at ${method} /api${path}`);
  const { rule, params } = match;
  if (!caller)
    return authRequired
      ? refuse(401, 'authorization', 'sign in: this request carries no access token')
      : { allow: true, rule, caller: null };
  const roles = caller.roles.filter((r) => rule.roles.includes(r));
  const trustId = params.trustId;
  if (trustId !== undefined && caller.trustId !== trustId) {
    const platform = caller.trustId === null && caller.roles.includes('platform-admin');
    if (!platform) return refuse(404, 'trustId', `no trust ${trustId}`);
    if (!roles.includes('platform-admin'))
      return refuse(403, 'authorization', `a platform administrator may not ${method} /api${rule.path}: sign in as a user of the trust`);
    return { allow: true, rule, caller: { ...caller, roles: ['platform-admin'] } };
  }
  if (roles.length === 0) return refuse(403, 'authorization', `${method} /api${rule.path} needs one of the roles ${rule.roles.join(', ')}`);
  const schoolOnly = roles.every((r) => SCHOOL_ROLES.includes(r));
  if (schoolOnly && rule.schools === 'path' && !caller.schoolIds.includes(params.schoolId))
    return refuse(404, 'schoolId', `no school ${params.schoolId} among yours`);
  return { allow: true, rule, caller: { ...caller, roles } };
}

/** What a caller of `rule` is expected to get (for the access matrix and the docs): not their trust is 404. */
export function expectedFor(rule: RouteRule, role: Role | null, ownTrust: boolean): 'allowed' | 401 | 403 | 404 {
  if (role === null) return 401;
  const trustRoute = rule.path.includes(':trustId');
  if (role === 'platform-admin') return rule.roles.includes('platform-admin') ? 'allowed' : 403;
  if (trustRoute && !ownTrust) return 404;
  return rule.roles.includes(role) ? 'allowed' : 403;
}
