import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MeasureName } from '@trustwide/common';

/** One measure of one school for one period; the history is every period's row. */
@Entity({ name: 'measures' })
export class Measure {
  @PrimaryColumn({ name: 'school_id', type: 'uuid' }) schoolId: string;
  @PrimaryColumn('text') period: string;
  @PrimaryColumn('text') name: MeasureName;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column('double precision') value: number;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
}
