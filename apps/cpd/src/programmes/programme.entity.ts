import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FundingSource, Prerequisite, ProgrammeKind } from './programme';
import type { ProgrammeStatus } from './lifecycle';
import type { SkillId } from '../shared/skills';

/** A programme of one trust's catalogue; its code is unique within the trust. */
@Entity({ name: 'programmes' })
export class ProgrammeRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('text') code: string;
  @Column('text') kind: ProgrammeKind;
  @Column('text') name: string;
  @Column('text') provider: string;
  @Column({ name: 'funding_source', type: 'text' }) fundingSource: FundingSource;
  @Column({ name: 'cost_per_place_pence', type: 'integer' }) costPerPlace: number;
  @Column('jsonb') skills: SkillId[];
  @Column('jsonb') prerequisites: Prerequisite[];
  @Column({ name: 'length_months', type: 'integer' }) lengthMonths: number;
  @Column({ name: 'contact_days', type: 'integer', nullable: true }) contactDays: number | null;
  @Column('boolean') assessed: boolean;
  @Column({ name: 'awards_qualification', type: 'boolean' }) awardsQualification: boolean;
  @Column('text') status: ProgrammeStatus;
  @Column('integer') version: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}
