import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { type Page, ServiceOutbox, unprocessable } from '@trustwide/common';
import { academicYearBounds, academicYearOf, addYears, isAcademicYear, type IsoDate } from '@trustwide/common/util/calendar';
import { capacity, capacityAnnouncements, type Capacity } from './capacity';
import { DeploymentRow, LeaderCapacity } from './capacity.entity';
import { ListCapacityQuery, mapCapacity, type CapacityResponse } from './dto/capacity.dto';

/** A deployment as the improvement service last announced it (what its consumer passes to `applyDeployment`). */
export interface DeploymentFact {
  trustId: string;
  deploymentId: string;
  /** The deployed leader (a staff id of this service). */
  staffId: string;
  /** Days committed per academic year; a year left out of a later announcement is no longer committed. */
  daysByYear: ReadonlyArray<{ academicYear: string; days: number }>;
}

/** The academic years any of the terms touches, in order (a term from 1 March 2026 to 28 February 2030 touches five). */
export function academicYearsOf(terms: ReadonlyArray<{ from: IsoDate | null; to: IsoDate | null }>): string[] {
  const years = new Set<string>();
  for (const { from, to } of terms) {
    if (from === null || to === null || to < from) continue;
    for (let d = from; d <= to; d = addYears(d, 1)) years.add(academicYearOf(d));
    years.add(academicYearOf(to));
  }
  return [...years].sort();
}

/** Designations whose release counts: approved (term set) and active. A suspended leader is not released. */
const RELEASED = ['approved', 'active'];

/**
 * Released vs committed days per leader and academic year. Every change goes through `recompute`,
 * which serialises on the (leader, year) with an advisory lock, derives the figures from the
 * designations and deployments, and announces only what changed.
 */
@Injectable()
export class CapacityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  /**
   * Records a deployment's latest announcement (it replaces the earlier one: days per year, leader)
   * and moves the committed days of every leader and year it touched. Called inside the consumer's
   * transaction; the same announcement applied twice changes nothing.
   */
  async applyDeployment(manager: EntityManager, fact: DeploymentFact): Promise<Capacity[]> {
    for (const { academicYear, days } of fact.daysByYear) {
      if (!isAcademicYear(academicYear)) throw unprocessable('academicYear', `"${academicYear}" is not an academic year such as 2025/26`);
      if (!Number.isInteger(days) || days < 0) throw unprocessable('days', 'days must be a whole number ≥ 0');
    }
    const before = await manager.findBy(DeploymentRow, { deploymentId: fact.deploymentId });
    await manager.delete(DeploymentRow, { deploymentId: fact.deploymentId });
    const byYear = new Map(fact.daysByYear.map((y) => [y.academicYear, y.days])); // one row per year (a repeated year: its last)
    if (byYear.size > 0) {
      await manager.insert(
        DeploymentRow,
        [...byYear].map(([academicYear, days]) => ({
          deploymentId: fact.deploymentId,
          trustId: fact.trustId,
          staffId: fact.staffId,
          academicYear,
          days,
          cancelled: false,
        })),
      );
    }
    // An amended deployment may have moved to another leader or dropped a year: those days are freed.
    const touched = [
      ...before.map((b) => ({ trustId: b.trustId, staffId: b.staffId, academicYear: b.academicYear })),
      ...[...byYear.keys()].map((academicYear) => ({ ...fact, academicYear })),
    ];
    return this.recomputeEach(manager, touched);
  }

  /** The deployment's days are no longer committed (ended early, or removed); redelivered, it changes nothing. */
  async releaseDeployment(manager: EntityManager, deploymentId: string): Promise<Capacity[]> {
    const rows = await manager.findBy(DeploymentRow, { deploymentId, cancelled: false });
    if (rows.length === 0) return [];
    await manager.update(DeploymentRow, { deploymentId }, { cancelled: true });
    return this.recomputeEach(manager, rows);
  }

  private async recomputeEach(
    manager: EntityManager,
    touched: ReadonlyArray<{ trustId: string; staffId: string; academicYear: string }>,
  ): Promise<Capacity[]> {
    const unique = new Map(touched.map((t) => [`${t.staffId}/${t.academicYear}`, t]));
    const results: Capacity[] = [];
    for (const key of [...unique.keys()].sort()) {
      const t = unique.get(key)!;
      results.push(await this.recompute(manager, t.trustId, t.staffId, t.academicYear));
    }
    return results;
  }

  /** Re-derives the leader's capacity for every academic year a term touches (after a designation changed). */
  async recomputeTerm(
    manager: EntityManager,
    trustId: string,
    staffId: string,
    terms: ReadonlyArray<{ from: IsoDate | null; to: IsoDate | null }>,
  ): Promise<void> {
    const years = new Set(academicYearsOf(terms));
    const known = await manager.findBy(LeaderCapacity, { trustId, staffId });
    for (const k of known) years.add(k.academicYear);
    for (const year of [...years].sort()) await this.recompute(manager, trustId, staffId, year);
  }

  async recompute(manager: EntityManager, trustId: string, staffId: string, academicYear: string): Promise<Capacity> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('people.capacity:' || $1 || ':' || $2))`, [staffId, academicYear]);
    const { from, to } = academicYearBounds(academicYear);
    const [{ available }] = await manager.query<{ available: number }[]>(
      // A renewed designation's row holds its next term; it has been in force since it was first activated.
      `SELECT COALESCE(SUM(d.release_days_per_year), 0)::int AS available FROM designations d
       WHERE d.staff_id = $1 AND d.status = ANY($2) AND d.term_ends_on >= $3
         AND LEAST(d.term_starts_on, (SELECT min(t.effective_on) FROM designation_transitions t WHERE t.designation_id = d.id AND t.to_status = 'active')) <= $4`,
      [staffId, RELEASED, from, to],
    );
    const deployments = await manager.findBy(DeploymentRow, { trustId, staffId, academicYear });
    const after = capacity(
      staffId,
      academicYear,
      available,
      deployments.map((d) => ({ ...d, leaderId: d.staffId })),
    );
    const row = await manager.findOneBy(LeaderCapacity, { trustId, staffId, academicYear });
    const before: Capacity | null = row && {
      leaderId: staffId,
      academicYear,
      availableDays: row.availableDays,
      committedDays: row.committedDays,
      remainingDays: row.availableDays - row.committedDays,
      status: row.status,
    };
    // Someone never released nor deployed that year has no capacity to show.
    if (before === null && after.availableDays === 0 && after.committedDays === 0) return after;
    const { changed, overCommitted } = capacityAnnouncements(before, after);
    if (!changed) return after;
    await manager.upsert(
      LeaderCapacity,
      { trustId, staffId, academicYear, availableDays: after.availableDays, committedDays: after.committedDays, status: after.status },
      ['trustId', 'staffId', 'academicYear'],
    );
    const data = { staffId, academicYear, availableDays: after.availableDays, committedDays: after.committedDays };
    await this.outbox.record(manager, 'people.capacity.changed', {
      trustId,
      aggregateId: staffId,
      data: { ...data, status: after.status },
    });
    if (overCommitted) {
      await this.outbox.record(manager, 'people.capacity.over-committed', {
        trustId,
        aggregateId: staffId,
        data: { ...data, overByDays: after.committedDays - after.availableDays },
      });
    }
    return after;
  }

  async list(trustId: string, query: ListCapacityQuery): Promise<Page<CapacityResponse>> {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(LeaderCapacity).createQueryBuilder('c').where('c.trust_id = :trustId', { trustId });
    if (query.academicYear) qb.andWhere('c.academic_year = :year', { year: query.academicYear });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.staffId) qb.andWhere('c.staff_id = :staffId', { staffId: query.staffId });
    const [rows, total] = await qb
      .orderBy('c.academic_year', 'DESC')
      .addOrderBy('c.staff_id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { total, limit, offset, items: rows.map(mapCapacity) };
  }
}
