import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One school as the schools service announced it, in the including service's own database: who it is,
 * which trust's register it is on and its membership, its leadership model, where it is and its risk.
 * Written only by the directory's handlers (from the log); rebuilt from the log by a reset.
 */
@Entity({ name: 'school_directory' })
export class SchoolDirectoryEntry {
  @PrimaryColumn({ name: 'trust_id', type: 'uuid' })
  trustId: string;

  @PrimaryColumn({ name: 'school_id', type: 'uuid' })
  schoolId: string;

  @Column({ type: 'int' })
  urn: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  phase: string;

  /** member | former-member | not-member */
  @Column({ type: 'text' })
  membership: string;

  @Column({ name: 'joined_trust_on', type: 'date', nullable: true })
  joinedTrustOn: string | null;

  @Column({ name: 'left_trust_on', type: 'date', nullable: true })
  leftTrustOn: string | null;

  /** A | B | C */
  @Column({ name: 'leadership_model', type: 'text', nullable: true })
  leadershipModel: string | null;

  @Column({ name: 'local_authority_code', type: 'text', nullable: true })
  localAuthorityCode: string | null;

  @Column({ name: 'local_authority', type: 'text', nullable: true })
  localAuthority: string | null;

  @Column({ type: 'int', nullable: true })
  easting: number | null;

  @Column({ type: 'int', nullable: true })
  northing: number | null;

  /** green | amber | red; null until the school has been assessed. */
  @Column({ name: 'risk_level', type: 'text', nullable: true })
  riskLevel: string | null;

  @Column({ name: 'risk_reasons', type: 'jsonb', default: () => `'[]'::jsonb` })
  riskReasons: string[];

  /** When the last event applied to the row happened (the event's occurredAt). */
  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf: Date;
}
