import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LatestInspection } from '../designations/inspection-standing';

/**
 * What this service knows of a trust's schools: a local copy kept by the school directory (for now
 * filled through `KnownSchools.record`, later by the consumer of the schools service's events), so
 * nothing here calls another service.
 */
@Entity({ name: 'known_schools' })
export class KnownSchool {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column({ type: 'integer', nullable: true }) urn: number | null;
  /** false once the school has left the trust: staff can no longer be assigned to it. */
  @Column({ type: 'boolean' }) member: boolean;
  /** The school's latest inspection as the designation rules read it (from schools.inspection.recorded). */
  @Column({ name: 'latest_inspection', type: 'jsonb', nullable: true }) latestInspection: LatestInspection | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
