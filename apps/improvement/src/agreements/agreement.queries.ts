import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { notFound, type Page, SchoolDirectory, todayInEngland, withinSchoolScope } from '@trustwide/common';
import { committedDaysByYear } from '../deployments/capacity';
import { travelFlags } from '../deployments/travel';
import { fundingBySource } from '../funding/funding';
import { ImpactReportRow } from '../impact-reports/impact-report.entity';
import { LeaderStore } from '../leaders/leader.store';
import { AgreementFlagRow, AgreementRow, AgreementSchoolRow, AgreementTransitionRow, FundingSpendRow } from './agreement.entity';
import { AgreementStore, type LoadedAgreement } from './agreement.store';
import { supportingLimit } from './agreement.usecases';
import { ListAgreementsQuery } from './dto/agreement.dto';
import { mapAgreement, mapFlag, type AgreementResponse } from './dto/agreement.response';

/** What the trust asks of its support: lists, one agreement whole, a school's or a leader's support, funding by source, travel. */
@Injectable()
export class AgreementQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AgreementStore,
    private readonly leaders: LeaderStore,
    private readonly directory: SchoolDirectory,
  ) {}

  private get m() {
    return this.dataSource.manager;
  }

  private async withFlagCounts(loaded: LoadedAgreement[]): Promise<AgreementResponse[]> {
    const open = await this.m.findBy(AgreementFlagRow, {
      resolvedAt: IsNull(),
      trustId: loaded[0]?.row.trustId ?? '00000000-0000-0000-0000-000000000000',
    });
    return loaded.map((l) => mapAgreement(l, { openFlags: open.filter((f) => f.agreementId === l.row.id).length }));
  }

  /**
   * A headteacher or head of school (`schools`, the caller's `schoolScope`; null: the whole trust) sees the agreements
   * one of their schools is party to, supported or supporting; another school's agreement is a 404, as if not there.
   */
  async mine(trustId: string, agreementId: string, schools: string[] | null): Promise<void> {
    if (!schools) return;
    const parties = await this.m.findBy(AgreementSchoolRow, { trustId, agreementId });
    if (
      !withinSchoolScope(
        schools,
        parties.map((p) => p.schoolId),
      )
    )
      throw notFound('agreementId', `no agreement ${agreementId} in this trust`);
  }

  async list(trustId: string, q: ListAgreementsQuery, schools: string[] | null = null): Promise<Page<AgreementResponse>> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const where: string[] = ['a.trust_id = $1'];
    const params: unknown[] = [trustId];
    if (q.status) where.push(`a.status = $${params.push(q.status)}`);
    if (q.flagged === 'true') where.push(`EXISTS (SELECT 1 FROM agreement_flags f WHERE f.agreement_id = a.id AND f.resolved_at IS NULL)`);
    if (q.flagged === 'false')
      where.push(`NOT EXISTS (SELECT 1 FROM agreement_flags f WHERE f.agreement_id = a.id AND f.resolved_at IS NULL)`);
    if (q.schoolId)
      where.push(`EXISTS (SELECT 1 FROM agreement_schools s WHERE s.agreement_id = a.id AND s.school_id = $${params.push(q.schoolId)})`);
    if (schools)
      where.push(
        `EXISTS (SELECT 1 FROM agreement_schools s WHERE s.agreement_id = a.id AND s.school_id = ANY($${params.push(schools)}::uuid[]))`,
      );
    if (q.leaderId)
      where.push(
        `(a.qa_lead_id = $${params.push(q.leaderId)} OR EXISTS (SELECT 1 FROM deployments d WHERE d.agreement_id = a.id AND d.leader_id = $${params.length}))`,
      );
    const sql = `FROM agreements a WHERE ${where.join(' AND ')}`;
    const [{ total }]: { total: number }[] = await this.m.query(`SELECT count(*)::int AS total ${sql}`, params);
    const ids: { id: string }[] = await this.m.query(
      `SELECT a.id ${sql} ORDER BY a.starts_on, a.id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const loaded = await this.store.many(
      this.m,
      trustId,
      ids.map((r) => r.id),
    );
    return { total, limit, offset, items: await this.withFlagCounts(loaded) };
  }

  async get(trustId: string, id: string): Promise<AgreementResponse> {
    const loaded = await this.store.get(this.m, trustId, id);
    const [flags, history, spends, reports] = await Promise.all([
      this.m.find(AgreementFlagRow, { where: { agreementId: id }, order: { raisedAt: 'ASC', id: 'ASC' } }),
      this.m.find(AgreementTransitionRow, { where: { agreementId: id }, order: { at: 'ASC', id: 'ASC' } }),
      this.m.find(FundingSpendRow, { where: { agreementId: id }, order: { spentOn: 'ASC', id: 'ASC' } }),
      this.m.find(ImpactReportRow, { where: { agreementId: id }, order: { dueOn: 'ASC', sequence: 'ASC' } }),
    ]);
    return mapAgreement(loaded, {
      flags,
      history,
      spends,
      reports,
      today: todayInEngland(),
      openFlags: flags.filter((f) => !f.resolvedAt).length,
    });
  }

  /** All support a school receives (it is a supported school) and gives (it is a supporting school). */
  async ofSchool(
    trustId: string,
    schoolId: string,
  ): Promise<{ schoolId: string; received: AgreementResponse[]; given: AgreementResponse[] }> {
    const [received, given] = await Promise.all([
      this.store.ofSchools(this.m, trustId, [schoolId], 'supported'),
      this.store.ofSchools(this.m, trustId, [schoolId], 'supporting'),
    ]);
    return { schoolId, received: await this.withFlagCounts(received), given: await this.withFlagCounts(given) };
  }

  /** All agreements of a leader (deployed or QA lead), with their days per academic year against what they are released for. */
  async ofLeader(trustId: string, staffId: string) {
    const loaded = await this.store.ofLeader(this.m, trustId, staffId);
    const facts = await this.leaders.facts(this.m, trustId, staffId);
    const committed = committedDaysByYear(
      staffId,
      loaded.map((l) => l.agreement),
    );
    const years = [...new Set([...Object.keys(facts.availableDaysByYear), ...committed.keys()])].sort();
    return {
      staffId,
      designations: facts.designations.map((d) => ({ ...d })),
      schoolIds: [...facts.schoolIds],
      capacity: years.map((academicYear) => {
        const availableDays = facts.availableDaysByYear[academicYear] ?? 0;
        const committedDays = committed.get(academicYear)?.days ?? 0;
        return { academicYear, availableDays, committedDays, remainingDays: availableDays - committedDays };
      }),
      agreements: await this.withFlagCounts(loaded),
    };
  }

  /** Funding and spend by source, over every agreement past draft. */
  async fundingBySource(trustId: string) {
    const rows = await this.m.find(AgreementRow, { where: { trustId }, order: { startsOn: 'ASC', id: 'ASC' } });
    const spends = await this.m.findBy(FundingSpendRow, { trustId });
    const counted = rows.filter((r) => r.status !== 'draft');
    return {
      sources: fundingBySource(
        counted.map((r) => ({
          agreementId: r.id,
          source: r.fundingSource,
          amountPence: r.fundingAmountPence,
          spends: spends.filter((s) => s.agreementId === r.id),
        })),
      ),
    };
  }

  async openFlags(trustId: string) {
    return (await this.m.find(AgreementFlagRow, { where: { trustId, resolvedAt: IsNull() }, order: { raisedAt: 'ASC' } })).map(mapFlag);
  }

  async settings(trustId: string) {
    return { maxConcurrentSupportingAgreements: await supportingLimit(this.m, trustId) };
  }

  /** Executive heads whose schools are more than an hour apart (from the people projection's open roles and the directory's Easting/Northing). */
  async travel(trustId: string) {
    const heads = await this.leaders.inRole(this.m, trustId, 'executive-headteacher');
    const schools = new Map((await this.directory.schoolsOfTrust(trustId, { membership: 'any' })).map((s) => [s.schoolId, s]));
    const out = [];
    for (const [staffId, schoolIds] of [...heads].sort(([a], [b]) => a.localeCompare(b))) {
      const located = [...new Set(schoolIds)].map((id) => {
        const s = schools.get(id);
        return { schoolId: id, name: s?.name ?? id, easting: s?.location.easting ?? null, northing: s?.location.northing ?? null };
      });
      const check = travelFlags(located);
      out.push({
        staffId,
        schoolIds: located.map((s) => s.schoolId),
        flags: check.flags.map((f) => ({ ...f, schoolIds: [...f.schoolIds] })),
        unlocated: [...check.unlocated],
      });
    }
    return { executiveHeads: out };
  }
}
