import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { StaffImportJob } from './staff-import-job.entity';
import { StaffImportsController } from './staff-imports.controller';
import { StaffImportsService } from './staff-imports.service';

/** Bulk staff import from a school's MIS/HR export, through the staff use cases. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffImportJob]), StaffModule],
  controllers: [StaffImportsController],
  providers: [StaffImportsService],
})
export class StaffImportsModule {}
