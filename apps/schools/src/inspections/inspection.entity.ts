import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { InspectionFramework } from '@trustwide/common';

export interface Judgement {
  area: string;
  grade: string;
}

/** An Ofsted inspection, always tagged with the framework its grades belong to. */
@Entity({ name: 'inspections' })
export class Inspection {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @Column('int') urn: number;
  @Column('text') framework: InspectionFramework;
  @Column({ name: 'inspection_number', type: 'text', nullable: true }) inspectionNumber: string | null;
  @Column({ name: 'inspection_type', type: 'text', nullable: true }) inspectionType: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'publication_date', type: 'date', nullable: true }) publicationDate: string | null;
  @Column({ name: 'overall_effectiveness', type: 'smallint', nullable: true }) overallEffectiveness: number | null;
  @Column({ name: 'category_of_concern', type: 'text', nullable: true }) categoryOfConcern: string | null;
  @Column({ type: 'text', nullable: true }) safeguarding: string | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) judgements: Judgement[];
  /** `api` or the import that brought it. */
  @Column('text') source: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
}

/** The facts of an inspection, as stored, announced and read from Ofsted's files alike. */
export type InspectionFacts = Pick<
  Inspection,
  | 'framework'
  | 'inspectionNumber'
  | 'inspectionType'
  | 'startDate'
  | 'publicationDate'
  | 'overallEffectiveness'
  | 'categoryOfConcern'
  | 'safeguarding'
  | 'judgements'
>;

export function inspectionFacts(i: { [K in keyof InspectionFacts]: InspectionFacts[K] | Readonly<InspectionFacts[K]> }): InspectionFacts {
  return {
    framework: i.framework,
    inspectionNumber: i.inspectionNumber,
    inspectionType: i.inspectionType,
    startDate: i.startDate,
    publicationDate: i.publicationDate,
    overallEffectiveness: i.overallEffectiveness,
    categoryOfConcern: i.categoryOfConcern,
    safeguarding: i.safeguarding,
    judgements: i.judgements.map((j) => ({ area: j.area, grade: j.grade })),
  };
}
