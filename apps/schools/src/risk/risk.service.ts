import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { invalidField, ServiceOutbox, writeToTrust } from '@trustwide/common';
import type { MeasureName } from '@trustwide/common';
import { School } from '../schools/school.entity';
import { schoolLineage } from '../schools/lineage';
import { TrustsService } from '../trusts/trusts.service';
import { deriveRisk } from './derive-risk';
import type { MeasureObservation, RiskInspection } from './derive-risk';
import { DEFAULT_RISK_RULES, parseRiskRules } from './risk-rules';
import type { RiskRules } from './risk-rules';
import type { ReplaceRiskRulesResponseDto, RiskRulesResponseDto } from './dto/risk-rules.response';
import { TrustRiskRules } from './trust-risk-rules.entity';

/** What `RiskService.evidence` reads for one school. */
interface Evidence {
  rules: RiskRules | null;
  latest: RiskInspection | null;
  measures: { urn: number; period: string; name: MeasureName; value: number }[];
  hasSuccessors: boolean;
}

/** Keeps each school's risk status derived from its inspections, measures and the trust's rules. */
@Injectable()
export class RiskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly trusts: TrustsService,
  ) {}

  async rules(trustId: string, manager: EntityManager = this.dataSource.manager): Promise<RiskRulesResponseDto> {
    const own = await manager.findOneBy(TrustRiskRules, { trustId });
    return own ? { rules: own.rules, isDefault: false } : { rules: DEFAULT_RISK_RULES, isDefault: true };
  }

  /**
   * Re-derives a locked school's risk in the caller's transaction; announces it when the level or the
   * reasons changed. The school's predecessors count: a converter's history follows it.
   */
  async rederive(m: EntityManager, school: School, rules?: RiskRules): Promise<boolean> {
    const first = await this.rederiveOne(m, school, rules);
    if (!first.hasSuccessors) return first.changed;
    // Successors count this school's history as theirs: they are re-derived with it.
    const seen = new Set([school.id]);
    let generation = [school];
    while (generation.length > 0 && seen.size < 50) {
      const next = await m.find(School, {
        where: { trustId: school.trustId, predecessorUrn: In(generation.map((s) => s.urn)) },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      generation = next.filter((s) => !seen.has(s.id));
      for (const successor of generation) {
        seen.add(successor.id);
        await this.rederiveOne(m, successor, first.rules);
      }
    }
    return first.changed;
  }

  /**
   * What a school's risk is derived from, in one statement: the trust's own rules (null: the defaults), the
   * latest inspection and every measure of the school and its predecessors (`urns`), and whether a school
   * succeeded it. Which school succeeded which changes only in writes to the whole trust.
   */
  private async evidence(m: EntityManager, school: School, urns: number[]): Promise<Evidence> {
    const [row] = await m.query<Evidence[]>(
      `SELECT (SELECT r.rules FROM risk_rules r WHERE r.trust_id = $1) AS rules,
              (SELECT json_build_object('framework', i.framework, 'startDate', to_char(i.start_date, 'YYYY-MM-DD'),
                        'overallEffectiveness', i.overall_effectiveness, 'categoryOfConcern', i.category_of_concern,
                        'safeguarding', i.safeguarding, 'judgements', i.judgements)
                 FROM inspections i WHERE i.trust_id = $1 AND i.urn = ANY($2::int[])
                ORDER BY i.start_date DESC, i.recorded_at DESC LIMIT 1) AS latest,
              (SELECT coalesce(json_agg(json_build_object('urn', s.urn, 'period', x.period, 'name', x.name, 'value', x.value)), '[]')
                 FROM measures x JOIN schools s ON s.id = x.school_id WHERE x.trust_id = $1 AND s.urn = ANY($2::int[])) AS measures,
              EXISTS (SELECT 1 FROM schools s WHERE s.trust_id = $1 AND s.predecessor_urn = $3) AS "hasSuccessors"`,
      [school.trustId, urns, school.urn],
    );
    return row;
  }

  private async rederiveOne(
    m: EntityManager,
    school: School,
    given: RiskRules | undefined,
  ): Promise<{ changed: boolean; rules: RiskRules; hasSuccessors: boolean }> {
    const urns = await schoolLineage(m, school);
    const { rules: own, latest, measures: rows, hasSuccessors } = await this.evidence(m, school, urns);
    const trustRules = given ?? own ?? DEFAULT_RISK_RULES;
    const unchanged = { changed: false, rules: trustRules, hasSuccessors };
    // Where a school and its predecessor both have a value for a period, the school's own wins.
    const measures = new Map<string, MeasureObservation>();
    for (const row of rows.sort((a, b) => urns.indexOf(b.urn) - urns.indexOf(a.urn))) {
      measures.set(`${row.period}|${row.name}`, { period: row.period, name: row.name, value: row.value });
    }
    if (!latest && measures.size === 0) return unchanged; // nothing to judge by: stays unassessed
    const assessment = deriveRisk({ latestInspection: latest, measures: [...measures.values()] }, trustRules);
    const same = school.riskLevel === assessment.level && JSON.stringify(school.riskReasons) === JSON.stringify(assessment.reasons);
    if (same) return unchanged;
    const from = school.riskLevel;
    school.riskLevel = assessment.level;
    school.riskReasons = assessment.reasons;
    school.riskEvaluatedAt = new Date();
    await m.update(
      School,
      { id: school.id },
      { riskLevel: school.riskLevel, riskReasons: school.riskReasons, riskEvaluatedAt: school.riskEvaluatedAt },
    );
    await this.outbox.record(m, 'schools.risk-status.changed', {
      trustId: school.trustId,
      aggregateId: school.id,
      data: {
        schoolId: school.id,
        urn: school.urn,
        from,
        to: assessment.level,
        reasons: assessment.reasons,
        rulesVersion: trustRules.version,
      },
    });
    return { ...unchanged, changed: true };
  }

  /**
   * Replaces the trust's rules (their version is the stored one plus one, whatever was sent) and
   * re-derives every school that has something to judge by, all in one transaction: concurrent changes
   * queue on the trust, and no school is left derived from rules that are not the stored ones.
   */
  async replaceRules(trustId: string, json: unknown): Promise<ReplaceRiskRulesResponseDto> {
    const parsed = parseRiskRules({ ...(json as object), version: 1 });
    if (!parsed.ok) throw invalidField('rules', ...parsed.problems);
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await this.trusts.get(trustId, m);
      const current = await this.rules(trustId, m);
      const rules: RiskRules = { ...parsed.rules, version: current.rules.version + 1 };
      await m.getRepository(TrustRiskRules).upsert({ trustId, rules, updatedAt: new Date() }, ['trustId']);
      const schools = await m.query<{ id: string }[]>(
        `SELECT s.id FROM schools s WHERE s.trust_id = $1 AND (s.risk_level IS NOT NULL
           OR EXISTS (SELECT 1 FROM inspections i WHERE i.school_id = s.id) OR EXISTS (SELECT 1 FROM measures x WHERE x.school_id = s.id))
         ORDER BY s.id FOR UPDATE`,
        [trustId],
      );
      let changed = 0;
      for (let i = 0; i < schools.length; i += 500) {
        const batch = await m.find(School, { where: { id: In(schools.slice(i, i + 500).map((r) => r.id)) }, order: { id: 'ASC' } });
        for (const school of batch) if (await this.rederive(m, school, rules)) changed++;
      }
      await this.outbox.record(m, 'schools.risk-rules.changed', {
        trustId,
        aggregateId: trustId,
        data: { trustId, version: rules.version, rules: rules as unknown as Record<string, unknown>, reassessed: schools.length, changed },
      });
      return { rules, reassessed: schools.length, changed };
    });
  }
}
