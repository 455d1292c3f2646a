import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A qualification a member of staff was awarded (an NPQ passed), as the cpd service announced it. */
@Entity({ name: 'staff_qualifications' })
export class QualificationRow {
  /** One award per enrolment: a redelivered or repeated announcement changes nothing. */
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' }) enrolmentId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ name: 'programme_id', type: 'uuid' }) programmeId: string;
  @Column({ name: 'programme_code', type: 'text' }) programmeCode: string;
  @Column({ type: 'text' }) qualification: string;
  @Column({ name: 'awarded_on', type: 'date' }) awardedOn: string;
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

export interface QualificationResponse {
  qualification: string;
  programmeCode: string;
  awardedOn: string;
  enrolmentId: string;
}

export const mapQualification = (q: QualificationRow): QualificationResponse => ({
  qualification: q.qualification,
  programmeCode: q.programmeCode,
  awardedOn: q.awardedOn,
  enrolmentId: q.enrolmentId,
});
