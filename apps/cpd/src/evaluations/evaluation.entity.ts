import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MeasureName } from '@trustwide/contracts';
import type { FeedbackQuestion } from './feedback';
import type { Impact } from './impact';

/** One participant's feedback on their cohort (ratings only; no free text is kept). */
@Entity({ name: 'feedback' })
export class FeedbackRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'cohort_id', type: 'uuid' }) cohortId: string;
  @Column('jsonb') ratings: Record<FeedbackQuestion, number>;
  @Column({ name: 'would_recommend', type: 'boolean' }) wouldRecommend: boolean;
  @Column({ name: 'given_at', type: 'timestamptz', default: () => 'now()' }) givenAt: Date;
}

/** A measured impact of a programme, as recorded (the schools' values it used are in `result`). */
@Entity({ name: 'evaluations' })
export class EvaluationRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @Column({ name: 'cohort_id', type: 'uuid', nullable: true }) cohortId: string | null;
  @Column('text') measure: MeasureName;
  @Column({ name: 'before_period', type: 'text' }) beforePeriod: string;
  @Column({ name: 'after_period', type: 'text' }) afterPeriod: string;
  @Column('jsonb') result: Impact;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
}

/** The schools service's measures, projected from its events: what impact is measured from. */
@Entity({ name: 'school_measures' })
export class SchoolMeasureRow {
  @PrimaryColumn({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @PrimaryColumn('text') period: string;
  @PrimaryColumn('text') name: MeasureName;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('double precision') value: number;
}
