import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { todayInEngland } from '@trustwide/common';
import { notFound, unprocessable } from '../http/errors';
import { staffRecord, toProgramme } from '../http/rows';
import { ProgrammeRow } from '../programmes/programme.entity';
import { isSkillId, type FrameworkRole, type SkillId } from '../shared/skills';
import { gapsFromConfidences, recommend, type Audience, type Recommendations, type ReportedGap } from './recommend';

export interface RecommendationRequest {
  /** One person (their role history decides prerequisites) … */
  staffId?: string;
  /** … or a group. */
  staffIds?: string[];
  /** The skills-gap report (the people service's `GET /skills/gaps`): gap per skill … */
  gaps?: ReportedGap[];
  /** … or confidences 1–10 for a role, from which the gaps are computed against Table 4. */
  role?: FrameworkRole;
  confidences?: Partial<Record<SkillId, number>>;
}

/**
 * Recommendations read the gaps from the request: the people service's events carry no assessment
 * scores (they are personal and stay there), so CPD cannot know a person's gaps by itself.
 */
@Injectable()
export class RecommendationsService {
  constructor(private readonly dataSource: DataSource) {}

  async recommend(trustId: string, r: RecommendationRequest): Promise<Recommendations & { audience: { kind: string; size: number } }> {
    if ((r.staffId === undefined) === (r.staffIds === undefined))
      throw unprocessable('staffId', 'Name one person (staffId) or a group (staffIds), not both or neither.');
    if ((r.gaps === undefined) === (r.confidences === undefined))
      throw unprocessable('gaps', 'Give the skills-gap report (gaps) or the confidences and role to compute it from, not both or neither.');
    if (r.confidences !== undefined && r.role === undefined)
      throw unprocessable(
        'role',
        'Confidences are rated for a role: give the role (professional-partner, sip, lle, nle or executive-headteacher).',
      );
    const bad = Object.entries(r.confidences ?? {}).flatMap(([skill, v]) => [
      ...(isSkillId(skill) ? [] : [`"${skill}" is not a skill of the framework`]),
      ...(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10
        ? []
        : [`confidence in ${skill} must be a whole number from 1 to 10`]),
    ]);
    if (bad.length > 0) throw unprocessable('confidences', ...bad);
    const m = this.dataSource.manager;
    const ids = r.staffId !== undefined ? [r.staffId] : [...new Set(r.staffIds)];
    const records = [];
    for (const id of ids) {
      const record = await staffRecord(m, trustId, id);
      if (!record)
        throw notFound(
          r.staffId !== undefined ? 'staffId' : 'staffIds',
          `no member of staff ${id} is known to the CPD service in this trust`,
        );
      records.push(record);
    }
    const audience: Audience =
      r.staffId !== undefined ? { kind: 'person', roles: records[0].roles } : { kind: 'group', members: records.map((x) => x.roles) };
    const gaps = r.gaps ?? gapsFromConfidences(r.role!, r.confidences!);
    const programmes = (await m.findBy(ProgrammeRow, { trustId })).map(toProgramme);
    return { ...recommend(gaps, programmes, audience, todayInEngland()), audience: { kind: audience.kind, size: records.length } };
  }
}
