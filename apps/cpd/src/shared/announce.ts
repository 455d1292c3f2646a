import type {
  CommissionCreatedV1,
  CommissionNearBudgetV1,
  CommissionSpentV1,
  ProgrammeChangedV1,
  ProgrammePublishedV1,
  ProgrammeRetiredV1,
} from '@trustwide/contracts';
import type { Programme, ProgrammeOutcome } from '../programmes/lifecycle';
import { NEAR_BUDGET_PERCENT, remaining, type Commission, type CommissionAnnouncement } from '../commissions/commission';

/**
 * The events decisions announce, typed by the CPD contracts: ids, codes, dates, counts and pence.
 * An unchanged programme announces nothing.
 */

const programmeData = (programmeId: string, p: Programme): ProgrammePublishedV1 => ({
  programmeId,
  code: p.code,
  kind: p.kind,
  name: p.name,
  provider: p.provider,
  fundingSource: p.fundingSource,
  costPerPlacePence: p.costPerPlace,
  skills: [...p.skills],
  prerequisites: p.prerequisites.map((pre) =>
    pre.kind === 'role-held' ? { kind: pre.kind, roles: [...pre.roles] } : { kind: pre.kind, roles: [...pre.roles], years: pre.years },
  ),
  lengthMonths: p.length.months,
  assessed: p.assessed,
  awardsQualification: p.awardsQualification,
  version: p.version,
});

export type ProgrammeAnnouncement =
  | { readonly type: 'cpd.programme.published'; readonly data: ProgrammePublishedV1 }
  | { readonly type: 'cpd.programme.changed'; readonly data: ProgrammeChangedV1 }
  | { readonly type: 'cpd.programme.retired'; readonly data: ProgrammeRetiredV1 };

export function announceProgramme(programmeId: string, outcome: ProgrammeOutcome, today: string): ProgrammeAnnouncement | null {
  switch (outcome.event) {
    case 'published':
      return { type: 'cpd.programme.published', data: programmeData(programmeId, outcome.programme) };
    case 'changed':
      return { type: 'cpd.programme.changed', data: { ...programmeData(programmeId, outcome.programme), changed: [...outcome.changed] } };
    case 'retired':
      return {
        type: 'cpd.programme.retired',
        data: { programmeId, code: outcome.programme.code, version: outcome.programme.version, retiredOn: today },
      };
    case 'unchanged':
      return null;
  }
}

export const announceCommissionCreated = (
  ids: { commissionId: string; programmeId: string },
  c: Commission,
): { type: 'cpd.commission.created'; data: CommissionCreatedV1 } => ({
  type: 'cpd.commission.created',
  data: { ...ids, programmeCode: c.programmeCode, schoolIds: [...c.schoolIds], budgetPence: c.budget, costPerPlacePence: c.costPerPlace },
});

export function announceCommissionCrossings(
  commissionId: string,
  c: Commission,
  crossings: readonly CommissionAnnouncement[],
): Array<{ type: 'cpd.commission.near-budget'; data: CommissionNearBudgetV1 } | { type: 'cpd.commission.spent'; data: CommissionSpentV1 }> {
  return crossings.map((crossing) =>
    crossing === 'near-budget'
      ? {
          type: 'cpd.commission.near-budget' as const,
          data: { commissionId, budgetPence: c.budget, committedPence: c.committed, thresholdPercent: NEAR_BUDGET_PERCENT },
        }
      : {
          type: 'cpd.commission.spent' as const,
          data: { commissionId, budgetPence: c.budget, committedPence: c.committed, remainingPence: remaining(c) },
        },
  );
}
