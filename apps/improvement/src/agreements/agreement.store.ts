import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { SupportAgreement } from './agreement';
import { AgreementRow, AgreementSchoolRow, DeploymentRow, ImpactCriterionRow } from './agreement.entity';
import { notFound } from '@trustwide/common';

export interface LoadedAgreement {
  row: AgreementRow;
  agreement: SupportAgreement;
  deployments: DeploymentRow[];
}

/** Reads agreements as the pure rules want them (SupportAgreement), from their row and child rows. */
@Injectable()
export class AgreementStore {
  /** Locks the agreement's row (its writers go one after another) and reads it whole; 404 if not the trust's. */
  async lock(m: EntityManager, trustId: string, id: string): Promise<LoadedAgreement> {
    const row = await m.findOne(AgreementRow, { where: { trustId, id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('agreementId', `no agreement ${id} in this trust`);
    return (await this.assemble(m, [row]))[0];
  }

  async get(m: EntityManager, trustId: string, id: string): Promise<LoadedAgreement> {
    const row = await m.findOneBy(AgreementRow, { trustId, id });
    if (!row) throw notFound('agreementId', `no agreement ${id} in this trust`);
    return (await this.assemble(m, [row]))[0];
  }

  async many(m: EntityManager, trustId: string, ids: readonly string[]): Promise<LoadedAgreement[]> {
    if (ids.length === 0) return [];
    const rows = await m.find(AgreementRow, { where: { trustId, id: In([...new Set(ids)]) }, order: { startsOn: 'ASC', id: 'ASC' } });
    return this.assemble(m, rows);
  }

  /** Every agreement of the trust that deploys the leader or has them as QA lead. */
  async ofLeader(m: EntityManager, trustId: string, staffId: string): Promise<LoadedAgreement[]> {
    const deployed = await m.findBy(DeploymentRow, { trustId, leaderId: staffId });
    const qa = await m.find(AgreementRow, { where: { trustId, qaLeadId: staffId }, select: { id: true } });
    return this.many(m, trustId, [...deployed.map((d) => d.agreementId), ...qa.map((a) => a.id)]);
  }

  /** Every agreement in which one of the schools is a party on `side`. */
  async ofSchools(
    m: EntityManager,
    trustId: string,
    schoolIds: readonly string[],
    side?: 'supported' | 'supporting',
  ): Promise<LoadedAgreement[]> {
    if (schoolIds.length === 0) return [];
    const parties = await m.findBy(AgreementSchoolRow, { trustId, schoolId: In([...schoolIds]), ...(side ? { side } : {}) });
    return this.many(
      m,
      trustId,
      parties.map((p) => p.agreementId),
    );
  }

  async assemble(m: EntityManager, rows: AgreementRow[]): Promise<LoadedAgreement[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // One after another: inside a transaction the manager has one connection.
    const schools = await m.find(AgreementSchoolRow, { where: { agreementId: In(ids) }, order: { position: 'ASC' } });
    const deployments = await m.find(DeploymentRow, { where: { agreementId: In(ids) }, order: { leaderId: 'ASC' } });
    const criteria = await m.find(ImpactCriterionRow, { where: { agreementId: In(ids) }, order: { position: 'ASC' } });
    return rows.map((row) => {
      const own = <T extends { agreementId: string }>(list: T[]) => list.filter((x) => x.agreementId === row.id);
      const mine = own(deployments);
      return {
        row,
        deployments: mine,
        agreement: {
          id: row.id,
          trustId: row.trustId,
          status: row.status,
          supportedSchoolIds: own(schools)
            .filter((s) => s.side === 'supported')
            .map((s) => s.schoolId),
          supportingSchoolIds: own(schools)
            .filter((s) => s.side === 'supporting')
            .map((s) => s.schoolId),
          deployments: mine.map((d) => ({ leaderId: d.leaderId, days: d.days, ...(d.daysByYear ? { daysByYear: d.daysByYear } : {}) })),
          priorityAreas: row.priorityAreas,
          responsibilities: row.responsibilities,
          impact: own(criteria).map((c) => ({ id: c.id, measure: c.measure, baseline: c.baseline, target: c.target, byWhen: c.byWhen })),
          schedule: {
            startsOn: row.startsOn,
            endsOn: row.endsOn,
            interimReportsDue: row.interimReportsDue,
            finalReportDue: row.finalReportDue,
          },
          funding: { source: row.fundingSource, amountPence: row.fundingAmountPence },
          qaLeadId: row.qaLeadId,
          endedReason: row.endedReason,
        },
      };
    });
  }

  /** Replaces the agreement's parties and criteria (a draft being written). */
  async writeChildren(m: EntityManager, a: SupportAgreement): Promise<void> {
    await m.delete(AgreementSchoolRow, { agreementId: a.id });
    const parties = [
      ...a.supportedSchoolIds.map((schoolId, position) => ({
        trustId: a.trustId,
        agreementId: a.id,
        schoolId,
        side: 'supported' as const,
        position,
      })),
      ...a.supportingSchoolIds.map((schoolId, position) => ({
        trustId: a.trustId,
        agreementId: a.id,
        schoolId,
        side: 'supporting' as const,
        position,
      })),
    ];
    if (parties.length > 0) await m.insert(AgreementSchoolRow, parties);
    await m.delete(ImpactCriterionRow, { agreementId: a.id });
    if (a.impact.length > 0) {
      await m.insert(
        ImpactCriterionRow,
        a.impact.map((c, position) => ({
          id: c.id,
          trustId: a.trustId,
          agreementId: a.id,
          position,
          measure: c.measure,
          baseline: c.baseline,
          target: c.target,
          byWhen: c.byWhen,
        })),
      );
    }
  }
}
