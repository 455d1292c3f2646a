import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RiskModule } from '../risk/risk.module';
import { SchoolsModule } from '../schools/schools.module';
import { Inspection } from './inspection.entity';
import { InspectionsController } from './inspections.controller';
import { InspectionsService } from './inspections.service';

export const INSPECTIONS_ENTITIES = [Inspection];

/** Ofsted inspections of a school, recorded by the API and the Ofsted import. */
@Module({
  imports: [TypeOrmModule.forFeature(INSPECTIONS_ENTITIES), SchoolsModule, RiskModule],
  controllers: [InspectionsController],
  providers: [InspectionsService],
  exports: [InspectionsService],
})
export class InspectionsModule {}
