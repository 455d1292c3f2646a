import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, invalidField, invalidInput, ServiceOutbox, todayInEngland } from '@trustwide/common';
import { StaffStore } from '../staff/staff.store';
import {
  DEFAULT_SKILLS_FRAMEWORK,
  FRAMEWORK_ROLES,
  SKILL_IDS,
  type FrameworkRole,
  type SkillId,
  type SkillsFramework,
} from './default-framework';
import { GroupGapsQuery, RecordAssessmentCommand, ReplaceFrameworkCommand } from './dto/skills.dto';
import { assessmentProblems, groupGaps, personGaps, type Confidences, type SkillGap } from './gaps';
import { SkillsAssessmentRow, SkillsFrameworkRow } from './skills.entity';

export interface FrameworkResponse {
  id: string | null;
  isDefault: boolean;
  version: number;
  name: string;
  source: string;
  skills: { id: string; name: string }[];
  importance: Record<string, Record<string, number>>;
}

export interface AssessmentResponse {
  id: string;
  staffId: string;
  role: string;
  aspiring: boolean;
  assessedOn: string;
  confidences: Record<string, number>;
}

export interface GapReport {
  role: string;
  /** People whose latest assessment is counted. */
  people: number;
  gaps: SkillGap[];
  significant: SkillGap[];
}

export const mapAssessment = (a: SkillsAssessmentRow): AssessmentResponse => ({
  id: a.id,
  staffId: a.staffId,
  role: a.role,
  aspiring: a.aspiring,
  assessedOn: a.assessedOn,
  confidences: a.confidences,
});

const mapFramework = (f: SkillsFrameworkRow | null): FrameworkResponse =>
  f
    ? { id: f.id, isDefault: false, version: f.version, name: f.name, source: f.source, skills: f.skills, importance: f.importance }
    : ({ id: null, isDefault: true, version: 0, ...structuredClone(DEFAULT_SKILLS_FRAMEWORK) } as unknown as FrameworkResponse);

const asFramework = (f: FrameworkResponse): SkillsFramework => f as unknown as SkillsFramework;

/** The trust's skills framework, self-assessments and the gaps the research report defines. */
@Injectable()
export class SkillsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly staff: StaffStore,
  ) {}

  async framework(trustId: string, manager: EntityManager = this.dataSource.manager): Promise<FrameworkResponse> {
    return mapFramework(await manager.findOneBy(SkillsFrameworkRow, { trustId }));
  }

  /** The trust's own framework row, created from the default the first time one is needed. */
  private async ensureFramework(m: EntityManager, trustId: string): Promise<SkillsFrameworkRow> {
    const d = DEFAULT_SKILLS_FRAMEWORK;
    await m.query(
      `INSERT INTO skills_frameworks (id, trust_id, name, source, skills, importance) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (trust_id) DO NOTHING`,
      [randomUUID(), trustId, d.name, d.source, JSON.stringify(d.skills), JSON.stringify(d.importance)],
    );
    return m.findOneOrFail(SkillsFrameworkRow, { where: { trustId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Replaces the importance weights (every skill for every role, 1–10). */
  async replaceFramework(trustId: string, command: ReplaceFrameworkCommand): Promise<FrameworkResponse> {
    const problems: { field: string; problems: string[] }[] = [];
    for (const role of FRAMEWORK_ROLES) {
      const weights = command.importance[role];
      if (typeof weights !== 'object' || weights === null) {
        problems.push({
          field: `importance.${role}`,
          problems: [`importance.${role} must give a weight for each of the ${SKILL_IDS.length} skills`],
        });
        continue;
      }
      for (const skill of SKILL_IDS) {
        const w = weights[skill];
        if (typeof w !== 'number' || !(w >= 1 && w <= 10))
          problems.push({ field: `importance.${role}.${skill}`, problems: ['importance must be a number from 1 to 10'] });
      }
      for (const extra of Object.keys(weights).filter((k) => !(SKILL_IDS as readonly string[]).includes(k))) {
        problems.push({ field: `importance.${role}.${extra}`, problems: [`"${extra}" is not a skill of the framework`] });
      }
    }
    for (const extra of Object.keys(command.importance).filter((k) => !(FRAMEWORK_ROLES as readonly string[]).includes(k))) {
      problems.push({
        field: `importance.${extra}`,
        problems: [`"${extra}" is not a role of the framework (${FRAMEWORK_ROLES.join(', ')})`],
      });
    }
    if (problems.length > 0) throw invalidInput(problems);
    return this.dataSource.transaction(async (m) => {
      const row = await this.ensureFramework(m, trustId);
      if (command.expectedVersion !== undefined && command.expectedVersion !== row.version) {
        throw conflict(
          'expectedVersion',
          `the framework changed since version ${command.expectedVersion} (it is now version ${row.version})`,
        );
      }
      row.importance = Object.fromEntries(
        FRAMEWORK_ROLES.map((r) => [r, Object.fromEntries(SKILL_IDS.map((s) => [s, command.importance[r][s]]))]),
      ) as Record<FrameworkRole, Record<SkillId, number>>;
      if (command.name) row.name = command.name;
      row.source = 'Edited by the trust from the default (Table 4)';
      await m.save(SkillsFrameworkRow, row);
      return mapFramework(row);
    });
  }

  async recordAssessment(trustId: string, staffId: string, command: RecordAssessmentCommand): Promise<AssessmentResponse> {
    const problems = assessmentProblems(command.confidences);
    if (problems.length > 0) throw invalidField('confidences', ...problems);
    return this.dataSource.transaction(async (m) => {
      await this.staff.lockEmployed(m, trustId, staffId);
      const framework = await this.ensureFramework(m, trustId);
      const row = m.create(SkillsAssessmentRow, {
        id: randomUUID(),
        trustId,
        staffId,
        frameworkId: framework.id,
        role: command.role,
        aspiring: command.aspiring,
        assessedOn: command.assessedOn,
        confidences: command.confidences,
      });
      await m.insert(SkillsAssessmentRow, row);
      await this.outbox.record(m, 'people.skills.assessment-recorded', {
        trustId,
        aggregateId: staffId,
        data: {
          assessmentId: row.id,
          staffId,
          frameworkId: framework.id,
          role: row.role,
          aspiring: row.aspiring,
          assessedOn: row.assessedOn,
        },
      });
      return mapAssessment(row);
    });
  }

  async assessments(trustId: string, staffId: string): Promise<AssessmentResponse[]> {
    await this.staff.find(this.dataSource.manager, trustId, staffId);
    const rows = await this.dataSource.manager.find(SkillsAssessmentRow, {
      where: { trustId, staffId },
      order: { assessedOn: 'DESC', createdAt: 'DESC' },
    });
    return rows.map(mapAssessment);
  }

  /** A person's gaps for a role, from their latest assessment for it. */
  async personGaps(trustId: string, staffId: string, role: FrameworkRole): Promise<GapReport> {
    await this.staff.find(this.dataSource.manager, trustId, staffId);
    const latest = await this.dataSource.manager.findOne(SkillsAssessmentRow, {
      where: { trustId, staffId, role },
      order: { assessedOn: 'DESC', createdAt: 'DESC' },
    });
    const gaps = latest ? personGaps(asFramework(await this.framework(trustId)), role, latest.confidences) : [];
    return { role, people: latest ? 1 : 0, gaps, significant: gaps.filter((g) => g.significant).sort((a, b) => a.gap - b.gap) };
  }

  /** A group's mean gaps: the latest assessment for `role` of each person matching the filters. */
  async groupGaps(trustId: string, query: GroupGapsQuery): Promise<GapReport> {
    const params: unknown[] = [trustId, query.role];
    const where: string[] = [];
    if (query.aspiring !== undefined) where.push(`a.aspiring = $${params.push(query.aspiring)}`);
    if (query.schoolId) where.push(`s.school_id = $${params.push(query.schoolId)}`);
    if (query.staffRole) {
      // Today is a parameter only when used: an unused one has no type PostgreSQL can infer (42P18).
      const role = params.push(query.staffRole);
      const today = params.push(todayInEngland());
      where.push(
        `EXISTS (SELECT 1 FROM role_spells r WHERE r.staff_id = s.id AND r.role = $${role} AND r.started_on <= $${today}::date AND (r.ended_on IS NULL OR r.ended_on >= $${today}::date))`,
      );
    }
    const rows: { confidences: Confidences }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (a.staff_id) a.confidences FROM skills_assessments a JOIN staff s ON s.id = a.staff_id
       WHERE a.trust_id = $1 AND a.role = $2 AND s.status = 'employed' ${where.map((w) => `AND ${w}`).join(' ')}
       ORDER BY a.staff_id, a.assessed_on DESC, a.created_at DESC`,
      params,
    );
    const gaps = groupGaps(
      asFramework(await this.framework(trustId)),
      query.role,
      rows.map((r) => r.confidences),
    ).filter((g) => g.respondents >= (query.minRespondents ?? 1));
    return { role: query.role, people: rows.length, gaps, significant: gaps.filter((g) => g.significant).sort((a, b) => a.gap - b.gap) };
  }
}
