import { describe, expect, it } from '@jest/globals';
import { DEFAULT_DESIGNATION_POLICY, type DesignationPolicy } from './designation-types';
import { checkEligibility, type DesignationEvidence } from './eligibility';
import { evidence, OTHER_SCHOOL, SCHOOL, spell, TODAY } from './test-fixtures';

const HEAD_2Y = [spell('headteacher', '2023-09-01')];
const refusalsOf = (e: DesignationEvidence, policy?: DesignationPolicy) => {
  const result = checkEligibility(e, TODAY, policy);
  return result.eligible ? [] : result.refusals.map((r) => `${r.rule}: ${r.message}`);
};

describe('eligibility: the designations that pass', () => {
  it.each<[string, DesignationEvidence]>([
    [
      'an LLE: head for exactly two years of a good school',
      evidence({
        roles: HEAD_2Y,
        latestInspection: { framework: 'oeif', startDate: '2023-01-01', overallEffectiveness: 2, judgements: {} },
      }),
    ],
    ['an NLE: six years of headship of an outstanding school with a support record', evidence({ type: 'nle' })],
    [
      'an NLE: an executive head of two schools',
      evidence({
        type: 'nle',
        roles: [spell('executive-headteacher', '2020-09-01'), spell('executive-headteacher', '2021-09-01', null, OTHER_SCHOOL)],
      }),
    ],
    [
      'an SLE: an assistant head with maths',
      evidence({
        type: 'sle',
        specialisms: ['maths'],
        roles: [spell('middle-leader', '2020-09-01', '2022-08-31'), spell('assistant-headteacher', '2022-09-01')],
        latestInspection: null,
      }),
    ],
    [
      'a SIP: a former head (years of headship count after it ended)',
      evidence({ type: 'sip', roles: [spell('headteacher', '2010-09-01', '2018-08-31')], latestInspection: null, supportRecord: null }),
    ],
    ['a professional partner: a serving head', evidence({ type: 'professional-partner' })],
  ])('%s', (_, e) => {
    expect(checkEligibility(e, TODAY)).toEqual({ eligible: true });
  });
});

describe('eligibility: every refusal explains itself', () => {
  it.each<[string, DesignationEvidence, string[]]>([
    [
      'an LLE one day short of two years of headship',
      evidence({ roles: [spell('headteacher', '2023-09-02')] }),
      ['experience: A local leader of education (LLE) needs at least 2 years of headship; the role history shows 1 year and 365 days.'],
    ],
    [
      'an LLE who is a deputy',
      evidence({ roles: [spell('deputy-headteacher', '2015-09-01')] }),
      [
        'role: A local leader of education (LLE) must currently be an executive headteacher or a headteacher; on 1 September 2025 they are a deputy headteacher.',
        'experience: A local leader of education (LLE) needs at least 2 years of headship; the role history shows no time.',
      ],
    ],
    [
      'an LLE who was a head but no longer is',
      evidence({ roles: [spell('headteacher', '2015-09-01', '2024-08-31')] }),
      [
        'role: A local leader of education (LLE) must currently be an executive headteacher or a headteacher; on 1 September 2025 they are in no recorded role.',
      ],
    ],
    [
      'an LLE whose school requires improvement',
      evidence({ latestInspection: { framework: 'oeif', startDate: '2024-03-12', overallEffectiveness: 3, judgements: {} } }),
      [
        "inspection: A local leader of education (LLE)'s school must be good or better: the school is not good or better at the latest inspection (OEIF, 12 March 2024): overall effectiveness was Requires improvement (3).",
      ],
    ],
    [
      'an LLE whose school has no inspection',
      evidence({ latestInspection: null }),
      [
        "inspection: A local leader of education (LLE)'s school must be good or better by its latest inspection, and the school has no inspection on record.",
      ],
    ],
    [
      'an NLE with only three years minus a day of headship, a good school without outstanding leadership, no support record',
      evidence({
        type: 'nle',
        roles: [spell('headteacher', '2022-09-02')],
        latestInspection: {
          framework: 'report-card',
          startDate: '2025-12-02',
          areas: { achievement: 'expected-standard', 'leadership-and-governance': 'strong-standard' },
          safeguarding: 'met',
        },
        supportRecord: '  ',
      }),
      [
        'experience: A national leader of education (NLE) needs at least 3 years of headship; the role history shows 2 years and 364 days.',
        "inspection: A national leader of education (NLE)'s school must be strong (outstanding, or good with outstanding leadership): the school is not strong (outstanding, or good with outstanding leadership) at the latest inspection (report card, 2 December 2025): achievement was expected standard (every area must be strong standard or better).",
        'support-record: A national leader of education (NLE) needs a record of supporting other schools.',
      ],
    ],
    [
      'an SLE who is the headteacher',
      evidence({ type: 'sle', specialisms: ['maths'] }),
      [
        'role: A specialist leader of education (SLE) must currently be a head of school or a deputy headteacher or an assistant headteacher or a middle leader or a SENCO or a business manager; on 1 September 2025 they are a headteacher.',
      ],
    ],
    [
      'an SLE with one year of middle leadership and no specialism',
      evidence({ type: 'sle', roles: [spell('teacher', '2015-09-01', '2024-08-31'), spell('middle-leader', '2024-09-01')] }),
      [
        'experience: A specialist leader of education (SLE) needs at least 2 years of middle or senior leadership below headteacher; the role history shows 1 year.',
        'specialism: A specialist leader of education (SLE) needs a named specialism.',
      ],
    ],
    [
      'an SLE with an unknown specialism',
      evidence({ type: 'sle', specialisms: ['juggling'], roles: [spell('senco', '2020-09-01')] }),
      [`specialism: Unknown specialism "juggling"; the trust's specialisms are ${DEFAULT_DESIGNATION_POLICY.specialisms.join(', ')}.`],
    ],
    [
      'no outcomes and no commitment',
      evidence({ outcomes: null, commitment: null }),
      [
        'outcomes: Designation needs evidence of outcomes (for example pupil outcomes the leader has improved).',
        "commitment: Designation needs the leader's own school's written commitment to release them for a number of days a year.",
      ],
    ],
    [
      'a commitment from another school, for too many days, signed tomorrow',
      evidence({ commitment: { schoolId: OTHER_SCHOOL, daysPerYear: 200, signedBy: 'x', signedOn: '2025-09-02' } }),
      [
        "commitment: The release commitment must come from the leader's own (employing) school.",
        'commitment: The release commitment must be a whole number of days from 1 to 195 a year; it says 200.',
        'commitment: The release commitment is dated 2 September 2025, after today.',
      ],
    ],
    [
      'a commitment of no days',
      evidence({ commitment: { schoolId: SCHOOL, daysPerYear: 0, signedBy: 'x', signedOn: '2025-01-01' } }),
      ['commitment: The release commitment must be a whole number of days from 1 to 195 a year; it says 0.'],
    ],
  ])('%s', (_, e, refusals) => {
    expect(refusalsOf(e)).toEqual(refusals);
  });

  it("follows a trust's own policy (here: LLEs need five years)", () => {
    const policy = { ...DEFAULT_DESIGNATION_POLICY, lle: { ...DEFAULT_DESIGNATION_POLICY.lle, minYears: 5 } };
    expect(refusalsOf(evidence({ roles: HEAD_2Y }), policy)).toEqual([
      'experience: A local leader of education (LLE) needs at least 5 years of headship; the role history shows 2 years.',
    ]);
  });
});
