import { Module } from '@nestjs/common';
import { SCHOOL_DIRECTORY_ENTITIES, SCHOOL_DIRECTORY_MIGRATIONS, SchoolDirectoryModule, Topics, TrustwideModule } from '@trustwide/common';
import { CohortsService } from './cohorts/cohorts.service';
import { CommissionsService } from './commissions/commissions.service';
import { CpdConfig } from './cpd.config';
import { CPD_ENTITIES, CPD_MIGRATIONS } from './cpd.schema';
import { EnrolmentsService } from './enrolments/enrolments.service';
import { EvaluationsService } from './evaluations/evaluations.service';
import { CPD_CONTROLLERS } from './http/controllers';
import { ProgrammesService } from './programmes/programmes.service';
import { MEASURES_CONSUMER, MeasuresProjection, PeopleProjection, STAFF_CONSUMER } from './projections/people.projection';
import { RecommendationsService } from './recommendations/recommendations.service';
import { ReportsService } from './reports/reports.service';

/**
 * The CPD service: its catalogue, cohorts, enrolments, commissions, evaluations, recommendations and
 * reports, and three projections of its own: the school directory, the people service's staff and
 * roles (consumer `staff`) and the schools' measures (consumer `school-measures`).
 */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'cpd',
      config: CpdConfig,
      entities: [...CPD_ENTITIES, ...SCHOOL_DIRECTORY_ENTITIES],
      migrations: [...CPD_MIGRATIONS, ...SCHOOL_DIRECTORY_MIGRATIONS],
      publishes: [Topics.cpd],
      consumers: [
        { name: STAFF_CONSUMER, topics: [Topics.people], fromBeginning: true },
        { name: MEASURES_CONSUMER, topics: [Topics.schools], fromBeginning: true },
      ],
    }),
    SchoolDirectoryModule.forConsumer(),
  ],
  controllers: [...CPD_CONTROLLERS, PeopleProjection, MeasuresProjection],
  providers: [
    ProgrammesService,
    CohortsService,
    EnrolmentsService,
    CommissionsService,
    EvaluationsService,
    RecommendationsService,
    ReportsService,
  ],
})
export class AppModule {}
