import { Module } from '@nestjs/common';
import { ImportJobsController } from '../imports/imports.controller';
import { ImportJobsService } from '../imports/imports.service';
import { GiasEstablishmentsImporter } from '../imports/importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from '../imports/importers/gias-groups.importer';
import { OfstedImporter } from '../imports/importers/ofsted.importer';
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
