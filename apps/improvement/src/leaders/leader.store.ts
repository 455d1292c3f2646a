import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DesignationKind, DesignationState } from '@trustwide/contracts';
import { academicYearBounds } from '@trustwide/common/util/calendar';
import { academicYearsBetween } from '../deployments/capacity';
import type { LeaderFacts } from '../deployments/leaders';
import { LeaderCapacityRow, LeaderDesignationRow, LeaderRoleRow, LeaderRow } from './leader.entity';

/** Designations whose release counts (the people service's rule): approved with a term, or active. */
const RELEASED = ['approved', 'active'];

/**
 * Days released per academic year: the people service's own figure when it announced one
 * (people.capacity.changed), else the release days of the approved or active designations whose term
 * touches the year (the same rule the people service applies).
 */
export function availableDaysByYear(
  designations: readonly LeaderDesignationRow[],
  capacity: readonly LeaderCapacityRow[],
): Record<string, number> {
  const byYear: Record<string, number> = {};
  for (const d of designations) {
    if (!RELEASED.includes(d.status) || !d.termStartsOn || !d.termEndsOn || !d.releaseDaysPerYear || d.termEndsOn < d.termStartsOn)
      continue;
    for (const year of academicYearsBetween(d.termStartsOn, d.termEndsOn)) {
      const { from, to } = academicYearBounds(year);
      if (d.termStartsOn <= to && d.termEndsOn >= from) byYear[year] = (byYear[year] ?? 0) + d.releaseDaysPerYear;
    }
  }
  for (const c of capacity) byYear[c.academicYear] = c.availableDays;
  return byYear;
}

/** Reads the people projection as the pure rules want it (LeaderFacts), and serialises decisions per leader. */
@Injectable()
export class LeaderStore {
  /**
   * Takes each leader's lock for the rest of the transaction, in one order: two requests deploying the
   * same leader decide one after the other, each seeing the other's days (even across trusts' queues).
   */
  async lockLeaders(m: EntityManager, staffIds: readonly string[]): Promise<void> {
    for (const id of [...new Set(staffIds)].sort()) {
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('improvement.leader:' || $1, 0))`, [id]);
    }
  }

  async facts(m: EntityManager, trustId: string, staffId: string): Promise<LeaderFacts> {
    // One after another: inside a transaction the manager has one connection.
    const leader = await m.findOneBy(LeaderRow, { trustId, staffId });
    const designations = await m.findBy(LeaderDesignationRow, { trustId, staffId });
    const capacity = await m.findBy(LeaderCapacityRow, { trustId, staffId });
    return {
      staffId,
      schoolIds: leader?.employed && leader.schoolId ? [leader.schoolId] : [],
      designations: designations
        .sort((a, b) => a.designationId.localeCompare(b.designationId))
        .map((d) => ({ designationId: d.designationId, type: d.type as DesignationKind, status: d.status as DesignationState })),
      availableDaysByYear: availableDaysByYear(designations, capacity),
    };
  }

  /** Staff currently in a role (executive heads for the travel check), with the schools of their open spells. */
  async inRole(m: EntityManager, trustId: string, role: string): Promise<Map<string, string[]>> {
    const spells = await m.findBy(LeaderRoleRow, { trustId, role });
    const open = new Map<string, string[]>();
    for (const s of spells.filter((x) => x.endedOn === null && x.schoolId !== null))
      open.set(s.staffId, [...(open.get(s.staffId) ?? []), s.schoolId!]);
    return open;
  }
}
