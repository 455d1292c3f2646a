import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LatestInspection } from '../designations/inspection-standing';

/**
 * The inspections of the schools this service knows, from `schools.inspection.recorded` (the shared
 * school directory keeps no inspections). One row per inspection: a corrected one, announced again
 * under its id, replaces its row; the latest is the one with the latest start date.
 */
@Entity({ name: 'school_inspections' })
export class SchoolInspectionRow {
  @PrimaryColumn({ name: 'inspection_id', type: 'uuid' }) inspectionId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  /** As the designation rules read it (see latestInspectionOf). */
  @Column({ type: 'jsonb' }) inspection: LatestInspection;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf: Date;
}
