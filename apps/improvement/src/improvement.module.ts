import { Module } from '@nestjs/common';
import { SchoolDirectoryModule } from '@trustwide/common';
import { AgreementQueries } from './agreements/agreement.queries';
import { AgreementStore } from './agreements/agreement.store';
import { AGREEMENT_USE_CASES } from './agreements/agreement.usecases';
import { AgreementsController, FundingController, SupportController } from './agreements/agreements.controller';
import { FlagAgreements } from './agreements/flag-agreements';
import { ImpactReportsController } from './impact-reports/impact-reports.controller';
import { SignOffImpactReport, SubmitImpactReport } from './impact-reports/impact-report.usecases';
import { LeaderStore } from './leaders/leader.store';
import { PeopleHandlers } from './leaders/people.handlers';
import { PlanStore } from './plans/plan.store';
import { PLAN_USE_CASES } from './plans/plan.usecases';
import { PlansController } from './plans/plans.controller';
import { CommissionReview, CompleteReview, ReviewsController, TrainReviewer } from './reviews/reviews';
import { ImprovementScheduleJob } from './schedule/improvement-schedule.job';

/**
 * The improvement service's features: plans, support agreements (deployments, funding, flags, impact
 * reports), reviews, the people projection's handlers and the scheduled run. One module: the features
 * share the agreement store and the people projection, and nothing else uses them.
 */
@Module({
  imports: [SchoolDirectoryModule.forConsumer()],
  controllers: [
    PlansController,
    AgreementsController,
    FundingController,
    SupportController,
    ImpactReportsController,
    ReviewsController,
    PeopleHandlers,
  ],
  providers: [
    LeaderStore,
    AgreementStore,
    AgreementQueries,
    FlagAgreements,
    PlanStore,
    ...AGREEMENT_USE_CASES,
    ...PLAN_USE_CASES,
    SubmitImpactReport,
    SignOffImpactReport,
    TrainReviewer,
    CommissionReview,
    CompleteReview,
    ImprovementScheduleJob,
  ],
  exports: [ImprovementScheduleJob],
})
export class ImprovementModule {}
