import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActingStaff, CallerSchools, notFound, type Page, todayInEngland, UuidParam, withinSchoolScope } from '@trustwide/common';
import { AgreementSchoolRow } from '../agreements/agreement.entity';
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
  async list(
    @UuidParam('trustId') trustId: string,
    @Query() q: ListReportsQuery,
    @CallerSchools() schools: string[] | null,
  ): Promise<Page<ReturnType<typeof mapReport>>> {
    const today = todayInEngland();
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const qb = this.dataSource.getRepository(ImpactReportRow).createQueryBuilder('r').where('r.trust_id = :trustId', { trustId });
    // A headteacher or head of school: the reports of agreements one of their schools is party to.
    if (schools)
      qb.andWhere(
        `EXISTS (SELECT 1 FROM agreement_schools s WHERE s.agreement_id = r.agreement_id AND s.school_id = ANY(CAST(:schools AS uuid[])))`,
        {
          schools,
        },
      );
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
  async get(@UuidParam('trustId') trustId: string, @UuidParam('reportId') id: string, @CallerSchools() schools: string[] | null) {
    const row = await this.dataSource.manager.findOneBy(ImpactReportRow, { trustId, id });
    const parties = row && schools ? await this.dataSource.manager.findBy(AgreementSchoolRow, { agreementId: row.agreementId }) : [];
    if (
      !row ||
      !withinSchoolScope(
        schools,
        parties.map((p) => p.schoolId),
      )
    )
      throw notFound('reportId', `no impact report ${id} in this trust`);
    return mapReport(row, todayInEngland());
  }

  @Post(':reportId/submit')
  @HttpCode(200)
  async submit(@UuidParam('trustId') trustId: string, @UuidParam('reportId') id: string, @Body() command: SubmitReportCommand) {
    return mapReport(await this.submitIt.execute(trustId, id, command), todayInEngland());
  }

  @Post(':reportId/sign-off')
  @HttpCode(200)
  async signOff(
    @UuidParam('trustId') trustId: string,
    @UuidParam('reportId') id: string,
    @Body() _: SignOffCommand,
    @ActingStaff('sign off a report as its QA lead') signerId: string,
  ) {
    return mapReport(await this.signOffIt.execute(trustId, id, signerId), todayInEngland());
  }
}
