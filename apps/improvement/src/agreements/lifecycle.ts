import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import type { Refusal } from '../shared/refusal';
import { agreementProblems, type AgreementStatus, type SupportAgreement } from './agreement';

/**
 * An agreement's lifecycle as a table:
 *
 *   draft → agreed (the QA lead approves it) → active (support starts) → completed
 *   agreed | active → ended (early, with a reason)
 *
 * `agree` is the QA lead's approval: only the named QA lead may give it, and only for an agreement
 * complete and consistent as a whole. The checks against other agreements and the people projection
 * (QA independence, capacity, designations, a supporting school's load) are separate pure rules the
 * service runs in the same transaction; their refusals are added to these.
 */

export const AGREEMENT_ACTIONS = ['agree', 'start', 'complete', 'end'] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];

export const AGREEMENT_TRANSITIONS: Readonly<
  Record<AgreementAction, { readonly from: readonly AgreementStatus[]; readonly to: AgreementStatus }>
> = {
  agree: { from: ['draft'], to: 'agreed' },
  start: { from: ['agreed'], to: 'active' },
  complete: { from: ['active'], to: 'completed' },
  end: { from: ['agreed', 'active'], to: 'ended' },
};

const ALLOWED_SENTENCE: Readonly<Record<AgreementAction, string>> = {
  agree: 'only a draft can be agreed',
  start: 'support starts only once the QA lead has agreed the arrangement',
  complete: 'only active support can be completed',
  end: 'only agreed or active support can be ended early (a draft is simply not agreed)',
};

export interface AgreementCommand {
  readonly action: AgreementAction;
  /** Staff id of whoever acts (the QA lead for `agree`). */
  readonly actorId: string;
  readonly today: IsoDate;
  /** Required to end early. */
  readonly reason?: string;
  /** For `complete`: whether the final impact report has been signed off by the QA lead. */
  readonly finalReportSignedOff?: boolean;
}

export type AgreementDecision =
  | { readonly ok: true; readonly agreement: SupportAgreement; readonly from: AgreementStatus; readonly to: AgreementStatus }
  | { readonly ok: false; readonly refusals: readonly Refusal[] };

export function decideAgreement(agreement: SupportAgreement, command: AgreementCommand): AgreementDecision {
  const { action, today } = command;
  const step = AGREEMENT_TRANSITIONS[action];
  if (!step.from.includes(agreement.status)) {
    return {
      ok: false,
      refusals: [
        { rule: 'status', message: `Cannot ${action} this agreement: it is ${agreement.status}, and ${ALLOWED_SENTENCE[action]}.` },
      ],
    };
  }
  const refusals: Refusal[] = [];
  const { startsOn, endsOn } = agreement.schedule;
  let endedReason = agreement.endedReason;
  switch (action) {
    case 'agree':
      if (!agreement.qaLeadId) refusals.push({ rule: 'qa-lead', message: 'The agreement has no QA lead to approve it.' });
      else if (command.actorId !== agreement.qaLeadId)
        refusals.push({ rule: 'qa-lead', message: 'Only the agreement’s QA lead can approve it.' });
      for (const { field, problems } of agreementProblems(agreement, { complete: true })) {
        for (const problem of problems) refusals.push({ rule: 'incomplete', message: `${field}: ${problem}` });
      }
      if (endsOn < today)
        refusals.push({
          rule: 'schedule',
          message: `The support was due to end on ${formatDate(endsOn)}, before today: change its dates first.`,
        });
      break;
    case 'start':
      if (today < startsOn)
        refusals.push({ rule: 'schedule', message: `Support starts on ${formatDate(startsOn)}; it cannot start before.` });
      else if (today > endsOn)
        refusals.push({ rule: 'schedule', message: `The support was due to end on ${formatDate(endsOn)}: end it instead of starting it.` });
      break;
    case 'complete':
      if (today < endsOn)
        refusals.push({
          rule: 'schedule',
          message: `The support runs to ${formatDate(endsOn)}; to stop before then, end it early with a reason.`,
        });
      if (!command.finalReportSignedOff)
        refusals.push({
          rule: 'final-report',
          message: 'The final impact report must be signed off by the QA lead before the agreement is completed.',
        });
      break;
    case 'end': {
      const reason = (command.reason ?? '').trim();
      if (reason === '') refusals.push({ rule: 'reason', message: 'A reason is needed to end an agreement early.' });
      endedReason = reason;
      break;
    }
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, agreement: { ...agreement, status: step.to, endedReason }, from: agreement.status, to: step.to };
}
