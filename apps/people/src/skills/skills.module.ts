import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { SkillsController } from './skills.controller';
import { SkillsAssessmentRow, SkillsFrameworkRow } from './skills.entity';
import { SkillsService } from './skills.service';

/** The skills framework per trust, self-assessments and gap reports. */
@Module({
  imports: [TypeOrmModule.forFeature([SkillsFrameworkRow, SkillsAssessmentRow]), StaffModule],
  controllers: [SkillsController],
  providers: [SkillsService],
})
export class SkillsModule {}
