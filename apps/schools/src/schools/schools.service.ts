import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, invalidField, notFound, notBelow, ServiceOutbox, todayInEngland as today, writeToTrust } from '@trustwide/common';
import { Inspection } from '../inspections/inspection.entity';
import { RiskService } from '../risk/risk.service';
import { Measure } from '../measures/measure.entity';
import { TrustsService } from '../trusts/trusts.service';
import { CreateSchoolDto, JoinTrustDto, LeaveTrustDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { changedFields, newSchool, toProfile } from './school-profile';
import { schoolLineage } from './lineage';
import { School } from './school.entity';


@Injectable()
export class SchoolsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly trusts: TrustsService,
    private readonly risk: RiskService,
  ) {}

  /** The school with this URN in the trust, locked for the rest of the transaction when asked. */
  async find(manager: EntityManager, trustId: string, urn: number, lock = false): Promise<School> {
    const school = await manager.findOne(School, { where: { trustId, urn }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!school) throw notFound('urn', `no school with URN ${urn} in this trust`);
    return school;
  }

  async create(trustId: string, dto: CreateSchoolDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await this.trusts.get(trustId, m);
      if (await m.findOneBy(School, { trustId, urn: dto.urn })) throw conflict('urn', `a school with URN ${dto.urn} is already registered`);
      if (dto.predecessorUrn === dto.urn) throw invalidField('predecessorUrn', 'a school cannot be its own predecessor');
      const membership = dto.membership ?? 'member';
      const school = newSchool(trustId, dto.urn, {
        ...dto,
        membership,
        joinedTrustOn: membership === 'member' ? (dto.joinedTrustOn ?? today()) : (dto.joinedTrustOn ?? null),
        joinRoute: membership === 'member' ? (dto.joinRoute ?? 'other') : (dto.joinRoute ?? null),
      });
      await m.insert(School, school);
      await this.outbox.record(m, 'schools.school.registered', { trustId, aggregateId: school.id, data: { school: toProfile(school) } });
      if (school.predecessorUrn) await this.risk.rederive(m, school); // the predecessor's history is its own
      if (membership === 'member') {
        await this.outbox.record(m, 'schools.school.joined-trust', {
          trustId,
          aggregateId: school.id,
          data: { schoolId: school.id, urn: school.urn, joinedOn: school.joinedTrustOn!, route: school.joinRoute! },
        });
      }
      return school;
    });
  }

  /** Changes the profile; only fields that really change are written and announced. */
  async update(trustId: string, urn: number, dto: UpdateSchoolDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.find(m, trustId, urn, true);
      if (dto.predecessorUrn === urn) throw invalidField('predecessorUrn', 'a school cannot be its own predecessor');
      for (const field of ['name', 'phase'] as const) if (dto[field] === null) throw invalidField(field, `${field} cannot be cleared`);
      // Rules across fields hold for the record as it would be, not only for what this request sends.
      const next = { ...school, ...dto };
      if (!notBelow(next.highAge, next.lowAge)) throw invalidField('highAge', `highAge (${next.highAge}) must not be less than lowAge (${next.lowAge})`);
      if (!notBelow(next.closedOn, next.openedOn)) throw invalidField('closedOn', `closedOn (${next.closedOn}) must not be before openedOn (${next.openedOn})`);
      const changed = changedFields(school, dto);
      if (changed.length === 0) return school;
      for (const field of changed) (school as unknown as Record<string, unknown>)[field] = dto[field as keyof UpdateSchoolDto] ?? null;
      school.version++;
      await m.save(School, school);
      await this.outbox.record(m, 'schools.school.updated', { trustId, aggregateId: school.id, data: { school: toProfile(school), changedFields: changed } });
      // A new predecessor brings its history: the risk may change with it.
      if (changed.includes('predecessorUrn')) await this.risk.rederive(m, school);
      return school;
    });
  }

  async join(trustId: string, urn: number, dto: JoinTrustDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.find(m, trustId, urn, true);
      if (school.membership === 'member') throw conflict('membership', `school ${urn} is already a member of the trust`);
      if (school.leftTrustOn && dto.joinedOn < school.leftTrustOn) {
        throw conflict('joinedOn', `joinedOn ${dto.joinedOn} is before the school left (${school.leftTrustOn})`);
      }
      Object.assign(school, { membership: 'member', joinedTrustOn: dto.joinedOn, joinRoute: dto.route, leftTrustOn: null, version: school.version + 1 });
      await m.save(School, school);
      await this.outbox.record(m, 'schools.school.joined-trust', {
        trustId,
        aggregateId: school.id,
        data: { schoolId: school.id, urn, joinedOn: dto.joinedOn, route: dto.route },
      });
      return school;
    });
  }

  async leave(trustId: string, urn: number, dto: LeaveTrustDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.find(m, trustId, urn, true);
      if (school.membership !== 'member') throw conflict('membership', `school ${urn} is not a member of the trust`);
      if (school.joinedTrustOn && dto.leftOn < school.joinedTrustOn) {
        throw conflict('leftOn', `leftOn ${dto.leftOn} is before the school joined (${school.joinedTrustOn})`);
      }
      Object.assign(school, { membership: 'former-member', leftTrustOn: dto.leftOn, version: school.version + 1 });
      await m.save(School, school);
      await this.outbox.record(m, 'schools.school.left-trust', {
        trustId,
        aggregateId: school.id,
        data: { schoolId: school.id, urn, leftOn: dto.leftOn, reason: dto.reason ?? null },
      });
      return school;
    });
  }

  /** `schools`: the caller's own schools when they see only those (a headteacher), null for all. */
  async list(trustId: string, query: ListSchoolsQuery, schools: string[] | null = null): Promise<{ total: number; items: School[] }> {
    await this.trusts.get(trustId);
    const qb = this.dataSource.getRepository(School).createQueryBuilder('s').where('s.trust_id = :trustId', { trustId });
    if (schools) qb.andWhere('s.id = ANY(:schools)', { schools });
    if (query.phase) qb.andWhere('s.phase = :phase', { phase: query.phase });
    if (query.risk === 'unassessed') qb.andWhere('s.risk_level IS NULL');
    else if (query.risk) qb.andWhere('s.risk_level = :risk', { risk: query.risk });
    if (query.localAuthority) {
      qb.andWhere('(s.local_authority_code = :la OR lower(s.local_authority) = lower(:la))', { la: query.localAuthority });
    }
    if (query.leadershipModel) qb.andWhere('s.leadership_model = :model', { model: query.leadershipModel });
    if (query.membership) qb.andWhere('s.membership = :membership', { membership: query.membership });
    if (query.q) {
      if (/^\d{6,7}$/.test(query.q)) qb.andWhere('s.urn = :urn', { urn: Number(query.q) });
      else qb.andWhere('s.name ILIKE :q', { q: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [items, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.urn', 'ASC')
      .take(query.limit ?? 100)
      .skip(query.offset ?? 0)
      .getManyAndCount();
    return { total, items };
  }

  /** One school with its whole history: inspections and measures of it and its predecessors. */
  async get(trustId: string, urn: number, schools: string[] | null = null) {
    const m = this.dataSource.manager;
    const school = await this.find(m, trustId, urn);
    if (schools && !schools.includes(school.id)) throw notFound('urn', `no school with URN ${urn} in this trust`); // another school's, as if absent
    const urns = await schoolLineage(m, school);
    const [inspections, measures, successors] = await Promise.all([
      m
        .createQueryBuilder(Inspection, 'i')
        .where('i.trust_id = :trustId AND i.urn = ANY(:urns)', { trustId, urns })
        .orderBy('i.start_date', 'DESC')
        .getMany(),
      m
        .createQueryBuilder(Measure, 'x')
        .innerJoin(School, 's', 's.id = x.school_id')
        .where('x.trust_id = :trustId AND s.urn = ANY(:urns)', { trustId, urns })
        .select(['x.period AS period', 'x.name AS name', 'x.value AS value', 's.urn AS urn', 'x.recorded_at AS "recordedAt"'])
        .orderBy('x.period', 'ASC')
        .addOrderBy('x.name', 'ASC')
        .getRawMany(),
      m.find(School, { where: { trustId, predecessorUrn: urn }, select: { urn: true, name: true } }),
    ]);
    return {
      ...school,
      risk: { level: school.riskLevel, reasons: school.riskReasons, evaluatedAt: school.riskEvaluatedAt },
      lineage: urns,
      successors,
      inspections,
      measures,
    };
  }
}
