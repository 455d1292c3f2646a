import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConsumerContext, OnConsumerReset, OnEvent } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { FlagAgreements } from '../agreements/flag-agreements';

/** The consumer of the people service's events (group `improvement.people`). */
export const PEOPLE_CONSUMER = 'people';
const consumer = PEOPLE_CONSUMER;

type DecisionEvent = TrustwideEvent<
  | 'people.designation.activated'
  | 'people.designation.refused'
  | 'people.designation.reinstated'
  | 'people.designation.suspended'
  | 'people.designation.revoked'
  | 'people.designation.lapsed'
>;

/**
 * The people projection: thin handlers that write what the events say through the consumer's
 * transaction (ctx.manager), so each event's effect happens once. Upserts keyed by the event's own
 * ids, so a redelivery changes nothing. A designation that ends flags the agreements relying on it.
 */
@Controller()
export class PeopleHandlers {
  constructor(private readonly flags: FlagAgreements) {}

  @OnEvent('people.staff.joined', { consumer })
  async joined(@Payload() e: TrustwideEvent<'people.staff.joined'>, @Ctx() ctx: ConsumerContext) {
    await this.employ(ctx, e.trustId, e.data.staffId, e.data.schoolId);
  }

  @OnEvent('people.staff.moved', { consumer })
  async moved(@Payload() e: TrustwideEvent<'people.staff.moved'>, @Ctx() ctx: ConsumerContext) {
    await this.employ(ctx, e.trustId, e.data.staffId, e.data.toSchoolId);
  }

  @OnEvent('people.staff.left', { consumer })
  async left(@Payload() e: TrustwideEvent<'people.staff.left'>, @Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(
      `INSERT INTO leaders (trust_id, staff_id, school_id, employed) VALUES ($1, $2, NULL, false)
       ON CONFLICT (staff_id) DO UPDATE SET school_id = NULL, employed = false, updated_at = now()`,
      [e.trustId, e.data.staffId],
    );
  }

  @OnEvent(['people.role.started', 'people.role.ended'], { consumer })
  async role(@Payload() e: TrustwideEvent<'people.role.started' | 'people.role.ended'>, @Ctx() ctx: ConsumerContext) {
    const started = 'startedOn' in e.data ? e.data.startedOn : null;
    const ended = 'endedOn' in e.data ? e.data.endedOn : null;
    await ctx.manager.query(
      `INSERT INTO leader_roles (role_id, trust_id, staff_id, role, school_id, started_on, ended_on) VALUES ($1, $2, $3, $4, $5, COALESCE($6::date, $7::date), $7)
       ON CONFLICT (role_id) DO UPDATE SET role = EXCLUDED.role, school_id = EXCLUDED.school_id,
         started_on = COALESCE($6::date, leader_roles.started_on), ended_on = $7`,
      [e.data.roleId, e.trustId, e.data.staffId, e.data.role, e.data.schoolId, started, ended],
    );
  }

  @OnEvent('people.designation.applied', { consumer })
  async applied(@Payload() e: TrustwideEvent<'people.designation.applied'>, @Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(
      `INSERT INTO leader_designations (designation_id, trust_id, staff_id, type, status) VALUES ($1, $2, $3, $4, 'applied')
       ON CONFLICT (designation_id) DO NOTHING`,
      [e.data.designationId, e.trustId, e.data.staffId, e.data.designationType],
    );
  }

  @OnEvent(['people.designation.approved', 'people.designation.renewed'], { consumer })
  async term(@Payload() e: TrustwideEvent<'people.designation.approved' | 'people.designation.renewed'>, @Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(
      `INSERT INTO leader_designations (designation_id, trust_id, staff_id, type, status, term_starts_on, term_ends_on, release_days_per_year)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (designation_id) DO UPDATE SET status = EXCLUDED.status, release_days_per_year = EXCLUDED.release_days_per_year,
         -- A renewal's term follows the current one: the span covered runs from the first start to the last end.
         term_starts_on = LEAST(COALESCE(leader_designations.term_starts_on, EXCLUDED.term_starts_on), EXCLUDED.term_starts_on),
         term_ends_on = GREATEST(COALESCE(leader_designations.term_ends_on, EXCLUDED.term_ends_on), EXCLUDED.term_ends_on),
         updated_at = now()`,
      [
        e.data.designationId,
        e.trustId,
        e.data.staffId,
        e.data.designationType,
        e.data.to,
        e.data.termStartsOn,
        e.data.termEndsOn,
        e.data.releaseDaysPerYear,
      ],
    );
  }

  @OnEvent(
    [
      'people.designation.activated',
      'people.designation.refused',
      'people.designation.reinstated',
      'people.designation.suspended',
      'people.designation.revoked',
      'people.designation.lapsed',
    ],
    { consumer },
  )
  async decided(@Payload() e: DecisionEvent, @Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(
      `INSERT INTO leader_designations (designation_id, trust_id, staff_id, type, status) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (designation_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now()`,
      [e.data.designationId, e.trustId, e.data.staffId, e.data.designationType, e.data.to],
    );
    if (e.data.to === 'suspended' || e.data.to === 'revoked' || e.data.to === 'lapsed') {
      await this.flags.designationEnded(ctx.manager, e.trustId, {
        staffId: e.data.staffId,
        designationType: e.data.designationType,
        to: e.data.to,
        effectiveOn: e.data.effectiveOn,
      });
    }
  }

  @OnEvent('people.capacity.changed', { consumer })
  async capacity(@Payload() e: TrustwideEvent<'people.capacity.changed'>, @Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(
      `INSERT INTO leader_capacity (trust_id, staff_id, academic_year, available_days, committed_days, status) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (staff_id, academic_year) DO UPDATE SET available_days = EXCLUDED.available_days, committed_days = EXCLUDED.committed_days,
         status = EXCLUDED.status, updated_at = now()`,
      [e.trustId, e.data.staffId, e.data.academicYear, e.data.availableDays, e.data.committedDays, e.data.status],
    );
  }

  /** A reset empties the projection (not the flags it raised: they are the agreements' history). */
  @OnConsumerReset(consumer)
  async reset(@Ctx() ctx: ConsumerContext) {
    await ctx.manager.query(`DELETE FROM leader_capacity; DELETE FROM leader_roles; DELETE FROM leader_designations; DELETE FROM leaders`);
  }

  private async employ(ctx: ConsumerContext, trustId: string, staffId: string, schoolId: string) {
    await ctx.manager.query(
      `INSERT INTO leaders (trust_id, staff_id, school_id, employed) VALUES ($1, $2, $3, true)
       ON CONFLICT (staff_id) DO UPDATE SET school_id = EXCLUDED.school_id, employed = true, updated_at = now()`,
      [trustId, staffId, schoolId],
    );
  }
}
