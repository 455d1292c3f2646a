import { Module } from '@nestjs/common';
import { StaffModule } from '../staff/staff.module';
import { PrivacyController } from './privacy.controller';
import { EraseStaff, ExportStaffData } from './privacy.usecases';

/** Erasure and subject-access export across every table of the service. */
@Module({
  imports: [StaffModule],
  controllers: [PrivacyController],
  providers: [EraseStaff, ExportStaffData],
})
export class PrivacyModule {}
