import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { FrameworkRole, SkillDefinition, SkillId } from './default-framework';

/** A trust's own skills framework (a copy of the default, possibly edited). One per trust. */
@Entity({ name: 'skills_frameworks' })
export class SkillsFrameworkRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid', unique: true }) trustId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'jsonb' }) skills: SkillDefinition[];
  @Column({ type: 'jsonb' }) importance: Record<FrameworkRole, Record<SkillId, number>>;
  @VersionColumn() version: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A self-assessment of confidence (1–10) per skill, for a role held or aspired to. */
@Entity({ name: 'skills_assessments' })
export class SkillsAssessmentRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ name: 'framework_id', type: 'uuid' }) frameworkId: string;
  @Column({ type: 'text' }) role: FrameworkRole;
  @Column({ type: 'boolean' }) aspiring: boolean;
  @Column({ name: 'assessed_on', type: 'date' }) assessedOn: string;
  @Column({ type: 'jsonb' }) confidences: Partial<Record<SkillId, number>>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
