import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { JoinRoute, LeadershipModel, Membership, RiskLevel, SchoolPhase } from '@trustwide/common';

/** A school in a trust's register (a member, a former member, or a school it watches). */
@Entity({ name: 'schools' })
export class School {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('int') urn: number;
  @Column('text') name: string;
  @Column('text') phase: SchoolPhase;
  @Column({ name: 'establishment_type', type: 'text', nullable: true }) establishmentType: string | null;
  @Column({ type: 'text', nullable: true }) status: string | null;
  @Column({ name: 'local_authority_code', type: 'text', nullable: true }) localAuthorityCode: string | null;
  @Column({ name: 'local_authority', type: 'text', nullable: true }) localAuthority: string | null;
  @Column({ type: 'text', nullable: true }) street: string | null;
  @Column({ type: 'text', nullable: true }) town: string | null;
  @Column({ type: 'text', nullable: true }) postcode: string | null;
  @Column({ type: 'int', nullable: true }) easting: number | null;
  @Column({ type: 'int', nullable: true }) northing: number | null;
  @Column({ name: 'pupils_on_roll', type: 'int', nullable: true }) pupilsOnRoll: number | null;
  @Column({ type: 'int', nullable: true }) capacity: number | null;
  @Column({ name: 'low_age', type: 'int', nullable: true }) lowAge: number | null;
  @Column({ name: 'high_age', type: 'int', nullable: true }) highAge: number | null;
  @Column('text') membership: Membership;
  @Column({ name: 'joined_trust_on', type: 'date', nullable: true }) joinedTrustOn: string | null;
  @Column({ name: 'left_trust_on', type: 'date', nullable: true }) leftTrustOn: string | null;
  @Column({ name: 'join_route', type: 'text', nullable: true }) joinRoute: JoinRoute | null;
  @Column({ name: 'leadership_model', type: 'text', nullable: true }) leadershipModel: LeadershipModel | null;
  @Column({ name: 'predecessor_urn', type: 'int', nullable: true }) predecessorUrn: number | null;
  @Column({ name: 'opened_on', type: 'date', nullable: true }) openedOn: string | null;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn: string | null;
  /** The trust GIAS last said the school belongs to (drives membership on import). */
  @Column({ name: 'gias_group_uid', type: 'text', nullable: true }) giasGroupUid: string | null;
  @Column({ name: 'risk_level', type: 'text', nullable: true }) riskLevel: RiskLevel | null;
  @Column({ name: 'risk_reasons', type: 'jsonb', default: () => `'[]'` }) riskReasons: string[];
  @Column({ name: 'risk_evaluated_at', type: 'timestamptz', nullable: true }) riskEvaluatedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
