import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  invalidField,
  likePattern,
  notBelow,
  notFound,
  ServiceOutbox,
  todayInEngland as today,
  writeToTrust,
} from '@trustwide/common';
import { Inspection } from '../inspections/inspection.entity';
import { RiskService } from '../risk/risk.service';
import { Measure } from '../measures/measure.entity';
import { TrustsService } from '../trusts/trusts.service';
import { mapInspection } from '../inspections/dto/inspection.response';
import { mapMeasure } from '../measures/dto/measure.response';
import { mapSchool, type SchoolDetailResponseDto } from './dto/school.response';
import { CreateSchoolDto, JoinTrustDto, LeaveTrustDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { joinRefusal, leaveRefusal } from './membership';
import { SchoolChanges } from './school-changes';
import { newSchool } from './school-profile';
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
    const school = await manager.findOne(School, {
      where: { trustId, urn },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
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
      const changes = new SchoolChanges();
      changes.register(school);
      await changes.write(m, this.outbox);
      if (school.predecessorUrn) await this.risk.rederive(m, school); // the predecessor's history is its own
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
      if (!notBelow(next.highAge, next.lowAge))
        throw invalidField('highAge', `highAge (${next.highAge}) must not be less than lowAge (${next.lowAge})`);
      if (!notBelow(next.closedOn, next.openedOn))
        throw invalidField('closedOn', `closedOn (${next.closedOn}) must not be before openedOn (${next.openedOn})`);
      const changes = new SchoolChanges();
      const changed = changes.update(school, dto);
      if (changed.length === 0) return school;
      await changes.write(m, this.outbox);
      // A new predecessor brings its history: the risk may change with it.
      if (changed.includes('predecessorUrn')) await this.risk.rederive(m, school);
      return school;
    });
  }

  async join(trustId: string, urn: number, dto: JoinTrustDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.find(m, trustId, urn, true);
      const refusal = joinRefusal(school, dto);
      if (refusal) throw conflict(refusal.field, refusal.problem);
      const changes = new SchoolChanges();
      changes.join(school, { joinedOn: dto.joinedOn, route: dto.route });
      await changes.write(m, this.outbox);
      return school;
    });
  }

  async leave(trustId: string, urn: number, dto: LeaveTrustDto): Promise<School> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.find(m, trustId, urn, true);
      const refusal = leaveRefusal(school, dto);
      if (refusal) throw conflict(refusal.field, refusal.problem);
      const changes = new SchoolChanges();
      changes.leave(school, { leftOn: dto.leftOn, reason: dto.reason ?? null });
      await changes.write(m, this.outbox);
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
      else qb.andWhere('s.name ILIKE :q', { q: likePattern(query.q) });
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
  async get(trustId: string, urn: number, schools: string[] | null = null): Promise<SchoolDetailResponseDto> {
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
      ...mapSchool(school),
      lineage: urns,
      successors,
      inspections: inspections.map(mapInspection),
      measures: measures.map(mapMeasure),
    };
  }
}
