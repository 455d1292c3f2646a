import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The people projection: what this service knows of staff, learnt only from the people service's
 * events. `leaders` is one row per member of staff (their employing school); its row is what a
 * deployment locks, so a leader's capacity is decided by one writer at a time.
 */
@Entity({ name: 'leaders' })
export class LeaderRow {
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'boolean' }) employed: boolean;
}

@Entity({ name: 'leader_designations' })
export class LeaderDesignationRow {
  @PrimaryColumn({ name: 'designation_id', type: 'uuid' }) designationId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'term_starts_on', type: 'date', nullable: true }) termStartsOn: string | null;
  @Column({ name: 'term_ends_on', type: 'date', nullable: true }) termEndsOn: string | null;
  @Column({ name: 'release_days_per_year', type: 'integer', nullable: true }) releaseDaysPerYear: number | null;
}

@Entity({ name: 'leader_roles' })
export class LeaderRoleRow {
  @PrimaryColumn({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ type: 'text' }) role: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
}

/** The people service's figures per leader and academic year (people.capacity.changed). */
@Entity({ name: 'leader_capacity' })
export class LeaderCapacityRow {
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @PrimaryColumn({ name: 'academic_year', type: 'text' }) academicYear: string;
  @Column({ name: 'available_days', type: 'integer' }) availableDays: number;
  @Column({ name: 'committed_days', type: 'integer' }) committedDays: number;
  @Column({ type: 'text' }) status: string;
}
