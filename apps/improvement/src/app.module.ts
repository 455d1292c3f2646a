import { Module } from '@nestjs/common';
import { SCHOOL_DIRECTORY_ENTITIES, SCHOOL_DIRECTORY_MIGRATIONS, Topics, TrustwideModule } from '@trustwide/common';
import {
  AgreementFlagRow,
  AgreementRow,
  AgreementSchoolRow,
  AgreementTransitionRow,
  DeploymentRow,
  FundingSpendRow,
  ImpactCriterionRow,
  SupportSettingsRow,
} from './agreements/agreement.entity';
import { ImpactReportRow } from './impact-reports/impact-report.entity';
import { ImprovementConfig } from './improvement.config';
import { ImprovementModule } from './improvement.module';
import { LeaderCapacityRow, LeaderDesignationRow, LeaderRoleRow, LeaderRow } from './leaders/leader.entity';
import { PEOPLE_CONSUMER } from './leaders/people.handlers';
import { ImprovementSchema1765100000000 } from './migrations/1765100000000-improvement-schema';
import { ActionRow, PlanRow, PriorityRow } from './plans/plan.entity';
import { ReviewerRow, ReviewRow } from './reviews/review.entity';

export const IMPROVEMENT_ENTITIES = [
  ...SCHOOL_DIRECTORY_ENTITIES,
  PlanRow,
  PriorityRow,
  ActionRow,
  AgreementRow,
  AgreementSchoolRow,
  DeploymentRow,
  ImpactCriterionRow,
  AgreementTransitionRow,
  AgreementFlagRow,
  FundingSpendRow,
  SupportSettingsRow,
  ImpactReportRow,
  ReviewRow,
  ReviewerRow,
  LeaderRow,
  LeaderDesignationRow,
  LeaderRoleRow,
  LeaderCapacityRow,
];

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'improvement',
      config: ImprovementConfig,
      entities: IMPROVEMENT_ENTITIES,
      migrations: [...SCHOOL_DIRECTORY_MIGRATIONS, ImprovementSchema1765100000000],
      publishes: [Topics.improvement],
      // The people projection: every fact from the start of the log (designations, roles, capacity).
      consumers: [{ name: PEOPLE_CONSUMER, topics: [Topics.people], fromBeginning: true, transactionBatchSize: 200 }],
    }),
    ImprovementModule,
  ],
})
export class AppModule {}
