import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConsumerContext, OnConsumerReset, OnEvent } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { latestInspectionOf } from './inspection-facts';

/** The consumer keeping `school_inspections` (group `people.school-inspections`). */
export const SCHOOL_INSPECTIONS_CONSUMER = 'school-inspections';
const consumer = SCHOOL_INSPECTIONS_CONSUMER;

/** Keeps each school's inspections, read per framework, for the designation rules ("the school's latest inspection"). */
@Controller()
export class SchoolInspectionsHandlers {
  @OnEvent('schools.inspection.recorded', { consumer })
  async onRecorded(@Payload() event: TrustwideEvent<'schools.inspection.recorded'>, @Ctx() ctx: ConsumerContext): Promise<void> {
    const { data } = event;
    // A correction replaces its row; an older announcement delivered after a newer one changes nothing.
    await ctx.manager.query(
      `INSERT INTO school_inspections (inspection_id, trust_id, school_id, start_date, inspection, as_of) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (inspection_id) DO UPDATE SET start_date = EXCLUDED.start_date, inspection = EXCLUDED.inspection, as_of = EXCLUDED.as_of
       WHERE school_inspections.as_of <= EXCLUDED.as_of`,
      [data.inspectionId, event.trustId, data.schoolId, data.startDate, JSON.stringify(latestInspectionOf(data)), event.occurredAt],
    );
  }

  @OnConsumerReset(consumer)
  async onReset(@Ctx() ctx: ConsumerContext): Promise<void> {
    await ctx.manager.query(`DELETE FROM school_inspections`);
  }
}
