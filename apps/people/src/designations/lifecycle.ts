import { addDays, addYears, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { DEFAULT_DESIGNATION_POLICY, DESIGNATION_NAMES, type DesignationPolicy, type DesignationType } from './designation-types';
import { checkEligibility, type DesignationEvidence, type Refusal } from './eligibility';

/**
 * A designation's lifecycle as a table: which action moves which status to which. Every transition
 * is recorded with its reason, who decided and when; an action the table does not allow is refused
 * with a sentence saying what the designation's status is and what would be needed.
 *
 *   applied → approved → active (term starts) → renewed (active, a new term) | lapsed (term ended)
 *   applied → refused;  active ⇄ suspended;  any live status → revoked
 */

export const DESIGNATION_STATUSES = ['applied', 'approved', 'active', 'suspended', 'lapsed', 'revoked', 'refused'] as const;
export type DesignationStatus = (typeof DESIGNATION_STATUSES)[number];

/** Statuses nothing leaves: a lapsed, revoked or refused leader applies again. */
export const FINAL_STATUSES: readonly DesignationStatus[] = ['lapsed', 'revoked', 'refused'];

export const DESIGNATION_ACTIONS = ['approve', 'refuse', 'activate', 'renew', 'suspend', 'reinstate', 'revoke', 'lapse'] as const;
export type DesignationAction = (typeof DESIGNATION_ACTIONS)[number];

export const TRANSITIONS: Readonly<
  Record<DesignationAction, { readonly from: readonly DesignationStatus[]; readonly to: DesignationStatus }>
> = {
  approve: { from: ['applied'], to: 'approved' },
  refuse: { from: ['applied'], to: 'refused' },
  activate: { from: ['approved'], to: 'active' },
  renew: { from: ['active'], to: 'active' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  revoke: { from: ['applied', 'approved', 'active', 'suspended'], to: 'revoked' },
  lapse: { from: ['approved', 'active', 'suspended'], to: 'lapsed' },
};

export interface Decider {
  readonly kind: 'user' | 'system';
  /** User id, or the job's name for the scheduler. */
  readonly id: string;
}

export interface Transition {
  readonly action: DesignationAction | 'apply';
  readonly from: DesignationStatus | null;
  readonly to: DesignationStatus;
  readonly reason: string;
  readonly decidedBy: Decider;
  /** The instant of the decision (ISO date-time). */
  readonly decidedAt: string;
  /** The calendar day it takes effect. */
  readonly effectiveOn: IsoDate;
}

export interface Designation {
  readonly type: DesignationType;
  readonly specialisms: readonly string[];
  readonly status: DesignationStatus;
  readonly termStartsOn: IsoDate | null;
  readonly termEndsOn: IsoDate | null;
  /** Days a year the leader's school releases them (from the commitment accepted at approval/renewal). */
  readonly releaseDaysPerYear: number | null;
  /** The term end a renewal reminder was last announced for, so it is announced once per term. */
  readonly renewalFlaggedFor: IsoDate | null;
  readonly history: readonly Transition[];
}

export interface Decision {
  readonly reason: string;
  readonly decidedBy: Decider;
  readonly decidedAt: string;
  /** Today in England: the day the decision takes effect. */
  readonly today: IsoDate;
}

export type DesignationCommand =
  | ({ readonly action: 'approve'; readonly evidence: DesignationEvidence; readonly termStartsOn: IsoDate } & Decision)
  | ({ readonly action: 'renew'; readonly evidence: DesignationEvidence } & Decision)
  | ({ readonly action: 'refuse' | 'activate' | 'suspend' | 'reinstate' | 'revoke' | 'lapse' } & Decision);

export type TransitionResult =
  | { readonly ok: true; readonly designation: Designation; readonly transition: Transition }
  | { readonly ok: false; readonly refusals: readonly Refusal[] };

const refuse = (rule: string, message: string): TransitionResult => ({ ok: false, refusals: [{ rule, message }] });

/** A new application. */
export function applyFor(type: DesignationType, specialisms: readonly string[], decision: Decision): Designation {
  return {
    type,
    specialisms: [...specialisms],
    status: 'applied',
    termStartsOn: null,
    termEndsOn: null,
    releaseDaysPerYear: null,
    renewalFlaggedFor: null,
    history: [
      {
        action: 'apply',
        from: null,
        to: 'applied',
        reason: decision.reason,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
        effectiveOn: decision.today,
      },
    ],
  };
}

/** The last day of a term of `years` starting on `start` (a four-year term from 1 Sept 2025 ends 31 Aug 2029). */
export const termEnd = (start: IsoDate, years: number): IsoDate => addDays(addYears(start, years), -1);

const ALLOWED_SENTENCE: Readonly<Record<DesignationAction, string>> = {
  approve: 'only an application can be approved',
  refuse: 'only an application can be refused',
  activate: 'only an approved designation can start its term',
  renew: 'only an active designation can be renewed (a suspended one is reinstated first; a lapsed one needs a new application)',
  suspend: 'only an active designation can be suspended',
  reinstate: 'only a suspended designation can be reinstated',
  revoke: 'a designation that has already ended cannot be revoked',
  lapse: 'only an approved, active or suspended designation can lapse',
};

/** Decides one command against a designation; never throws for a rule, it refuses with reasons. */
export function decide(
  designation: Designation,
  command: DesignationCommand,
  policy: DesignationPolicy = DEFAULT_DESIGNATION_POLICY,
): TransitionResult {
  const { action } = command;
  const step = TRANSITIONS[action];
  const name = DESIGNATION_NAMES[designation.type];
  if (!step.from.includes(designation.status)) {
    return refuse('status', `Cannot ${action} this ${name}: it is ${designation.status}, and ${ALLOWED_SENTENCE[action]}.`);
  }
  if (command.reason.trim() === '') return refuse('reason', `A reason is needed to ${action} a designation.`);

  let next: Designation = { ...designation, status: step.to };
  const { today } = command;

  switch (command.action) {
    case 'approve':
    case 'renew': {
      if (command.evidence.type !== designation.type) {
        return refuse('evidence', `The evidence is for a ${DESIGNATION_NAMES[command.evidence.type]}, not this ${name}.`);
      }
      const eligibility = checkEligibility({ ...command.evidence, specialisms: designation.specialisms }, today, policy);
      if (!eligibility.eligible) return { ok: false, refusals: eligibility.refusals };
      const years = policy[designation.type].termYears;
      if (command.action === 'approve') {
        if (command.termStartsOn < today) return refuse('term', `The term cannot start in the past (${formatDate(command.termStartsOn)}).`);
        next = { ...next, termStartsOn: command.termStartsOn, termEndsOn: termEnd(command.termStartsOn, years) };
      } else {
        // A renewed designation's next term has not begun yet: renewing it again would add a term nobody decided on (a repeated request).
        if ((designation.termStartsOn as IsoDate) > today) {
          return refuse(
            'status',
            `Cannot renew this ${name}: it has been renewed already (its next term starts on ${formatDate(designation.termStartsOn as IsoDate)}).`,
          );
        }
        // The new term follows the current one, so renewing early does not shorten it.
        const start = addDays(designation.termEndsOn as IsoDate, 1);
        next = { ...next, termStartsOn: start, termEndsOn: termEnd(start, years), renewalFlaggedFor: null };
      }
      next = { ...next, releaseDaysPerYear: command.evidence.commitment!.daysPerYear };
      break;
    }
    case 'activate':
      if ((designation.termStartsOn as IsoDate) > today) {
        return refuse('term', `The term starts on ${formatDate(designation.termStartsOn as IsoDate)}; it cannot be activated before.`);
      }
      if ((designation.termEndsOn as IsoDate) < today)
        return refuse('term', `The term ended on ${formatDate(designation.termEndsOn as IsoDate)}: it lapses instead.`);
      break;
    case 'reinstate':
      if ((designation.termEndsOn as IsoDate) < today) {
        return refuse(
          'term',
          `The term ended on ${formatDate(designation.termEndsOn as IsoDate)} while suspended: it lapses and cannot be reinstated.`,
        );
      }
      break;
    case 'lapse':
      if ((designation.termEndsOn as IsoDate) >= today) {
        return refuse('term', `The term runs to ${formatDate(designation.termEndsOn as IsoDate)}: it cannot lapse before it ends.`);
      }
      break;
    default:
      break;
  }

  const transition: Transition = {
    action,
    from: designation.status,
    to: step.to,
    reason: command.reason.trim(),
    decidedBy: command.decidedBy,
    decidedAt: command.decidedAt,
    effectiveOn: today,
  };
  return { ok: true, designation: { ...next, history: [...designation.history, transition] }, transition };
}
