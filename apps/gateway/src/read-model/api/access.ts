import type { CallerIdentity } from '@trustwide/common';
import { forbidden } from '../../auth/errors';

/** Roles that may read the trust-wide view; the guard (`@Allow`) checks the role and that the trust is the caller's. */
export const READ_MODEL_ROLES = ['ceo', 'executive', 'headteacher'] as const;

/** What a caller may see: every school of the trust (null), or only the schools they lead. */
export interface Scope {
  trustId: string;
  schoolIds: string[] | null;
}

/** CEO and executive team see the whole trust; a headteacher (or head of school) only the schools they lead. */
export function scopeOf(caller: CallerIdentity | undefined, trustId: string): Scope {
  if (!caller) throw forbidden('sign in to read the trust-wide view');
  if (caller.roles.includes('ceo') || caller.roles.includes('executive')) return { trustId, schoolIds: null };
  if (caller.roles.includes('headteacher')) return { trustId, schoolIds: caller.schoolIds.map((s) => s.toLowerCase()) };
  throw forbidden('the trust-wide view is for the CEO, the executive team and headteachers');
}

/** 403 unless the scope covers the school. */
export function assertSchoolInScope(scope: Scope, schoolId: string): void {
  if (scope.schoolIds && !scope.schoolIds.includes(schoolId)) throw forbidden('you lead other schools than this one', 'schoolId');
}
