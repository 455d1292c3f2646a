import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QualificationRow } from './qualification.entity';
import { QualificationsHandlers } from './qualifications.handlers';

/** Qualifications awarded by the cpd service, kept on the person (read in `GET …/staff/:id` and the export). */
@Module({
  imports: [TypeOrmModule.forFeature([QualificationRow])],
  controllers: [QualificationsHandlers],
})
export class QualificationsModule {}
