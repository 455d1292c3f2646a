import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InspectionsModule } from '../inspections/inspections.module';
import { RiskModule } from '../risk/risk.module';
import { TrustsModule } from '../trusts/trusts.module';
import { ImportJob } from './import-job.entity';
import { GiasEstablishmentsImporter } from './importers/gias-establishments.importer';
import { GiasGroupsImporter, GiasLinksImporter } from './importers/gias-groups.importer';
import { OfstedImporter } from './importers/ofsted.importer';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

export const IMPORTS_ENTITIES = [ImportJob];

/** Import jobs: uploads of GIAS and Ofsted files (read by formats/), queued and applied in batches. */
@Module({
  imports: [TypeOrmModule.forFeature(IMPORTS_ENTITIES), TrustsModule, InspectionsModule, RiskModule],
  controllers: [ImportsController],
  providers: [ImportsService, GiasEstablishmentsImporter, GiasGroupsImporter, GiasLinksImporter, OfstedImporter],
})
export class ImportsModule {}
