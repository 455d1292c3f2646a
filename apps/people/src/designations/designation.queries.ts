import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from './designation.entity';
import { ListDesignationsQuery } from './dto/designation.dto';
import { mapDesignation, type DesignationResponse } from './dto/designation.response';
import { notFound, type Page } from '@trustwide/common';

@Injectable()
export class DesignationQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** By status, type, school, person and expiry window; soonest expiry first. */
  async list(trustId: string, query: ListDesignationsQuery): Promise<Page<DesignationResponse>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.dataSource.getRepository(DesignationRow).createQueryBuilder('d').where('d.trust_id = :trustId', { trustId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.type) qb.andWhere('d.type = :type', { type: query.type });
    if (query.schoolId) qb.andWhere('d.school_id = :schoolId', { schoolId: query.schoolId });
    if (query.staffId) qb.andWhere('d.staff_id = :staffId', { staffId: query.staffId });
    if (query.expiresFrom) qb.andWhere('d.term_ends_on >= :from', { from: query.expiresFrom });
    if (query.expiresTo) qb.andWhere('d.term_ends_on <= :to', { to: query.expiresTo });
    const [rows, total] = await qb
      .orderBy('d.term_ends_on', 'ASC', 'NULLS LAST')
      .addOrderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { total, limit, offset, items: rows.map((d) => mapDesignation(d)) };
  }

  /** One designation with its whole history and the commitments accepted for it. */
  async get(trustId: string, designationId: string): Promise<DesignationResponse> {
    const m = this.dataSource.manager;
    const row = await m.findOneBy(DesignationRow, { trustId, id: designationId });
    if (!row) throw notFound('designationId', `no designation ${designationId} in this trust`);
    const [history, commitments] = await Promise.all([
      m.find(DesignationTransitionRow, { where: { designationId }, order: { seq: 'ASC' } }),
      m.find(ReleaseCommitmentRow, { where: { designationId }, order: { createdAt: 'ASC' } }),
    ]);
    return mapDesignation(row, history, commitments);
  }
}
