import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EventNotReadyError } from '../consumer/failures';
import { ConsumerContext } from '../consumer/consumer-context';
import { OnConsumerReset, OnEvent, OnEventBatch } from '../consumer/on-event.decorator';
import type { TrustwideEvent } from '@trustwide/common';

/** The consumer the directory's handlers are bound to (its group is `<service>.school-directory`). */
export const SCHOOL_DIRECTORY_CONSUMER = 'school-directory';
const consumer = SCHOOL_DIRECTORY_CONSUMER;

type ProfileEvent = TrustwideEvent<'schools.school.registered' | 'schools.school.updated'>;

/**
 * Keeps `school_directory` from the schools service's events: thin handlers that write through the
 * transaction the ledger rows go in. Profiles come in batches (a GIAS import announces tens of thousands).
 */
@Controller()
export class SchoolDirectoryHandlers {
  @OnEventBatch(['schools.school.registered', 'schools.school.updated'], { consumer })
  async onProfiles(@Payload() events: ProfileEvent[], @Ctx() ctx: ConsumerContext): Promise<void> {
    // One row per school, the latest profile of the batch (a statement may not update a row twice).
    const latest = new Map<string, ProfileEvent>();
    for (const e of events) latest.set(`${e.trustId}/${e.data.school.schoolId}`, e);
    const rows = [...latest.values()].map(({ trustId, occurredAt, data: { school: s } }) => ({
      trust_id: trustId,
      school_id: s.schoolId,
      urn: s.urn,
      name: s.name,
      phase: s.phase,
      membership: s.membership,
      joined_trust_on: s.joinedTrustOn,
      left_trust_on: s.leftTrustOn,
      leadership_model: s.leadershipModel,
      local_authority_code: s.localAuthorityCode,
      local_authority: s.localAuthority,
      easting: s.easting,
      northing: s.northing,
      as_of: occurredAt,
    }));
    await ctx.manager.query(
      `INSERT INTO school_directory (trust_id, school_id, urn, name, phase, membership, joined_trust_on, left_trust_on, leadership_model,
                                     local_authority_code, local_authority, easting, northing, as_of)
       SELECT r.trust_id, r.school_id, r.urn, r.name, r.phase, r.membership, r.joined_trust_on, r.left_trust_on, r.leadership_model,
              r.local_authority_code, r.local_authority, r.easting, r.northing, r.as_of
       FROM jsonb_to_recordset($1::jsonb) AS r(trust_id uuid, school_id uuid, urn int, name text, phase text, membership text,
            joined_trust_on date, left_trust_on date, leadership_model text, local_authority_code text, local_authority text,
            easting int, northing int, as_of timestamptz)
       ON CONFLICT (trust_id, school_id) DO UPDATE SET
         urn = EXCLUDED.urn, name = EXCLUDED.name, phase = EXCLUDED.phase, membership = EXCLUDED.membership,
         joined_trust_on = EXCLUDED.joined_trust_on, left_trust_on = EXCLUDED.left_trust_on, leadership_model = EXCLUDED.leadership_model,
         local_authority_code = EXCLUDED.local_authority_code, local_authority = EXCLUDED.local_authority,
         easting = EXCLUDED.easting, northing = EXCLUDED.northing, as_of = EXCLUDED.as_of`,
      [JSON.stringify(rows)],
    );
  }

  @OnEvent('schools.school.joined-trust', { consumer })
  async onJoined(@Payload() event: TrustwideEvent<'schools.school.joined-trust'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.update(ctx, event, `membership = 'member', joined_trust_on = $4, left_trust_on = NULL`, [event.data.joinedOn]);
  }

  @OnEvent('schools.school.left-trust', { consumer })
  async onLeft(@Payload() event: TrustwideEvent<'schools.school.left-trust'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.update(ctx, event, `membership = 'former-member', left_trust_on = $4`, [event.data.leftOn]);
  }

  @OnEvent('schools.risk-status.changed', { consumer })
  async onRisk(@Payload() event: TrustwideEvent<'schools.risk-status.changed'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    await this.update(ctx, event, `risk_level = $4, risk_reasons = $5::jsonb`, [event.data.to, JSON.stringify(event.data.reasons)]);
  }

  /** A reset empties the table; replaying the topic from its start fills it again. */
  @OnConsumerReset(consumer)
  async onReset(@Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query(`DELETE FROM school_directory`);
  }

  private async update(
    ctx: ConsumerContext,
    event: { trustId: string; occurredAt: string; data: { schoolId: string } },
    set: string,
    values: unknown[],
  ): Promise<void> {
    const [, updated] = await ctx.manager.query<[unknown[], number]>(
      `UPDATE school_directory SET ${set}, as_of = $3 WHERE trust_id = $1 AND school_id = $2`,
      [event.trustId, event.data.schoolId, event.occurredAt, ...values],
    );
    // The school's registration comes first on its partition; if it is not here, it has not been applied yet.
    if (Number(updated) === 0)
      throw new EventNotReadyError(`school ${event.data.schoolId} of trust ${event.trustId} is not in the directory yet`);
  }
}
