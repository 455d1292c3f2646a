import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { CreateSchoolDto, JoinTrustDto, LeaveTrustDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { SchoolsService } from './schools.service';

@Controller('trusts/:trustId/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  create(@Param('trustId', ParseUUIDPipe) trustId: string, @Body() dto: CreateSchoolDto) {
    return this.schools.create(trustId, dto);
  }

  @Get()
  list(@Param('trustId', ParseUUIDPipe) trustId: string, @Query() query: ListSchoolsQuery) {
    return this.schools.list(trustId, query);
  }

  @Get(':urn')
  get(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number) {
    return this.schools.get(trustId, urn);
  }

  @Patch(':urn')
  update(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number, @Body() dto: UpdateSchoolDto) {
    return this.schools.update(trustId, urn, dto);
  }

  @Post(':urn/join')
  join(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number, @Body() dto: JoinTrustDto) {
    return this.schools.join(trustId, urn, dto);
  }

  @Post(':urn/leave')
  leave(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number, @Body() dto: LeaveTrustDto) {
    return this.schools.leave(trustId, urn, dto);
  }
}
