import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { UuidParam } from '@trustwide/common';
import { CohortsService } from '../cohorts/cohorts.service';
import { CommissionsService } from '../commissions/commissions.service';
import { EnrolmentsService } from '../enrolments/enrolments.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { ProgrammesService } from '../programmes/programmes.service';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { ReportsService, type CpdReportResponse, type ReportName } from '../reports/reports.service';
import { notFound } from './errors';
import {
  AssessCommand,
  ByProgrammeQuery,
  CommissionCommand,
  CostCommand,
  EnrolCommand,
  EnrolmentListQuery,
  EvaluationCommand,
  FeedbackCommand,
  ProgrammeCommand,
  ProgrammeListQuery,
  ReasonCommand,
  RecommendationCommand,
  ReportQuery,
  ScheduleCohortCommand,
  toDefinition,
} from './dto';

@Controller('trusts/:trustId/programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  publish(@UuidParam('trustId') trustId: string, @Body() body: ProgrammeCommand) {
    return this.programmes.publish(trustId, toDefinition(body));
  }

  /** Publishes the default NPQs and trust programmes the catalogue lacks (by code); idempotent. */
  @Post('defaults')
  @HttpCode(200)
  defaults(@UuidParam('trustId') trustId: string) {
    return this.programmes.publishDefaults(trustId);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() q: ProgrammeListQuery) {
    return this.programmes.list(trustId, q);
  }

  @Get(':programmeId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('programmeId') id: string) {
    return this.programmes.get(trustId, id);
  }

  @Put(':programmeId')
  change(@UuidParam('trustId') trustId: string, @UuidParam('programmeId') id: string, @Body() body: ProgrammeCommand) {
    return this.programmes.change(trustId, id, toDefinition(body));
  }

  @Post(':programmeId/retire')
  @HttpCode(200)
  retire(@UuidParam('trustId') trustId: string, @UuidParam('programmeId') id: string, @Body() body: ReasonCommand) {
    return this.programmes.retire(trustId, id, body.reason);
  }
}

@Controller('trusts/:trustId/cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  schedule(@UuidParam('trustId') trustId: string, @Body() body: ScheduleCohortCommand) {
    return this.cohorts.schedule(trustId, { ...body, venue: { ...body.venue } });
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() q: ByProgrammeQuery) {
    return this.cohorts.list(trustId, q);
  }

  @Get(':cohortId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('cohortId') id: string) {
    return this.cohorts.get(trustId, id);
  }

  @Get(':cohortId/waitlist')
  waitlist(@UuidParam('trustId') trustId: string, @UuidParam('cohortId') id: string) {
    return this.cohorts.waitlist(trustId, id);
  }

  @Post(':cohortId/cancel')
  @HttpCode(200)
  cancel(@UuidParam('trustId') trustId: string, @UuidParam('cohortId') id: string, @Body() body: ReasonCommand) {
    return this.cohorts.cancel(trustId, id, body.reason);
  }
}

@Controller('trusts/:trustId/enrolments')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentsService) {}

  /** 201 either way: `status` says enrolled or waitlisted (with `position`). */
  @Post()
  enrol(@UuidParam('trustId') trustId: string, @Body() body: EnrolCommand) {
    return this.enrolments.enrol(trustId, body);
  }

  /** Checks the request as enrol does, and nothing more: the benchmark's baseline for the same stack. */
  @Post('validate')
  @HttpCode(200)
  validate(@UuidParam('trustId') trustId: string, @Body() body: EnrolCommand) {
    return { trustId, valid: true, cohortId: body.cohortId, staffId: body.staffId };
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() q: EnrolmentListQuery) {
    return this.enrolments.list(trustId, q);
  }

  @Get(':enrolmentId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('enrolmentId') id: string) {
    return this.enrolments.get(trustId, id);
  }

  @Post(':enrolmentId/withdraw')
  @HttpCode(200)
  withdraw(@UuidParam('trustId') trustId: string, @UuidParam('enrolmentId') id: string) {
    return this.enrolments.withdraw(trustId, id);
  }

  @Post(':enrolmentId/complete')
  @HttpCode(200)
  complete(@UuidParam('trustId') trustId: string, @UuidParam('enrolmentId') id: string) {
    return this.enrolments.complete(trustId, id);
  }

  @Post(':enrolmentId/assess')
  @HttpCode(200)
  assess(@UuidParam('trustId') trustId: string, @UuidParam('enrolmentId') id: string, @Body() body: AssessCommand) {
    return this.enrolments.assess(trustId, id, body.passed);
  }

  @Post(':enrolmentId/feedback')
  feedback(@UuidParam('trustId') trustId: string, @UuidParam('enrolmentId') id: string, @Body() body: FeedbackCommand) {
    return this.enrolments.feedback(trustId, id, { ratings: { ...body.ratings }, wouldRecommend: body.wouldRecommend });
  }
}

@Controller('trusts/:trustId/commissions')
export class CommissionsController {
  constructor(private readonly commissions: CommissionsService) {}

  @Post()
  create(@UuidParam('trustId') trustId: string, @Body() body: CommissionCommand) {
    return this.commissions.create(trustId, body);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() q: ByProgrammeQuery) {
    return this.commissions.list(trustId, q);
  }

  @Get(':commissionId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('commissionId') id: string) {
    return this.commissions.get(trustId, id);
  }

  @Post(':commissionId/costs')
  cost(@UuidParam('trustId') trustId: string, @UuidParam('commissionId') id: string, @Body() body: CostCommand) {
    return this.commissions.addCost(trustId, id, body);
  }
}

@Controller('trusts/:trustId/evaluations')
export class EvaluationsController {
  constructor(private readonly evaluations: EvaluationsService) {}

  @Post()
  record(@UuidParam('trustId') trustId: string, @Body() body: EvaluationCommand) {
    return this.evaluations.record(trustId, body);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() q: ByProgrammeQuery) {
    return this.evaluations.list(trustId, q);
  }

  @Get(':evaluationId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('evaluationId') id: string) {
    return this.evaluations.get(trustId, id);
  }
}

@Controller('trusts/:trustId/recommendations')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  /** A read: 200, nothing stored. */
  @Post()
  @HttpCode(200)
  recommend(@UuidParam('trustId') trustId: string, @Body() body: RecommendationCommand) {
    return this.recommendations.recommend(trustId, body);
  }
}

@Controller('trusts/:trustId/cpd-reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** `take-up`, `completion`, `impact`; as CSV with `?format=csv` or a `.csv` suffix (UTF-8 with BOM, formulas neutralised). */
  @Get(':report')
  async report(
    @UuidParam('trustId') trustId: string,
    @Param('report') report: string,
    @Query() q: ReportQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CpdReportResponse | undefined> {
    const csvSuffix = report.endsWith('.csv');
    const name = (csvSuffix ? report.slice(0, -4) : report) as ReportName;
    if (!['take-up', 'completion', 'impact'].includes(name))
      throw notFound('report', `no report "${report}"; the reports are take-up, completion and impact`);
    const result = await this.reports.report(trustId, name);
    if (csvSuffix || q.format === 'csv') {
      res.setHeader('content-disposition', `attachment; filename="cpd-${name}.csv"`);
      res.type('text/csv; charset=utf-8').send(result.csv());
      return undefined;
    }
    return { report: name, rows: result.rows };
  }
}

export const CPD_CONTROLLERS = [
  ProgrammesController,
  CohortsController,
  EnrolmentsController,
  CommissionsController,
  EvaluationsController,
  RecommendationsController,
  ReportsController,
];
