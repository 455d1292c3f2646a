import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RiskModule } from '../risk/risk.module';
import { TrustsModule } from '../trusts/trusts.module';
import { School } from './school.entity';
import { SchoolsController } from './schools.controller';
import { SchoolsService } from './schools.service';

export const SCHOOLS_ENTITIES = [School];

/** The register of a trust's schools: their profile and membership (changed through SchoolChanges). */
@Module({
  imports: [TypeOrmModule.forFeature(SCHOOLS_ENTITIES), TrustsModule, RiskModule],
  controllers: [SchoolsController],
  providers: [SchoolsService],
  exports: [SchoolsService],
})
export class SchoolsModule {}
