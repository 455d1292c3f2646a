import type { RoleSpell } from '../staff/roles';
import type { DesignationEvidence } from './eligibility';
import type { LatestInspection } from './inspection-standing';

/** Builders shared by the designation specs. */

export const SCHOOL = '11111111-1111-4111-8111-111111111111';
export const OTHER_SCHOOL = '22222222-2222-4222-8222-222222222222';
export const TODAY = '2025-09-01';

export const spell = (
  role: RoleSpell['role'],
  startedOn: string,
  endedOn: string | null = null,
  schoolId: string | null = SCHOOL,
): RoleSpell => ({
  role,
  schoolId,
  startedOn,
  endedOn,
});

export const outstanding: LatestInspection = {
  framework: 'oeif',
  startDate: '2023-05-10',
  overallEffectiveness: 1,
  judgements: { 'leadership-and-management': 1 },
};

export function evidence(overrides: Partial<DesignationEvidence> = {}): DesignationEvidence {
  return {
    type: 'lle',
    specialisms: [],
    roles: [spell('deputy-headteacher', '2015-09-01', '2019-08-31'), spell('headteacher', '2019-09-01')],
    employingSchoolId: SCHOOL,
    latestInspection: outstanding,
    outcomes: 'KS2 reading at expected standard rose from 61% to 78% in three years',
    supportRecord: 'Supported two schools in the local authority through RI to Good',
    commitment: { schoolId: SCHOOL, daysPerYear: 20, signedBy: 'chair-of-governors', signedOn: '2025-07-01' },
    ...overrides,
  };
}
