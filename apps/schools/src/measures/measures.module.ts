import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RiskModule } from '../risk/risk.module';
import { SchoolsModule } from '../schools/schools.module';
import { Measure } from './measure.entity';
import { MeasuresController } from './measures.controller';
import { MeasuresService } from './measures.service';

export const MEASURES_ENTITIES = [Measure];

/** A school's measures (attendance, exclusions, …) per period, with their history. */
@Module({
  imports: [TypeOrmModule.forFeature(MEASURES_ENTITIES), SchoolsModule, RiskModule],
  controllers: [MeasuresController],
  providers: [MeasuresService],
  exports: [MeasuresService],
})
export class MeasuresModule {}
