import type { DesignationKind, DesignationState } from '@trustwide/contracts';

/**
 * What this service knows of a system leader, learnt only from the people service's events
 * (designation decisions, roles, capacity changes): it never asks the people service to decide.
 */

export const DESIGNATION_SHORT_NAMES: Readonly<Record<DesignationKind, string>> = {
  sle: 'SLE',
  lle: 'LLE',
  nle: 'NLE',
  'professional-partner': 'professional partner',
  sip: 'SIP',
  'consultant-head': 'consultant head',
};

export interface KnownDesignation {
  readonly designationId: string;
  readonly type: DesignationKind;
  readonly status: DesignationState;
}

export interface LeaderFacts {
  readonly staffId: string;
  /** Schools the person is currently employed at (from role started/ended and staff moved). */
  readonly schoolIds: readonly string[];
  readonly designations: readonly KnownDesignation[];
  /** Days their school releases them, per academic year (`people.capacity.changed`). A year not listed releases none. */
  readonly availableDaysByYear: Readonly<Record<string, number>>;
}

export const activeDesignations = (leader: LeaderFacts): KnownDesignation[] => leader.designations.filter((d) => d.status === 'active');

/** `LLE (suspended), SLE (lapsed)`, or `no designation`. */
export function describeDesignations(leader: LeaderFacts): string {
  if (leader.designations.length === 0) return 'no designation';
  return leader.designations.map((d) => `${DESIGNATION_SHORT_NAMES[d.type]} (${d.status})`).join(', ');
}
