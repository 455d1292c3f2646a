import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { GroupGapsQuery, PersonGapsQuery, RecordAssessmentCommand, ReplaceFrameworkCommand } from './dto/skills.dto';
import { SkillsService } from './skills.service';

@Controller('trusts/:trustId')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Get('skills/framework')
  framework(@UuidParam('trustId') trustId: string) {
    return this.skills.framework(trustId);
  }

  @Put('skills/framework')
  replace(@UuidParam('trustId') trustId: string, @Body() command: ReplaceFrameworkCommand) {
    return this.skills.replaceFramework(trustId, command);
  }

  /** Group gaps: `?role=lle&aspiring=true`, `&staffRole=headteacher`, `&schoolId=…`. */
  @Get('skills/gaps')
  groupGaps(@UuidParam('trustId') trustId: string, @Query() query: GroupGapsQuery) {
    return this.skills.groupGaps(trustId, query);
  }

  @Post('staff/:staffId/assessments')
  record(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Body() command: RecordAssessmentCommand) {
    return this.skills.recordAssessment(trustId, staffId, command);
  }

  @Get('staff/:staffId/assessments')
  assessments(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string) {
    return this.skills.assessments(trustId, staffId);
  }

  @Get('staff/:staffId/gaps')
  personGaps(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Query() query: PersonGapsQuery) {
    return this.skills.personGaps(trustId, staffId, query.role);
  }
}
