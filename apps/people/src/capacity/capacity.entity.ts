import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CapacityStatus } from './capacity';

/** A designated leader's released vs committed days in one academic year (the row the CEO sees). */
@Entity({ name: 'leader_capacity' })
export class LeaderCapacity {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' }) staffId: string;
  /** `2025/26`. */
  @PrimaryColumn({ name: 'academic_year', type: 'text' }) academicYear: string;
  @Column({ name: 'available_days', type: 'integer' }) availableDays: number;
  @Column({ name: 'committed_days', type: 'integer' }) committedDays: number;
  @Column({ type: 'text' }) status: CapacityStatus;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A deployment's days in one academic year, as the improvement service last announced it (a later announcement replaces them). */
@Entity({ name: 'deployments' })
export class DeploymentRow {
  @PrimaryColumn({ name: 'deployment_id', type: 'uuid' }) deploymentId: string;
  @PrimaryColumn({ name: 'academic_year', type: 'text' }) academicYear: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ type: 'integer' }) days: number;
  @Column({ type: 'boolean' }) cancelled: boolean;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
