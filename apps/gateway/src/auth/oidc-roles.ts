import { isRole, Role } from '@trustwide/common';

export interface RoleMapping {
  /** The claim holding the user's groups or roles at the provider (a string or an array of strings). */
  claim: string;
  /** Claim value → Trustwide roles. */
  mapping: Record<string, Role[]>;
}

/**
 * The Trustwide roles an ID token's claims give, by the trust's mapping. A trust's provider can never make a
 * platform administrator, and a value the mapping does not name gives nothing.
 */
export function rolesFromClaims(claims: Record<string, unknown>, { claim, mapping }: RoleMapping): Role[] {
  const raw = claims[claim];
  const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : typeof raw === 'string' ? [raw] : [];
  const roles = new Set<Role>();
  for (const value of values) {
    if (!Object.prototype.hasOwnProperty.call(mapping, value)) continue;
    for (const role of mapping[value]) if (isRole(role) && role !== 'platform-admin') roles.add(role);
  }
  return [...roles].sort();
}
