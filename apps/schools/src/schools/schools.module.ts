import { Module } from '@nestjs/common';
import { ImportJobsController } from '../import-jobs/import-jobs.controller';
import { ImportJobsService } from '../import-jobs/import-jobs.service';
import { GiasEstablishmentsImporter } from '../import-jobs/importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from '../import-jobs/importers/gias-groups.importer';
import { OfstedImporter } from '../import-jobs/importers/ofsted.importer';
import { InspectionsController } from '../inspections/inspections.controller';
import { InspectionsService } from '../inspections/inspections.service';
import { MeasuresController } from '../measures/measures.controller';
import { MeasuresService } from '../measures/measures.service';
import { RiskController } from '../risk/risk.controller';
import { RiskService } from '../risk/risk.service';
import { TrustsModule } from '../trusts/trusts.module';
import { SchoolsController } from './schools.controller';
import { SchoolsService } from './schools.service';

/** Schools and what hangs off them: inspections, measures, risk and imports. */
@Module({
  imports: [TrustsModule],
  controllers: [SchoolsController, InspectionsController, MeasuresController, RiskController, ImportJobsController],
  providers: [
    SchoolsService,
    InspectionsService,
    MeasuresService,
    RiskService,
    ImportJobsService,
    GiasEstablishmentsImporter,
    GiasGroupsImporter,
    GiasLinksImporter,
    OfstedImporter,
  ],
})
export class SchoolsModule {}
