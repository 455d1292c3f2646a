import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { IMPORTS_ENTITIES, ImportsModule } from './imports/imports.module';
import { INSPECTIONS_ENTITIES, InspectionsModule } from './inspections/inspections.module';
import { MEASURES_ENTITIES, MeasuresModule } from './measures/measures.module';
import { SchoolsSchema1763800000100 } from './migrations/1763800000100-schools-schema';
import { ImportJobHeartbeat1763800000200 } from './migrations/1763800000200-import-job-heartbeat';
import { RISK_ENTITIES, RiskModule } from './risk/risk.module';
import { SCHOOLS_ENTITIES, SchoolsModule } from './schools/schools.module';
import { SchoolsConfig } from './schools.config';
import { TRUSTS_ENTITIES, TrustsModule } from './trusts/trusts.module';

/** The schools service: one module per folder, each with its own controllers, providers and entities. */
@Module({
  imports: [
    TrustwideModule.forService({
      service: 'schools',
      config: SchoolsConfig,
      // The data source is the platform's: it needs every feature's entities.
      entities: [
        ...TRUSTS_ENTITIES,
        ...SCHOOLS_ENTITIES,
        ...INSPECTIONS_ENTITIES,
        ...MEASURES_ENTITIES,
        ...RISK_ENTITIES,
        ...IMPORTS_ENTITIES,
      ],
      migrations: [SchoolsSchema1763800000100, ImportJobHeartbeat1763800000200],
      publishes: [Topics.schools],
    }),
    TrustsModule,
    SchoolsModule,
    InspectionsModule,
    MeasuresModule,
    RiskModule,
    ImportsModule,
  ],
})
export class AppModule {}
