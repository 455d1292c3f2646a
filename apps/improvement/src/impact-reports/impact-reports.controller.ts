import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, type Page, todayInEngland, UuidParam } from '@trustwide/common';
import { mapReport } from '../agreements/dto/agreement.response';
import { ListReportsQuery, SignOffCommand, SubmitReportCommand } from './dto/impact-report.dto';
import { ImpactReportRow } from './impact-report.entity';
import { SignOffImpactReport, SubmitImpactReport } from './impact-report.usecases';

/** Interim and final impact reports: submitted with each criterion measured, the final signed off by the QA lead. */
@Controller('trusts/:trustId/impact-reports')
export class ImpactReportsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly submitIt: SubmitImpactReport,
    private readonly signOffIt: SignOffImpactReport,
  ) {}

  @Get()
  async list(@UuidParam('trustId') trustId: string, @Query() q: ListReportsQuery): Promise<Page<ReturnType<typeof mapReport>>> {
    const today = todayInEngland();
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const qb = this.dataSource.getRepository(ImpactReportRow).createQueryBuilder('r').where('r.trust_id = :trustId', { trustId });
    if (q.agreementId) qb.andWhere('r.agreement_id = :agreementId', { agreementId: q.agreementId });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    if (q.kind) qb.andWhere('r.kind = :kind', { kind: q.kind });
    // Overdue: still due past its date, on support that still reports (agreed or active).
    const reporting = `EXISTS (SELECT 1 FROM agreements a WHERE a.id = r.agreement_id AND a.status IN ('agreed', 'active'))`;
    if (q.overdue === 'true') qb.andWhere(`r.status = 'due' AND r.due_on < :today AND ${reporting}`, { today });
    if (q.overdue === 'false') qb.andWhere(`NOT (r.status = 'due' AND r.due_on < :today AND ${reporting})`, { today });
    const [rows, total] = await qb.orderBy('r.due_on', 'ASC').addOrderBy('r.id', 'ASC').take(limit).skip(offset).getManyAndCount();
    return { total, limit, offset, items: rows.map((r) => mapReport(r, today)) };
  }

  @Get(':reportId')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('reportId') id: string) {
    const row = await this.dataSource.manager.findOneBy(ImpactReportRow, { trustId, id });
    if (!row) throw notFound('reportId', `no impact report ${id} in this trust`);
    return mapReport(row, todayInEngland());
  }

  @Post(':reportId/submit')
  @HttpCode(200)
  async submit(@UuidParam('trustId') trustId: string, @UuidParam('reportId') id: string, @Body() command: SubmitReportCommand) {
    return mapReport(await this.submitIt.execute(trustId, id, command), todayInEngland());
  }

  @Post(':reportId/sign-off')
  @HttpCode(200)
  async signOff(@UuidParam('trustId') trustId: string, @UuidParam('reportId') id: string, @Body() command: SignOffCommand) {
    return mapReport(await this.signOffIt.execute(trustId, id, command), todayInEngland());
  }
}
