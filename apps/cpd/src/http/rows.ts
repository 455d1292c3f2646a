import type { EntityManager } from 'typeorm';
import { CohortRow } from '../cohorts/cohort.entity';
import type { Seats } from '../cohorts/seats';
import { CommissionRow } from '../commissions/commission.entity';
import type { Commission } from '../commissions/commission';
import { EnrolmentRow } from '../enrolments/enrolment.entity';
import type { StaffRecord } from '../enrolments/lifecycle';
import type { Programme } from '../programmes/lifecycle';
import { ProgrammeRow } from '../programmes/programme.entity';
import { StaffRoleRow, StaffRow } from '../staff/staff.entity';
import { notFound } from './errors';

/** Rows to the domain's values, and the row locks every write takes (trust first, then cohort, then commission). */

export const toProgramme = (r: ProgrammeRow): Programme => ({
  code: r.code,
  kind: r.kind,
  name: r.name,
  provider: r.provider,
  fundingSource: r.fundingSource,
  costPerPlace: r.costPerPlace,
  skills: r.skills,
  prerequisites: r.prerequisites,
  length: { months: r.lengthMonths, contactDays: r.contactDays },
  assessed: r.assessed,
  awardsQualification: r.awardsQualification,
  status: r.status,
  version: r.version,
});

export const toCommission = (r: CommissionRow, programmeCode: string): Commission => ({
  programmeCode,
  schoolIds: r.schoolIds,
  budget: r.budgetPence,
  costPerPlace: r.costPerPlacePence,
  committed: r.committedPence,
});

export async function programmeOf(m: EntityManager, trustId: string, programmeId: string, field = 'programmeId'): Promise<ProgrammeRow> {
  const row = await m.findOneBy(ProgrammeRow, { trustId, id: programmeId });
  if (!row) throw notFound(field, `no programme ${programmeId} in this trust's catalogue`);
  return row;
}

/** The cohort's row, locked: seats are decided one request at a time, in the order the lock is granted. */
export async function lockCohort(m: EntityManager, trustId: string, cohortId: string, field = 'cohortId'): Promise<CohortRow> {
  const row = await m.findOne(CohortRow, { where: { trustId, id: cohortId }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound(field, `no cohort ${cohortId} in this trust`);
  return row;
}

export async function lockCommission(
  m: EntityManager,
  trustId: string,
  commissionId: string,
  field = 'commissionId',
): Promise<CommissionRow> {
  const row = await m.findOne(CommissionRow, { where: { trustId, id: commissionId }, lock: { mode: 'pessimistic_write' } });
  if (!row) throw notFound(field, `no commission ${commissionId} in this trust`);
  return row;
}

/** Who holds a place and who waits, in arrival order. */
export async function seatsOf(m: EntityManager, cohort: CohortRow): Promise<Seats> {
  const rows = await m.find(EnrolmentRow, {
    where: [
      { cohortId: cohort.id, status: 'enrolled' },
      { cohortId: cohort.id, status: 'waitlisted' },
    ],
    order: { arrival: 'ASC' },
  });
  const seat = (r: EnrolmentRow) => ({ enrolmentId: r.id, arrival: r.arrival });
  return {
    places: cohort.places,
    enrolled: rows.filter((r) => r.status === 'enrolled').map(seat),
    waitlist: rows.filter((r) => r.status === 'waitlisted').map(seat),
  };
}

export async function staffRecord(m: EntityManager, trustId: string, staffId: string): Promise<StaffRecord | null> {
  const staff = await m.findOneBy(StaffRow, { trustId, staffId });
  if (!staff) return null;
  const roles = await m.findBy(StaffRoleRow, { trustId, staffId });
  return {
    staffId,
    schoolId: staff.schoolId,
    leftOn: staff.leftOn,
    roles: roles.map((r) => ({ role: r.role, schoolId: r.schoolId, startedOn: r.startedOn, endedOn: r.endedOn })),
  };
}
