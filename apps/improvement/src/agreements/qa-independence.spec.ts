import { describe, expect, it } from '@jest/globals';
import type { LeaderFacts } from '../deployments/leaders';
import { qaIndependenceRefusals } from './qa-independence';
import { agreement, ELSEWHERE, qaLead, QA_LEAD, SUPPORTED, SUPPORTING } from './test-fixtures';

describe('QA independence: an active LLE from neither side', () => {
  it.each<[string, LeaderFacts, string[]]>([
    ['an active LLE employed elsewhere', qaLead(), []],
    [
      'an LLE with another, lapsed designation too',
      qaLead({
        designations: [
          { designationId: 'x', type: 'sle', status: 'lapsed' },
          { designationId: 'y', type: 'lle', status: 'active' },
        ],
      }),
      [],
    ],
    [
      'a suspended LLE',
      qaLead({ designations: [{ designationId: 'y', type: 'lle', status: 'suspended' }] }),
      ['qa-designation: The QA lead must hold an active LLE designation; they have LLE (suspended).'],
    ],
    [
      'an active NLE (not an LLE)',
      qaLead({ designations: [{ designationId: 'y', type: 'nle', status: 'active' }] }),
      ['qa-designation: The QA lead must hold an active LLE designation; they have NLE (active).'],
    ],
    [
      'no designation at all',
      qaLead({ designations: [] }),
      ['qa-designation: The QA lead must hold an active LLE designation; they have no designation.'],
    ],
    [
      'employed at the supported school',
      qaLead({ schoolIds: [SUPPORTED] }),
      [`qa-independence: The QA lead is employed at the supported school ${SUPPORTED}: they must be from neither side.`],
    ],
    [
      'an executive head of a supporting school and another',
      qaLead({ schoolIds: [ELSEWHERE, SUPPORTING] }),
      [`qa-independence: The QA lead is employed at the supporting school ${SUPPORTING}: they must be from neither side.`],
    ],
  ])('%s', (_, lead, refusals) => {
    expect(qaIndependenceRefusals(agreement(), lead).map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });

  it('the QA lead cannot also be deployed, and every broken rule is reported', () => {
    const a = agreement({ deployments: [{ leaderId: QA_LEAD, days: 6 }] });
    expect(qaIndependenceRefusals(a, qaLead({ schoolIds: [SUPPORTED], designations: [] })).map((r) => r.message)).toEqual([
      'The QA lead must hold an active LLE designation; they have no designation.',
      `The QA lead is employed at the supported school ${SUPPORTED}: they must be from neither side.`,
      'The QA lead is also deployed in this agreement (6 days): they cannot quality-assure their own support.',
    ]);
  });

  it('a trust may accept NLEs as QA leads', () => {
    expect(
      qaIndependenceRefusals(agreement(), qaLead({ designations: [{ designationId: 'y', type: 'nle', status: 'active' }] }), [
        'lle',
        'nle',
      ]),
    ).toEqual([]);
  });
});
