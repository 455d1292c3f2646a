import { describe, expect, it } from '@jest/globals';
import { AGREEMENT_STATUSES, type AgreementStatus, type SupportAgreement } from './agreement';
import { AGREEMENT_ACTIONS, AGREEMENT_TRANSITIONS, decideAgreement, type AgreementAction, type AgreementCommand } from './lifecycle';
import { agreement, LEADER, QA_LEAD } from './test-fixtures';

/** A command that meets each action's own rules for the fixture agreement (1 Sept 2026 – 20 July 2027). */
const good = (action: AgreementAction): AgreementCommand => ({
  action,
  actorId: QA_LEAD,
  today: action === 'complete' ? '2027-07-31' : action === 'agree' ? '2026-07-01' : '2026-09-01',
  reason: 'the supported school joined another trust',
  finalReportSignedOff: true,
});

describe('the agreement transition table', () => {
  const cases = AGREEMENT_STATUSES.flatMap((status) =>
    AGREEMENT_ACTIONS.map((action) => [status, action, AGREEMENT_TRANSITIONS[action].from.includes(status)] as const),
  );
  it.each(cases)('%s + %s: allowed = %s', (status, action, allowed) => {
    const result = decideAgreement(agreement({ status }), good(action));
    if (allowed)
      expect(result).toMatchObject({
        ok: true,
        from: status,
        to: AGREEMENT_TRANSITIONS[action].to,
        agreement: { status: AGREEMENT_TRANSITIONS[action].to },
      });
    else
      expect(result).toMatchObject({
        ok: false,
        refusals: [
          { rule: 'status', message: expect.stringMatching(new RegExp(`^Cannot ${action} this agreement: it is ${status}, and `)) },
        ],
      });
  });

  it.each<[AgreementStatus, AgreementAction, string]>([
    ['draft', 'start', 'Cannot start this agreement: it is draft, and support starts only once the QA lead has agreed the arrangement.'],
    [
      'draft',
      'end',
      'Cannot end this agreement: it is draft, and only agreed or active support can be ended early (a draft is simply not agreed).',
    ],
    [
      'completed',
      'end',
      'Cannot end this agreement: it is completed, and only agreed or active support can be ended early (a draft is simply not agreed).',
    ],
    ['ended', 'agree', 'Cannot agree this agreement: it is ended, and only a draft can be agreed.'],
  ])('says why: %s + %s', (status, action, message) => {
    expect(decideAgreement(agreement({ status }), good(action))).toEqual({ ok: false, refusals: [{ rule: 'status', message }] });
  });
});

describe('each step’s own rules', () => {
  it.each<[string, SupportAgreement, AgreementCommand, string[]]>([
    [
      'agreed by someone other than the QA lead',
      agreement(),
      { ...good('agree'), actorId: LEADER },
      ['qa-lead: Only the agreement’s QA lead can approve it.'],
    ],
    [
      'agreed with no QA lead',
      agreement({ qaLeadId: null }),
      good('agree'),
      [
        'qa-lead: The agreement has no QA lead to approve it.',
        'incomplete: qaLeadId: an independent QA lead must be named before the agreement is agreed',
      ],
    ],
    [
      'agreed while incomplete',
      agreement({ impact: [] }),
      good('agree'),
      ['incomplete: impact: an agreement states its intended impact with at least one measurable criterion'],
    ],
    [
      'agreed after its end date',
      agreement(),
      { ...good('agree'), today: '2027-07-21' },
      ['schedule: The support was due to end on 20 July 2027, before today: change its dates first.'],
    ],
    [
      'started before its start date',
      agreement({ status: 'agreed' }),
      { ...good('start'), today: '2026-08-31' },
      ['schedule: Support starts on 1 September 2026; it cannot start before.'],
    ],
    [
      'started after its end',
      agreement({ status: 'agreed' }),
      { ...good('start'), today: '2027-07-21' },
      ['schedule: The support was due to end on 20 July 2027: end it instead of starting it.'],
    ],
    [
      'completed early and without a signed-off final report',
      agreement({ status: 'active' }),
      { ...good('complete'), today: '2027-07-19', finalReportSignedOff: false },
      [
        'schedule: The support runs to 20 July 2027; to stop before then, end it early with a reason.',
        'final-report: The final impact report must be signed off by the QA lead before the agreement is completed.',
      ],
    ],
    [
      'ended without a reason',
      agreement({ status: 'active' }),
      { ...good('end'), reason: '  ' },
      ['reason: A reason is needed to end an agreement early.'],
    ],
  ])('refuses: %s', (_, a, command, refusals) => {
    const result = decideAgreement(a, command);
    expect(result.ok ? [] : result.refusals.map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });

  it('runs draft → agreed → active → completed, and keeps the reason of an early end', () => {
    let a = agreement();
    for (const action of ['agree', 'start', 'complete'] as const) {
      const result = decideAgreement(a, good(action));
      if (!result.ok) throw new Error(result.refusals.map((r) => r.message).join(' '));
      a = result.agreement;
    }
    expect(a.status).toBe('completed');
    expect(decideAgreement(agreement({ status: 'active' }), { ...good('end'), reason: ' the head left ' })).toMatchObject({
      ok: true,
      agreement: { status: 'ended', endedReason: 'the head left' },
    });
  });
});
