import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const STAFF_STATUSES = ['employed', 'left', 'erased'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/**
 * A member of a trust's staff. Only what the product uses is kept: a name to show, a work email to
 * reach them, the employing school. Erasure blanks the personal fields and keeps the row (its id is
 * what designations, capacity and other services' projections refer to).
 */
@Entity({ name: 'staff' })
export class Staff {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  /** null once erased. */
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName: string | null;
  @Column({ name: 'last_name', type: 'text', nullable: true }) lastName: string | null;
  /** Lower-cased; unique within the trust. */
  @Column({ name: 'work_email', type: 'text', nullable: true }) workEmail: string | null;
  /** The employing school (a school of the trust); null for trust-central staff such as the CEO. */
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ type: 'text' }) status: StaffStatus;
  @Column({ name: 'joined_on', type: 'date' }) joinedOn: string;
  @Column({ name: 'left_on', type: 'date', nullable: true }) leftOn: string | null;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The name events and read models show: first and last name, nothing else. */
export const displayName = (s: Pick<Staff, 'firstName' | 'lastName'>): string => `${s.firstName ?? ''} ${s.lastName ?? ''}`.trim();
