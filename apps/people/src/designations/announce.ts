import type { DesignationApprovedV1, DesignationDecisionV1, DesignationDueForRenewalV1, DesignationRenewedV1 } from '@trustwide/contracts';
import type { Designation, DesignationAction, Transition } from './lifecycle';

/**
 * The event a transition announces, typed by the people contracts. Only ids, the type, the move and
 * dates go out: the reason stays with the designation here (it can be personal).
 */

export type DesignationAnnouncement =
  | { readonly type: 'people.designation.approved'; readonly data: DesignationApprovedV1 }
  | { readonly type: 'people.designation.renewed'; readonly data: DesignationRenewedV1 }
  | {
      readonly type: `people.designation.${'activated' | 'refused' | 'suspended' | 'reinstated' | 'revoked' | 'lapsed'}`;
      readonly data: DesignationDecisionV1;
    };

const PAST: Readonly<
  Record<Exclude<DesignationAction, 'approve' | 'renew'>, 'activated' | 'refused' | 'suspended' | 'reinstated' | 'revoked' | 'lapsed'>
> = {
  activate: 'activated',
  refuse: 'refused',
  suspend: 'suspended',
  reinstate: 'reinstated',
  revoke: 'revoked',
  lapse: 'lapsed',
};

export function announceTransition(
  ids: { designationId: string; staffId: string },
  after: Designation,
  transition: Transition,
): DesignationAnnouncement {
  if (transition.action === 'apply' || transition.from === null)
    throw new Error('an application is announced with its staff and school (people.designation.applied)');
  const decision: DesignationDecisionV1 = {
    designationId: ids.designationId,
    staffId: ids.staffId,
    designationType: after.type,
    from: transition.from,
    to: transition.to,
    effectiveOn: transition.effectiveOn,
  };
  if (transition.action === 'approve' || transition.action === 'renew') {
    const data = {
      ...decision,
      termStartsOn: after.termStartsOn as string,
      termEndsOn: after.termEndsOn as string,
      releaseDaysPerYear: after.releaseDaysPerYear as number,
    };
    return transition.action === 'approve' ? { type: 'people.designation.approved', data } : { type: 'people.designation.renewed', data };
  }
  return { type: `people.designation.${PAST[transition.action]}`, data: decision };
}

export function announceDueForRenewal(
  ids: { designationId: string; staffId: string },
  designation: Designation,
  due: { termEndsOn: string; daysLeft: number },
): { type: 'people.designation.due-for-renewal'; data: DesignationDueForRenewalV1 } {
  return {
    type: 'people.designation.due-for-renewal',
    data: {
      designationId: ids.designationId,
      staffId: ids.staffId,
      designationType: designation.type,
      termEndsOn: due.termEndsOn,
      daysLeft: due.daysLeft,
    },
  };
}
