import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { ImportJob } from './imports/import-job.entity';
import { Inspection } from './inspections/inspection.entity';
import { Measure } from './measures/measure.entity';
import { SchoolsSchema1763800000100 } from './migrations/1763800000100-schools-schema';
import { ImportJobHeartbeat1763800000200 } from './migrations/1763800000200-import-job-heartbeat';
import { TrustRiskRules } from './risk/trust-risk-rules.entity';
import { School } from './schools/school.entity';
import { SchoolsModule } from './schools/schools.module';
import { SchoolsConfig } from './schools.config';
import { Trust } from './trusts/trust.entity';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'schools',
      config: SchoolsConfig,
      entities: [Trust, School, Inspection, Measure, TrustRiskRules, ImportJob],
      migrations: [SchoolsSchema1763800000100, ImportJobHeartbeat1763800000200],
      publishes: [Topics.schools],
    }),
    SchoolsModule,
  ],
})
export class AppModule {}
