import type { DesignationKind } from '@trustwide/contracts';
import { DESIGNATION_SHORT_NAMES, activeDesignations, type LeaderFacts } from '../deployments/leaders';
import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural } from '../shared/refusal';
import { LIVE_STATUSES, type SupportAgreement } from './agreement';
import { DEFAULT_QA_DESIGNATIONS } from './qa-independence';

/**
 * When a designation is suspended, revoked or lapses, every live agreement (draft, agreed or
 * active) that relies on that person is flagged at once, with why: those that deploy them, and
 * those where they are the QA lead and the designation was what qualified them. The agreement is
 * not changed: the trust decides whether to replace the leader, pause or end the support. A leader
 * who still holds another active designation is still flagged (the deployment was made on the one
 * that ended), and the reason says what they still hold.
 */

export const DESIGNATION_ENDINGS = ['suspended', 'revoked', 'lapsed'] as const;
export type DesignationEnding = (typeof DESIGNATION_ENDINGS)[number];

export interface DesignationEnded {
  readonly staffId: string;
  readonly designationType: DesignationKind;
  readonly to: DesignationEnding;
  readonly effectiveOn: IsoDate;
}

export interface AgreementFlag {
  readonly agreementId: string;
  readonly staffId: string;
  readonly as: 'deployed-leader' | 'qa-lead';
  readonly reason: string;
}

const WAS: Readonly<Record<DesignationEnding, string>> = { suspended: 'was suspended', revoked: 'was revoked', lapsed: 'lapsed' };

export function flagsForDesignationEnded(
  event: DesignationEnded,
  /** The person as known after the event. */
  person: LeaderFacts,
  agreements: readonly Pick<SupportAgreement, 'id' | 'status' | 'deployments' | 'qaLeadId'>[],
  qaDesignations: readonly DesignationKind[] = DEFAULT_QA_DESIGNATIONS,
): AgreementFlag[] {
  const what = `Their ${DESIGNATION_SHORT_NAMES[event.designationType]} designation ${WAS[event.to]} on ${formatDate(event.effectiveOn)}`;
  const still = activeDesignations(person);
  const stillHolds =
    still.length === 0 ? '' : `; they still hold an active ${still.map((d) => DESIGNATION_SHORT_NAMES[d.type]).join(' and ')} designation`;
  const flags: AgreementFlag[] = [];
  for (const a of agreements) {
    if (!LIVE_STATUSES.includes(a.status)) continue;
    const deployment = a.deployments.find((d) => d.leaderId === event.staffId);
    if (deployment) {
      flags.push({
        agreementId: a.id,
        staffId: event.staffId,
        as: 'deployed-leader',
        reason: `${what}, and they are deployed in this ${a.status} agreement for ${plural(deployment.days, 'day')}${stillHolds}.`,
      });
    }
    if (a.qaLeadId === event.staffId && qaDesignations.includes(event.designationType)) {
      const qualified = still.some((d) => qaDesignations.includes(d.type));
      if (!qualified)
        flags.push({
          agreementId: a.id,
          staffId: event.staffId,
          as: 'qa-lead',
          reason: `${what}, and they are the QA lead of this ${a.status} agreement: it needs a QA lead with an active designation.`,
        });
    }
  }
  return flags;
}
