import { describe, expect, it } from '@jest/globals';
import type { LeaderFacts } from '../deployments/leaders';
import type { AgreementStatus } from './agreement';
import { flagsForDesignationEnded, type DesignationEnded } from './flagging';
import { agreement, leader, LEADER, qaLead, QA_LEAD } from './test-fixtures';

const inStatus = (id: string, status: AgreementStatus, days = 10) => agreement({ id, status, deployments: [{ leaderId: LEADER, days }] });
const ended = (
  to: DesignationEnded['to'],
  staffId = LEADER,
  designationType: DesignationEnded['designationType'] = 'nle',
): DesignationEnded => ({ staffId, designationType, to, effectiveOn: '2026-11-03' });
const noLongerDesignated = leader({ designations: [{ designationId: 'des-1', type: 'nle', status: 'revoked' }] });

describe('agreements flagged when a deployed leader’s designation ends', () => {
  const agreements = [
    inStatus('draft', 'draft', 4),
    inStatus('agreed', 'agreed', 6),
    inStatus('active', 'active', 1),
    inStatus('completed', 'completed'),
    inStatus('ended', 'ended'),
    agreement({ id: 'someone-else', deployments: [{ leaderId: 'other', days: 3 }] }),
  ];

  it.each<[string, DesignationEnded, LeaderFacts, string[]]>([
    [
      'revoked: every live agreement deploying them, with why',
      ended('revoked'),
      noLongerDesignated,
      [
        'draft: Their NLE designation was revoked on 3 November 2026, and they are deployed in this draft agreement for 4 days.',
        'agreed: Their NLE designation was revoked on 3 November 2026, and they are deployed in this agreed agreement for 6 days.',
        'active: Their NLE designation was revoked on 3 November 2026, and they are deployed in this active agreement for 1 day.',
      ],
    ],
    [
      'suspended',
      ended('suspended'),
      noLongerDesignated,
      expect.arrayContaining([
        'active: Their NLE designation was suspended on 3 November 2026, and they are deployed in this active agreement for 1 day.',
      ]) as unknown as string[],
    ],
    [
      'lapsed',
      ended('lapsed'),
      noLongerDesignated,
      expect.arrayContaining([
        'agreed: Their NLE designation lapsed on 3 November 2026, and they are deployed in this agreed agreement for 6 days.',
      ]) as unknown as string[],
    ],
    [
      'still holding another active designation: flagged, and says so',
      ended('lapsed', LEADER, 'sle'),
      leader({
        designations: [
          { designationId: 'd1', type: 'sle', status: 'lapsed' },
          { designationId: 'd2', type: 'nle', status: 'active' },
        ],
      }),
      expect.arrayContaining([
        'active: Their SLE designation lapsed on 3 November 2026, and they are deployed in this active agreement for 1 day; they still hold an active NLE designation.',
      ]) as unknown as string[],
    ],
  ])('%s', (_, event, person, reasons) => {
    expect(flagsForDesignationEnded(event, person, agreements).map((f) => `${f.agreementId}: ${f.reason}`)).toEqual(reasons);
  });

  it('flags nothing for a leader deployed nowhere live', () => {
    expect(flagsForDesignationEnded(ended('revoked', 'nobody'), leader({ staffId: 'nobody' }), agreements)).toEqual([]);
  });
});

describe('agreements flagged when their QA lead’s designation ends', () => {
  const a = agreement({ id: 'qa', status: 'active' });
  it.each<[string, DesignationEnded, LeaderFacts, object[]]>([
    [
      'their LLE designation is suspended',
      ended('suspended', QA_LEAD, 'lle'),
      qaLead({ designations: [{ designationId: 'q', type: 'lle', status: 'suspended' }] }),
      [
        {
          agreementId: 'qa',
          staffId: QA_LEAD,
          as: 'qa-lead',
          reason:
            'Their LLE designation was suspended on 3 November 2026, and they are the QA lead of this active agreement: it needs a QA lead with an active designation.',
        },
      ],
    ],
    [
      'an SLE designation that did not qualify them ends',
      ended('lapsed', QA_LEAD, 'sle'),
      qaLead({
        designations: [
          { designationId: 's', type: 'sle', status: 'lapsed' },
          { designationId: 'q', type: 'lle', status: 'active' },
        ],
      }),
      [],
    ],
  ])('%s', (_, event, person, flags) => {
    expect(flagsForDesignationEnded(event, person, [a])).toEqual(flags);
  });
});
