import type { LeaderFacts } from '../deployments/leaders';
import type { SupportAgreement } from './agreement';

/** Builders shared by the agreement and deployment specs. */

export const SUPPORTED = 'a0000000-0000-4000-8000-000000000001';
export const SUPPORTING = 'b0000000-0000-4000-8000-000000000002';
export const ELSEWHERE = 'c0000000-0000-4000-8000-000000000003';
export const LEADER = 'd0000000-0000-4000-8000-000000000004';
export const QA_LEAD = 'e0000000-0000-4000-8000-000000000005';

/** A complete agreement for the academic year 2026/27, ready to be agreed. */
export function agreement(overrides: Partial<SupportAgreement> = {}): SupportAgreement {
  return {
    id: 'agr-1',
    trustId: 'trust-1',
    status: 'draft',
    supportedSchoolIds: [SUPPORTED],
    supportingSchoolIds: [SUPPORTING],
    deployments: [{ leaderId: LEADER, days: 10 }],
    priorityAreas: [{ kind: 'inspection-area', framework: 'report-card', area: 'achievement' }],
    responsibilities: [
      { party: 'supported', text: 'Release the English lead for joint planning every fortnight' },
      { party: 'supporting', text: 'Coach the English lead; model phonics lessons' },
    ],
    impact: [{ id: 'c1', measure: 'KS2 reading at expected standard (%)', baseline: 52, target: 65, byWhen: '2027-07-15' }],
    schedule: { startsOn: '2026-09-01', endsOn: '2027-07-20', interimReportsDue: ['2027-01-29'], finalReportDue: '2027-07-31' },
    funding: { source: 'strategic-improvement-fund', amountPence: 1_500_000 },
    qaLeadId: QA_LEAD,
    endedReason: null,
    ...overrides,
  };
}

export function leader(overrides: Partial<LeaderFacts> = {}): LeaderFacts {
  return {
    staffId: LEADER,
    schoolIds: [SUPPORTING],
    designations: [{ designationId: 'des-1', type: 'nle', status: 'active' }],
    availableDaysByYear: { '2026/27': 30, '2027/28': 30 },
    ...overrides,
  };
}

export const qaLead = (overrides: Partial<LeaderFacts> = {}): LeaderFacts =>
  leader({
    staffId: QA_LEAD,
    schoolIds: [ELSEWHERE],
    designations: [{ designationId: 'des-qa', type: 'lle', status: 'active' }],
    ...overrides,
  });
