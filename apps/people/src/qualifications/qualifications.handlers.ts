import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConsumerContext, OnEvent, PermanentEventError } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { Staff } from '../staff/staff.entity';

/** The consumer of the cpd service's awards (group `people.qualifications`). */
export const QUALIFICATIONS_CONSUMER = 'qualifications';

/** Records a qualification the cpd service awarded on the person it was awarded to. */
@Controller()
export class QualificationsHandlers {
  @OnEvent('cpd.qualification.awarded', { consumer: QUALIFICATIONS_CONSUMER })
  async onAwarded(@Payload() event: TrustwideEvent<'cpd.qualification.awarded'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    const { staffId, enrolmentId, programmeId, programmeCode, qualification, awardedOn } = event.data;
    const staff = await ctx.manager.findOneBy(Staff, { trustId: event.trustId, id: staffId });
    if (!staff)
      throw new PermanentEventError(
        'rejected',
        `qualification of enrolment ${enrolmentId}: no member of staff ${staffId} in trust ${event.trustId}`,
      );
    // An erased person's record keeps nothing new about them.
    if (staff.status === 'erased') return;
    await ctx.manager.query(
      `INSERT INTO staff_qualifications (enrolment_id, trust_id, staff_id, programme_id, programme_code, qualification, awarded_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (enrolment_id) DO NOTHING`,
      [enrolmentId, event.trustId, staffId, programmeId, programmeCode, qualification, awardedOn],
    );
  }
}
