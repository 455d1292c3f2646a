import { mapQualification, QualificationRow, type QualificationResponse } from '../qualifications/qualification.entity';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { likePattern, notFound, type Page, todayInEngland, withinSchoolScope } from '@trustwide/common';
import { ListStaffQuery } from './dto/staff.dto';
import { mapStaff, type StaffResponse } from './dto/staff.response';
import { RoleSpellRow } from './role-spell.entity';
import { Staff } from './staff.entity';
import { StaffStore } from './staff.store';

@Injectable()
export class StaffQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: StaffStore,
  ) {}

  /**
   * Staff by name/email, school, current role and status; each with their current roles. `schools` (the caller's
   * `schoolScope`): a headteacher or head of school sees only the staff of the schools they lead.
   */
  async list(trustId: string, query: ListStaffQuery, schools: string[] | null = null): Promise<Page<StaffResponse>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(Staff).createQueryBuilder('s').where('s.trust_id = :trustId', { trustId });
    if (query.q) qb.andWhere(`(s.first_name || ' ' || s.last_name ILIKE :q OR s.work_email ILIKE :q)`, { q: likePattern(query.q) });
    if (query.schoolId) qb.andWhere('s.school_id = :schoolId', { schoolId: query.schoolId });
    if (schools) qb.andWhere('s.school_id = ANY(CAST(:schools AS uuid[]))', { schools });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.role) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM role_spells r WHERE r.staff_id = s.id AND r.role = :role AND r.started_on <= :today AND (r.ended_on IS NULL OR r.ended_on >= :today))`,
        {
          role: query.role,
          today: todayInEngland(),
        },
      );
    }
    const [rows, total] = await qb
      .orderBy('s.last_name', 'ASC')
      .addOrderBy('s.first_name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    const roles = rows.length === 0 ? [] : await this.dataSource.manager.findBy(RoleSpellRow, { staffId: In(rows.map((r) => r.id)) });
    const today = todayInEngland();
    const current = (id: string) =>
      roles.filter((r) => r.staffId === id && r.startedOn <= today && (r.endedOn === null || r.endedOn >= today));
    return { total, limit, offset, items: rows.map((s) => mapStaff(s, current(s.id))) };
  }

  /** One member of staff with their whole role history and the qualifications the cpd service awarded them; another school's is a 404 to a headteacher. */
  async get(
    trustId: string,
    staffId: string,
    schools: string[] | null = null,
  ): Promise<StaffResponse & { qualifications: QualificationResponse[] }> {
    const m = this.dataSource.manager;
    const staff = await this.store.find(m, trustId, staffId);
    if (!withinSchoolScope(schools, [staff.schoolId])) throw notFound('staffId', `no member of staff ${staffId} in this trust`);
    const qualifications = await m.find(QualificationRow, { where: { staffId }, order: { awardedOn: 'ASC', enrolmentId: 'ASC' } });
    return { ...mapStaff(staff, await this.store.roles(m, staffId)), qualifications: qualifications.map(mapQualification) };
  }
}
