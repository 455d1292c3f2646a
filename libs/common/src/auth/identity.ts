/**
 * Who is calling: the identity the gateway verified (its sign-in, or the trust's OpenID Connect provider)
 * and passes to the services in a signed caller token. Shaped for a route table: a route names the roles
 * that may call it and whether the trust in its path must be the caller's own (`mayActInTrust`).
 */
export const ROLES = [
  'platform-admin',
  'trust-admin',
  'ceo',
  'executive',
  'hr',
  'cpd-lead',
  'headteacher',
  'head-of-school',
  'qa-lead',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act only for the schools the user leads (`schoolIds`). */
export const SCHOOL_ROLES: readonly Role[] = ['headteacher', 'head-of-school'];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

export interface CallerIdentity {
  /** The gateway's user id (a UUID); the event actor is `user:<userId>`. */
  userId: string;
  /** The trust the user belongs to; null only for platform administrators. */
  trustId: string | null;
  roles: Role[];
  /** Schools (the schools service's school ids) a headteacher or head of school leads; empty for other roles. */
  schoolIds: string[];
  /**
   * The people service's staff id of the member of staff this sign-in belongs to, when a trust administrator
   * linked them: services take the acting staff member (a QA lead approving, a reviewer) from here, never from a body.
   */
  staffId?: string;
}

/**
 * The schools a request may see: null for all of the trust's, or the caller's own schools when every role the
 * caller holds for this request is a school role. The gateway sends a service only the roles that let the caller
 * through the route (route table), so a headteacher who is also HR reads staff as HR and plans as headteacher.
 * No caller (AUTH_REQUIRED=false, an internal call): null.
 */
export function schoolScope(caller: CallerIdentity | undefined): string[] | null {
  if (!caller || caller.roles.length === 0) return null;
  return caller.roles.every((r) => SCHOOL_ROLES.includes(r)) ? caller.schoolIds : null;
}

/**
 * Whether a thing concerning `schoolIds` (a member of staff's school, the schools of a support agreement) is within
 * `scope` (`schoolScope`): null sees everything; a headteacher sees what concerns at least one of their schools.
 */
export function withinSchoolScope(scope: readonly string[] | null, schoolIds: readonly (string | null)[]): boolean {
  return scope === null || schoolIds.some((s) => s !== null && scope.includes(s));
}

/** True when the caller holds one of `roles`. */
export function hasAnyRole(caller: CallerIdentity, roles: readonly Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}

/** True when `trustId` (from a path, say) is the caller's own trust. Platform administrators belong to none. */
export function mayActInTrust(caller: CallerIdentity, trustId: string): boolean {
  return caller.trustId !== null && caller.trustId === trustId;
}

/** The JWT claims an identity travels as (access and caller tokens alike). */
export interface IdentityClaims {
  sub: string;
  tid?: string;
  roles: string[];
  sch?: string[];
  /** The linked staff record (`staffId`), when there is one. */
  stf?: string;
}

export function identityClaims(identity: CallerIdentity): IdentityClaims {
  return {
    sub: identity.userId,
    ...(identity.trustId ? { tid: identity.trustId } : {}),
    roles: [...identity.roles],
    ...(identity.schoolIds.length > 0 ? { sch: [...identity.schoolIds] } : {}),
    ...(identity.staffId ? { stf: identity.staffId } : {}),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The identity in verified claims, or null when they do not hold one (a token signed by us but not for this). */
export function identityFromClaims(claims: Record<string, unknown>): CallerIdentity | null {
  const { sub, tid, roles, sch, stf } = claims;
  if (typeof sub !== 'string' || !UUID.test(sub)) return null;
  if (tid !== undefined && (typeof tid !== 'string' || !UUID.test(tid))) return null;
  if (!Array.isArray(roles) || !roles.every(isRole)) return null;
  if (sch !== undefined && (!Array.isArray(sch) || !sch.every((s) => typeof s === 'string'))) return null;
  if (stf !== undefined && (typeof stf !== 'string' || !UUID.test(stf))) return null;
  if (tid === undefined && !roles.includes('platform-admin')) return null; // everyone else belongs to a trust
  return { userId: sub, trustId: tid ?? null, roles, schoolIds: sch ?? [], ...(stf !== undefined ? { staffId: stf.toLowerCase() } : {}) };
}
