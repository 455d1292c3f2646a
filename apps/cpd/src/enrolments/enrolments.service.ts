import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ServiceOutbox, todayInEngland, writeToTrust, type Page } from '@trustwide/common';
import { CohortRow } from '../cohorts/cohort.entity';
import { requestSeat } from '../cohorts/seats';
import { CommissionRow } from '../commissions/commission.entity';
import { FeedbackRow } from '../evaluations/evaluation.entity';
import { FEEDBACK_STATUSES, feedbackProblems, type FeedbackQuestion } from '../evaluations/feedback';
import { conflict, notFound, refusedBy, unprocessable } from '../http/errors';
import { lockCohort, lockCommission, programmeOf, seatsOf, staffRecord, toProgramme } from '../http/rows';
import { ProgrammeRow } from '../programmes/programme.entity';
import { EnrolmentRow } from './enrolment.entity';
import { decideEnrolment, enrolmentRefusals } from './lifecycle';
import { chargePlace, withdrawEnrolment } from './withdrawal';
import { pageOf } from '../http/paging';

export interface EnrolmentView {
  id: string;
  cohortId: string;
  programmeId: string;
  staffId: string;
  schoolId: string;
  commissionId: string | null;
  status: EnrolmentRow['status'];
  /** The cohort's request number: the order requests were accepted in. */
  arrival: number;
  /** 1 = next to be promoted; null unless waitlisted. */
  position: number | null;
  withdrawalReason: EnrolmentRow['withdrawalReason'];
  chargedPence: number;
  changedOn: string;
}

export const enrolmentView = (e: EnrolmentRow, position: number | null = null): EnrolmentView => ({
  id: e.id,
  cohortId: e.cohortId,
  programmeId: e.programmeId,
  staffId: e.staffId,
  schoolId: e.schoolId,
  commissionId: e.commissionId,
  status: e.status,
  arrival: e.arrival,
  position: e.status === 'waitlisted' ? position : null,
  withdrawalReason: e.withdrawalReason,
  chargedPence: e.chargedPence,
  changedOn: e.changedOn,
});

const ids = (e: EnrolmentRow) => ({ enrolmentId: e.id, cohortId: e.cohortId, programmeId: e.programmeId, staffId: e.staffId });

/** 1-based place in the cohort's waitlist (arrival order). */
async function positionOf(m: EntityManager, e: EnrolmentRow): Promise<number | null> {
  if (e.status !== 'waitlisted') return null;
  const [{ n }]: Array<{ n: number }> = await m.query(
    `SELECT count(*)::int AS n FROM enrolments WHERE cohort_id = $1 AND status = 'waitlisted' AND arrival <= $2`,
    [e.cohortId, e.arrival],
  );
  return n;
}

/**
 * Enrolment use cases. Each is one transaction through `writeToTrust` that locks the cohort's row
 * before it reads the seats, so requests are decided one at a time: a cohort never holds more
 * enrolled than places, and `arrival` (the cohort's counter, taken under the lock) is the order of acceptance.
 */
@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  enrol(trustId: string, command: { cohortId: string; staffId: string; commissionId?: string | null }): Promise<EnrolmentView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const today = todayInEngland();
      const cohort = await lockCohort(m, trustId, command.cohortId);
      const programmeRow = await programmeOf(m, trustId, cohort.programmeId);
      const programme = toProgramme(programmeRow);
      const person = await staffRecord(m, trustId, command.staffId);
      const earlier = await m.findBy(EnrolmentRow, { trustId, programmeId: cohort.programmeId, staffId: command.staffId });
      const refusals = enrolmentRefusals({
        person,
        programme,
        cohort: { id: cohort.id, status: cohort.status, firstSession: cohort.firstSession, lastSession: cohort.lastSession },
        earlier: earlier.map((e) => ({ cohortId: e.cohortId, programmeCode: programme.code, status: e.status, changedOn: e.changedOn })),
        today,
      });
      if (refusals.length > 0) throw refusedBy(refusals);
      if (person!.schoolId === null) throw unprocessable('staffId', 'This person has no employing school recorded.');

      let commission: CommissionRow | null = null;
      if (command.commissionId) {
        commission = await lockCommission(m, trustId, command.commissionId);
        if (commission.programmeId !== cohort.programmeId)
          throw unprocessable('commissionId', `This commission is for another programme, not ${programme.code}.`);
        // The school must be one the commission names, whether a place is taken now or on promotion.
        if (!commission.schoolIds.includes(person!.schoolId)) {
          throw unprocessable(
            'school',
            `This commission of ${programme.code} is for ${commission.schoolIds.length} named school(s), and the person's school is not one of them.`,
          );
        }
      }

      const row = m.create(EnrolmentRow, {
        id: randomUUID(),
        trustId,
        cohortId: cohort.id,
        programmeId: cohort.programmeId,
        staffId: command.staffId,
        schoolId: person!.schoolId,
        commissionId: commission?.id ?? null,
        arrival: cohort.nextArrival,
        withdrawalReason: null,
        chargedPence: 0,
        changedOn: today,
      });
      const seats = await seatsOf(m, cohort);
      const decision = requestSeat(seats, { enrolmentId: row.id, arrival: row.arrival });
      row.status = decision.outcome;
      await m.insert(EnrolmentRow, row);
      await m.update(CohortRow, { id: cohort.id }, { nextArrival: cohort.nextArrival + 1 });
      if (decision.outcome === 'enrolled') {
        if (commission) {
          row.chargedPence = await chargePlace(m, this.outbox, row, commission, programme.code);
          await m.update(EnrolmentRow, { id: row.id }, { chargedPence: row.chargedPence });
        }
        await this.outbox.record(m, 'cpd.enrolment.created', {
          trustId,
          aggregateId: cohort.id,
          data: { ...ids(row), schoolId: row.schoolId, commissionId: row.commissionId, enrolledOn: today },
        });
        if (decision.becameFull) {
          await this.outbox.record(m, 'cpd.cohort.full', {
            trustId,
            aggregateId: cohort.id,
            data: {
              cohortId: cohort.id,
              programmeId: cohort.programmeId,
              places: cohort.places,
              waitlisted: decision.seats.waitlist.length,
            },
          });
        }
        return enrolmentView(row);
      }
      await this.outbox.record(m, 'cpd.enrolment.waitlisted', {
        trustId,
        aggregateId: cohort.id,
        data: { ...ids(row), schoolId: row.schoolId, position: decision.position, waitlistedOn: today },
      });
      return enrolmentView(row, decision.position);
    });
  }

  /** The enrolment and its cohort, the cohort's row locked first (the same order as enrol). */
  private async lockEnrolment(
    m: EntityManager,
    trustId: string,
    enrolmentId: string,
  ): Promise<{ enrolment: EnrolmentRow; cohort: CohortRow; programme: ProgrammeRow }> {
    const found = await m.findOneBy(EnrolmentRow, { trustId, id: enrolmentId });
    if (!found) throw notFound('enrolmentId', `no enrolment ${enrolmentId} in this trust`);
    const cohort = await lockCohort(m, trustId, found.cohortId);
    const enrolment = (await m.findOneBy(EnrolmentRow, { id: enrolmentId }))!;
    return { enrolment, cohort, programme: await programmeOf(m, trustId, cohort.programmeId) };
  }

  withdraw(trustId: string, enrolmentId: string): Promise<{ enrolment: EnrolmentView; promoted: EnrolmentView | null }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { enrolment, cohort, programme } = await this.lockEnrolment(m, trustId, enrolmentId);
      const result = await withdrawEnrolment(m, this.outbox, cohort, enrolment, 'requested', todayInEngland(), programme.code);
      return { enrolment: enrolmentView(result.enrolment), promoted: result.promoted && enrolmentView(result.promoted) };
    });
  }

  complete(trustId: string, enrolmentId: string): Promise<EnrolmentView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const today = todayInEngland();
      const { enrolment, cohort } = await this.lockEnrolment(m, trustId, enrolmentId);
      const decision = decideEnrolment(enrolment, {
        action: 'complete',
        cohort: { firstSession: cohort.firstSession, lastSession: cohort.lastSession },
        today,
      });
      if (!decision.ok) throw refusedBy(decision.refusals);
      Object.assign(enrolment, { status: decision.enrolment.status, changedOn: today });
      await m.save(EnrolmentRow, enrolment);
      await this.outbox.record(m, 'cpd.enrolment.completed', {
        trustId,
        aggregateId: cohort.id,
        data: { ...ids(enrolment), completedOn: today },
      });
      return enrolmentView(enrolment);
    });
  }

  /** A pass of a qualification-awarding programme is announced so the people service records it on the person. */
  assess(trustId: string, enrolmentId: string, passed: boolean): Promise<EnrolmentView & { qualificationAwarded: boolean }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const today = todayInEngland();
      const { enrolment, cohort, programme } = await this.lockEnrolment(m, trustId, enrolmentId);
      const decision = decideEnrolment(enrolment, { action: 'assess', passed, programme: toProgramme(programme), today });
      if (!decision.ok) throw refusedBy(decision.refusals);
      Object.assign(enrolment, { status: decision.enrolment.status, changedOn: today });
      await m.save(EnrolmentRow, enrolment);
      await this.outbox.record(m, 'cpd.enrolment.assessed', {
        trustId,
        aggregateId: cohort.id,
        data: { ...ids(enrolment), passed, assessedOn: today },
      });
      if (decision.qualificationAwarded) {
        await this.outbox.record(m, 'cpd.qualification.awarded', {
          trustId,
          aggregateId: enrolment.staffId,
          data: {
            staffId: enrolment.staffId,
            enrolmentId: enrolment.id,
            programmeId: programme.id,
            programmeCode: programme.code,
            qualification: programme.name,
            awardedOn: today,
          },
        });
      }
      return { ...enrolmentView(enrolment), qualificationAwarded: decision.qualificationAwarded };
    });
  }

  feedback(
    trustId: string,
    enrolmentId: string,
    body: { ratings: Record<string, unknown>; wouldRecommend: unknown },
  ): Promise<{ enrolmentId: string; ratings: Record<FeedbackQuestion, number>; wouldRecommend: boolean }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { enrolment } = await this.lockEnrolment(m, trustId, enrolmentId);
      if (!(FEEDBACK_STATUSES as readonly string[]).includes(enrolment.status))
        throw conflict('status', `Feedback comes from participants; this enrolment is ${enrolment.status}.`);
      const problems = feedbackProblems(body);
      if (problems.length > 0) throw unprocessable('ratings', ...problems);
      if (await m.findOneBy(FeedbackRow, { enrolmentId })) throw conflict('enrolmentId', 'This participant has already given feedback.');
      const ratings = body.ratings as Record<FeedbackQuestion, number>;
      await m.insert(FeedbackRow, {
        id: randomUUID(),
        trustId,
        enrolmentId,
        cohortId: enrolment.cohortId,
        ratings,
        wouldRecommend: body.wouldRecommend as boolean,
      });
      return { enrolmentId, ratings, wouldRecommend: body.wouldRecommend as boolean };
    });
  }

  async get(trustId: string, enrolmentId: string): Promise<EnrolmentView> {
    const e = await this.dataSource.manager.findOneBy(EnrolmentRow, { trustId, id: enrolmentId });
    if (!e) throw notFound('enrolmentId', `no enrolment ${enrolmentId} in this trust`);
    return enrolmentView(e, await positionOf(this.dataSource.manager, e));
  }

  /**
   * A page of enrolments by cohort, then arrival (unique within a cohort: a stable order). A waiting one's
   * `position` is counted over its cohort's whole waitlist, not over the page.
   */
  async list(
    trustId: string,
    q: { cohortId?: string; staffId?: string; status?: string; limit?: number; offset?: number },
  ): Promise<Page<EnrolmentView>> {
    const m = this.dataSource.manager;
    const where = {
      trustId,
      ...(q.cohortId ? { cohortId: q.cohortId } : {}),
      ...(q.staffId ? { staffId: q.staffId } : {}),
      ...(q.status ? { status: q.status as EnrolmentRow['status'] } : {}),
    };
    return pageOf(m, EnrolmentRow, where, { cohortId: 'ASC', arrival: 'ASC', id: 'ASC' }, q, (rows) => this.withPositions(m, rows));
  }

  /** Enrolments as answered, a waiting one's position counted over its cohort's whole waitlist (one query for all). */
  private async withPositions(m: EntityManager, rows: EnrolmentRow[]): Promise<EnrolmentView[]> {
    const waiting = rows.filter((e) => e.status === 'waitlisted').map((e) => e.id);
    const positions: Array<{ id: string; position: number }> =
      waiting.length === 0
        ? []
        : await m.query(
            `SELECT e.id, (SELECT count(*)::int FROM enrolments w
                WHERE w.cohort_id = e.cohort_id AND w.status = 'waitlisted' AND w.arrival <= e.arrival) AS position
               FROM enrolments e WHERE e.id = ANY($1::uuid[])`,
            [waiting],
          );
    const position = new Map(positions.map((p) => [p.id, p.position]));
    return rows.map((e) => enrolmentView(e, position.get(e.id) ?? null));
  }
}
