import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { conflict, ServiceOutbox } from '@trustwide/common';
import { DeploymentRow, LeaderCapacity } from '../capacity/capacity.entity';
import { mapCapacity } from '../capacity/dto/capacity.dto';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from '../designations/designation.entity';
import { mapDesignation } from '../designations/dto/designation.response';
import { mapQualification, QualificationRow } from '../qualifications/qualification.entity';
import { mapAssessment } from '../skills/skills.service';
import { SkillsAssessmentRow } from '../skills/skills.entity';
import { mapStaff } from '../staff/dto/staff.response';
import { Staff } from '../staff/staff.entity';
import { StaffStore } from '../staff/staff.store';

/** What replaces free text that may be personal. */
export const ERASED = '[erased]';

/**
 * Erasure on request. Decided here:
 * - Only a former member of staff (status `left`) is erased: a current employee's record is kept
 *   under their contract (409 until their leaving is recorded).
 * - The staff row stays with its id, school and dates (designation and capacity history refer to
 *   it), but name and work email are cleared; its status becomes `erased`.
 * - Self-assessments and qualifications are deleted, not kept anonymised: in a school of a few leaders the scores alone
 *   would identify the person. Group gap reports no longer count them.
 * - Free text about them (decision reasons, outcomes, support record) is replaced or cleared.
 * - The outbox copy of `people.staff.joined` (the only event with their name) is scrubbed too.
 * - `people.staff.erased` tells every projection to forget the name.
 */
@Injectable()
export class EraseStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: StaffStore,
  ) {}

  execute(trustId: string, staffId: string): Promise<Staff> {
    return this.dataSource.transaction(async (m) => {
      const staff = await this.store.find(m, trustId, staffId, true);
      if (staff.status === 'erased') throw conflict('status', 'this person has already been erased');
      if (staff.status !== 'left')
        throw conflict('status', "a current member of staff's record is kept while they are employed: record their leaving first");
      Object.assign(staff, { firstName: null, lastName: null, workEmail: null, status: 'erased', erasedAt: new Date() });
      await m.save(Staff, staff);
      const designationIds = (await m.find(DesignationRow, { where: { staffId }, select: { id: true } })).map((d) => d.id);
      if (designationIds.length > 0) {
        await m.update(DesignationRow, { id: In(designationIds) }, { outcomes: null, supportRecord: null });
        await m.update(DesignationTransitionRow, { designationId: In(designationIds) }, { reason: ERASED });
      }
      await m.delete(SkillsAssessmentRow, { staffId });
      await m.delete(QualificationRow, { staffId });
      await m.query(
        `UPDATE outbox_events SET payload = jsonb_set(payload, '{data,displayName}', to_jsonb($2::text))
         WHERE event_type = 'people.staff.joined' AND payload->'data'->>'staffId' = $1`,
        [staffId, ERASED],
      );
      await this.outbox.record(m, 'people.staff.erased', { trustId, aggregateId: staffId, data: { staffId } });
      return staff;
    });
  }
}

/** Subject access: everything this service holds about one person, as JSON. */
@Injectable()
export class ExportStaffData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: StaffStore,
  ) {}

  async execute(trustId: string, staffId: string) {
    const m = this.dataSource.manager;
    const staff = await this.store.find(m, trustId, staffId);
    const designations = await m.find(DesignationRow, { where: { trustId, staffId }, order: { createdAt: 'ASC' } });
    const ids = designations.map((d) => d.id);
    const [roles, transitions, commitments, capacity, deployments, assessments, qualifications] = await Promise.all([
      this.store.roles(m, staffId),
      ids.length ? m.find(DesignationTransitionRow, { where: { designationId: In(ids) }, order: { seq: 'ASC' } }) : [],
      ids.length ? m.find(ReleaseCommitmentRow, { where: { designationId: In(ids) }, order: { createdAt: 'ASC' } }) : [],
      m.find(LeaderCapacity, { where: { trustId, staffId }, order: { academicYear: 'ASC' } }),
      m.find(DeploymentRow, { where: { trustId, staffId }, order: { academicYear: 'ASC' } }),
      m.find(SkillsAssessmentRow, { where: { trustId, staffId }, order: { assessedOn: 'ASC' } }),
      m.find(QualificationRow, { where: { trustId, staffId }, order: { awardedOn: 'ASC' } }),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      service: 'people',
      person: { ...mapStaff(staff, roles), erasedAt: staff.erasedAt?.toISOString() ?? null },
      designations: designations.map((d) => ({
        ...mapDesignation(
          d,
          transitions.filter((t) => t.designationId === d.id),
          commitments.filter((c) => c.designationId === d.id),
        ),
        outcomes: d.outcomes,
        supportRecord: d.supportRecord,
      })),
      capacity: capacity.map(mapCapacity),
      deployments: deployments.map((d) => ({
        deploymentId: d.deploymentId,
        academicYear: d.academicYear,
        days: d.days,
        cancelled: d.cancelled,
      })),
      skillsAssessments: assessments.map(mapAssessment),
      qualifications: qualifications.map(mapQualification),
    };
  }
}
