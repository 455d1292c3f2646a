import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SchoolDirectory, ServiceOutbox, todayInEngland, writeToTrust, type Page } from '@trustwide/common';
import { CommissionChargeRow, CommissionRow } from '../commissions/commission.entity';
import { refund, refundsOnWithdrawal } from '../commissions/commission';
import { EnrolmentRow } from '../enrolments/enrolment.entity';
import { enrolmentView, type EnrolmentView } from '../enrolments/enrolments.service';
import { fieldProblems, notFound, refusedBy, unprocessable } from '../http/errors';
import { lockCohort, lockCommission, programmeOf, seatsOf, toCommission, toProgramme } from '../http/rows';
import { StaffRow } from '../staff/staff.entity';
import { cohortProblems, firstSession, lastSession, type CohortPlan, type Session, type Venue } from './cohort';
import { CohortRow } from './cohort.entity';
import { cancel, placesNotTaken } from './seats';
import { pageOf } from '../http/paging';

export interface CohortView {
  id: string;
  programmeId: string;
  places: number;
  placesLeft: number;
  enrolled: number;
  waitlisted: number;
  sessions: Session[];
  firstSession: string;
  lastSession: string;
  venue: Venue;
  facilitatorIds: string[];
  status: 'scheduled' | 'cancelled';
  cancelledOn: string | null;
}

export interface ScheduleCohort {
  programmeId: string;
  places: number;
  sessions: Session[];
  venue: { schoolId?: string; name?: string };
  facilitatorIds: string[];
}

@Injectable()
export class CohortsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
  ) {}

  private async view(row: CohortRow): Promise<CohortView> {
    return (await this.views([row]))[0];
  }

  /** Cohorts as answered, their seats counted in one query for all of them (a page is one round trip, not one a cohort). */
  private async views(rows: CohortRow[]): Promise<CohortView[]> {
    if (rows.length === 0) return [];
    const counted: { cohort_id: string; enrolled: number; waitlisted: number }[] = await this.dataSource.query(
      `SELECT cohort_id, count(*) FILTER (WHERE status = 'enrolled')::int AS enrolled, count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM enrolments WHERE trust_id = $1 AND cohort_id = ANY($2::uuid[]) GROUP BY cohort_id`,
      [rows[0].trustId, rows.map((r) => r.id)],
    );
    const counts = new Map(counted.map((c) => [c.cohort_id, c]));
    return rows.map((row) => this.viewOf(row, counts.get(row.id) ?? { enrolled: 0, waitlisted: 0 }));
  }

  private viewOf(row: CohortRow, seats: { enrolled: number; waitlisted: number }): CohortView {
    return {
      id: row.id,
      programmeId: row.programmeId,
      places: row.places,
      placesLeft: placesNotTaken(row.places, seats.enrolled),
      enrolled: seats.enrolled,
      waitlisted: seats.waitlisted,
      sessions: row.sessions,
      firstSession: row.firstSession,
      lastSession: row.lastSession,
      venue: row.venueSchoolId ? { kind: 'school', schoolId: row.venueSchoolId } : { kind: 'elsewhere', name: row.venueName! },
      facilitatorIds: row.facilitatorIds,
      status: row.status,
      cancelledOn: row.cancelledOn,
    };
  }

  /** Schedules a cohort: a published programme, sessions within its length, a venue of the trust (or named), facilitators who are current staff. */
  async schedule(trustId: string, command: ScheduleCohort): Promise<CohortView> {
    const row = await writeToTrust(this.dataSource, trustId, async (m) => {
      const programme = await programmeOf(m, trustId, command.programmeId);
      const venue: Venue = command.venue.schoolId
        ? { kind: 'school', schoolId: command.venue.schoolId }
        : { kind: 'elsewhere', name: command.venue.name ?? '' };
      const plan: CohortPlan = {
        programmeCode: programme.code,
        places: command.places,
        sessions: command.sessions,
        venue,
        facilitatorIds: command.facilitatorIds,
      };
      const problems = cohortProblems(plan, toProgramme(programme), todayInEngland());
      if (problems.length > 0) throw fieldProblems(problems);
      if (venue.kind === 'school' && !(await this.directory.get(trustId, venue.schoolId)))
        throw unprocessable('venue.schoolId', `school ${venue.schoolId} is not a school of this trust`);
      for (const staffId of command.facilitatorIds) {
        const staff = await m.findOneBy(StaffRow, { trustId, staffId });
        if (!staff || staff.leftOn !== null)
          throw unprocessable('facilitatorIds', `facilitator ${staffId} is not current staff of this trust`);
      }
      const cohort = m.create(CohortRow, {
        id: randomUUID(),
        trustId,
        programmeId: programme.id,
        places: command.places,
        sessions: command.sessions.map((s) => ({ date: s.date, title: s.title.trim() })),
        firstSession: firstSession(plan),
        lastSession: lastSession(plan),
        venueSchoolId: venue.kind === 'school' ? venue.schoolId : null,
        venueName: venue.kind === 'elsewhere' ? venue.name.trim() : null,
        facilitatorIds: command.facilitatorIds,
        status: 'scheduled',
        nextArrival: 1,
        cancelledOn: null,
        cancelReason: null,
        version: 1,
      });
      await m.insert(CohortRow, cohort);
      await this.outbox.record(m, 'cpd.cohort.scheduled', {
        trustId,
        aggregateId: cohort.id,
        data: {
          cohortId: cohort.id,
          programmeId: programme.id,
          programmeCode: programme.code,
          places: cohort.places,
          sessionDates: cohort.sessions.map((s) => s.date),
          venueSchoolId: cohort.venueSchoolId,
          facilitatorIds: cohort.facilitatorIds,
        },
      });
      return cohort;
    });
    return this.view(row);
  }

  /** Cancels a cohort: everyone enrolled or waiting is released with a notice; places bought before the first session go back to their commissions. */
  async cancel(
    trustId: string,
    cohortId: string,
    reason: string,
  ): Promise<CohortView & { released: Array<{ enrolmentId: string; from: string; notice: string }> }> {
    const { row, released } = await writeToTrust(this.dataSource, trustId, async (m) => {
      const today = todayInEngland();
      const cohort = await lockCohort(m, trustId, cohortId);
      const programme = await programmeOf(m, trustId, cohort.programmeId);
      const seats = await seatsOf(m, cohort);
      const decision = cancel(
        { status: cohort.status, firstSession: cohort.firstSession, lastSession: cohort.lastSession, programmeName: programme.name },
        seats,
        today,
        reason,
      );
      if (!decision.ok) throw refusedBy(decision.refusals);
      for (const r of decision.cancellation.released) {
        const e = (await m.findOneBy(EnrolmentRow, { id: r.enrolmentId }))!;
        let refunded = false;
        if (e.commissionId && e.chargedPence > 0 && refundsOnWithdrawal(today, cohort.firstSession)) {
          const commission = await lockCommission(m, trustId, e.commissionId);
          const after = refund(toCommission(commission, programme.code), e.chargedPence);
          await m.update(CommissionRow, { id: commission.id }, { committedPence: after.committed });
          await m.insert(CommissionChargeRow, {
            id: randomUUID(),
            trustId,
            commissionId: commission.id,
            enrolmentId: e.id,
            kind: 'refund',
            amountPence: -e.chargedPence,
            description: `refund: the ${programme.code} cohort was cancelled`,
          });
          e.chargedPence = 0;
          refunded = true;
        }
        const from = e.status as 'enrolled' | 'waitlisted';
        Object.assign(e, { status: 'withdrawn', withdrawalReason: 'cohort-cancelled', changedOn: today });
        await m.save(EnrolmentRow, e);
        await this.outbox.record(m, 'cpd.enrolment.withdrawn', {
          trustId,
          aggregateId: cohort.id,
          data: {
            enrolmentId: e.id,
            cohortId: cohort.id,
            programmeId: cohort.programmeId,
            staffId: e.staffId,
            from,
            reason: 'cohort-cancelled',
            withdrawnOn: today,
            refunded,
          },
        });
      }
      Object.assign(cohort, { status: 'cancelled', cancelledOn: today, cancelReason: reason.trim(), version: cohort.version + 1 });
      await m.save(CohortRow, cohort);
      const c = decision.cancellation;
      await this.outbox.record(m, 'cpd.cohort.cancelled', {
        trustId,
        aggregateId: cohort.id,
        data: {
          cohortId: cohort.id,
          programmeId: cohort.programmeId,
          cancelledOn: today,
          noticeDays: c.noticeDays,
          shortNotice: c.shortNotice,
          released: c.released.length,
        },
      });
      return { row: cohort, released: c.released.map((r) => ({ ...r })) };
    });
    return { ...(await this.view(row)), released };
  }

  async get(trustId: string, cohortId: string): Promise<CohortView> {
    const row = await this.dataSource.manager.findOneBy(CohortRow, { trustId, id: cohortId });
    if (!row) throw notFound('cohortId', `no cohort ${cohortId} in this trust`);
    return this.view(row);
  }

  /** A page of cohorts, by first session then id (a stable order: ties on the date are broken by id). */
  async list(trustId: string, q: { programmeId?: string; limit?: number; offset?: number }): Promise<Page<CohortView>> {
    const where = { trustId, ...(q.programmeId ? { programmeId: q.programmeId } : {}) };
    return pageOf(this.dataSource.manager, CohortRow, where, { firstSession: 'ASC', id: 'ASC' }, q, (rows) => this.views(rows));
  }

  /**
   * The waitlist in order: position 1 is promoted next. Whole, not paged: it is one cohort's queue and its order is
   * the point; a person waits at most once per programme (the one-live-enrolment index), so it is bounded by the
   * trust's staff. It is not bounded by the cohort's places: the waitlist itself has no cap.
   */
  async waitlist(trustId: string, cohortId: string): Promise<EnrolmentView[]> {
    await this.get(trustId, cohortId);
    const rows = await this.dataSource.manager.find(EnrolmentRow, {
      where: { trustId, cohortId, status: 'waitlisted' },
      order: { arrival: 'ASC' },
    });
    return rows.map((e, i) => enrolmentView(e, i + 1));
  }
}
