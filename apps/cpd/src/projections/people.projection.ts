import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConsumerContext, lockTrust, OnConsumerReset, OnEvent, ServiceOutbox } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { EnrolmentRow } from '../enrolments/enrolment.entity';
import { toWithdrawOnLeaving } from '../enrolments/lifecycle';
import { withdrawEnrolment } from '../enrolments/withdrawal';
import { lockCohort, programmeOf } from '../http/rows';
import { StaffRoleRow, StaffRow } from '../staff/staff.entity';

/** The consumer that keeps the CPD service's copy of the people service's staff and roles (group `cpd.staff`). */
export const STAFF_CONSUMER = 'staff';
const consumer = STAFF_CONSUMER;

/**
 * Staff and role history from the people service's events: who is current staff (and where) for
 * enrolments, the roles prerequisites read. A departure withdraws the person's live enrolments (each
 * freed place goes to the first waiting). Skills assessments are not projected: their events carry
 * no scores, so recommendations take the gap report in the request.
 */
@Controller()
export class PeopleProjection {
  constructor(@Inject(ServiceOutbox) private readonly outbox: ServiceOutbox) {}

  @OnEvent('people.staff.joined', { consumer })
  async onJoined(@Payload() e: TrustwideEvent<'people.staff.joined'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO staff (staff_id, trust_id, school_id, left_on) VALUES ($1, $2, $3, NULL)
       ON CONFLICT (staff_id) DO UPDATE SET school_id = EXCLUDED.school_id, left_on = NULL`,
      [e.data.staffId, e.trustId, e.data.schoolId],
    );
  }

  @OnEvent('people.staff.moved', { consumer })
  async onMoved(@Payload() e: TrustwideEvent<'people.staff.moved'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.update(StaffRow, { staffId: e.data.staffId, trustId: e.trustId }, { schoolId: e.data.toSchoolId });
  }

  @OnEvent('people.staff.left', { consumer })
  async onLeft(@Payload() e: TrustwideEvent<'people.staff.left'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    const m = ctx.manager;
    // The same lock order as the API's writes (the trust, then each cohort), so the two never deadlock.
    await lockTrust(m, e.trustId);
    await m.update(StaffRow, { staffId: e.data.staffId, trustId: e.trustId }, { leftOn: e.data.leftOn });
    const enrolments = await m.findBy(EnrolmentRow, { trustId: e.trustId, staffId: e.data.staffId });
    for (const enrolmentId of toWithdrawOnLeaving(enrolments.map((x) => ({ enrolmentId: x.id, status: x.status })))) {
      const cohortId = enrolments.find((x) => x.id === enrolmentId)!.cohortId;
      const cohort = await lockCohort(m, e.trustId, cohortId);
      const enrolment = (await m.findOneBy(EnrolmentRow, { id: enrolmentId }))!;
      if (enrolment.status !== 'enrolled' && enrolment.status !== 'waitlisted') continue;
      const programme = await programmeOf(m, e.trustId, cohort.programmeId);
      await withdrawEnrolment(m, this.outbox, cohort, enrolment, 'left-trust', e.data.leftOn, programme.code);
    }
  }

  /** CPD keeps no name; erasure forgets the role history (enrolments stay, by id, for the reports). */
  @OnEvent('people.staff.erased', { consumer })
  async onErased(@Payload() e: TrustwideEvent<'people.staff.erased'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.delete(StaffRoleRow, { staffId: e.data.staffId, trustId: e.trustId });
  }

  @OnEvent('people.role.started', { consumer })
  async onRoleStarted(@Payload() e: TrustwideEvent<'people.role.started'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO staff_roles (role_id, trust_id, staff_id, role, school_id, started_on, ended_on) VALUES ($1, $2, $3, $4, $5, $6, NULL)
       ON CONFLICT (role_id) DO NOTHING`,
      [e.data.roleId, e.trustId, e.data.staffId, e.data.role, e.data.schoolId ?? null, e.data.startedOn],
    );
  }

  @OnEvent('people.role.ended', { consumer })
  async onRoleEnded(@Payload() e: TrustwideEvent<'people.role.ended'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.update(StaffRoleRow, { roleId: e.data.roleId, trustId: e.trustId }, { endedOn: e.data.endedOn });
  }

  @OnConsumerReset(STAFF_CONSUMER)
  async reset(@Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query('DELETE FROM staff_roles');
    await ctx.manager.query('DELETE FROM staff');
  }
}

/** The consumer of the schools service's measures (group `cpd.school-measures`). */
export const MEASURES_CONSUMER = 'school-measures';

/** The schools' measures, by school, period and name: what an evaluation measures impact from. */
@Controller()
export class MeasuresProjection {
  @OnEvent('schools.measures.recorded', { consumer: MEASURES_CONSUMER })
  async onMeasures(@Payload() e: TrustwideEvent<'schools.measures.recorded'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    for (const { name, value } of e.data.measures) {
      await ctx.manager.query(
        `INSERT INTO school_measures (school_id, period, name, trust_id, value) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (school_id, period, name) DO UPDATE SET value = EXCLUDED.value, trust_id = EXCLUDED.trust_id`,
        [e.data.schoolId, e.data.period, name, e.trustId, value],
      );
    }
  }

  @OnConsumerReset(MEASURES_CONSUMER)
  async reset(@Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query('DELETE FROM school_measures');
  }
}
