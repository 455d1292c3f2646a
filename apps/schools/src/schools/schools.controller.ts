import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CallerSchools, UuidParam, IntParam } from '@trustwide/common';
import { CreateSchoolDto, JoinTrustDto, LeaveTrustDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { SchoolsService } from './schools.service';

@Controller('trusts/:trustId/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  create(@UuidParam('trustId') trustId: string, @Body() dto: CreateSchoolDto) {
    return this.schools.create(trustId, dto);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() query: ListSchoolsQuery, @CallerSchools() schools: string[] | null) {
    return this.schools.list(trustId, query, schools);
  }

  @Get(':urn')
  get(@UuidParam('trustId') trustId: string, @IntParam('urn', 100000, 9999999) urn: number, @CallerSchools() schools: string[] | null) {
    return this.schools.get(trustId, urn, schools);
  }

  @Patch(':urn')
  update(@UuidParam('trustId') trustId: string, @IntParam('urn', 100000, 9999999) urn: number, @Body() dto: UpdateSchoolDto) {
    return this.schools.update(trustId, urn, dto);
  }

  @Post(':urn/join')
  join(@UuidParam('trustId') trustId: string, @IntParam('urn', 100000, 9999999) urn: number, @Body() dto: JoinTrustDto) {
    return this.schools.join(trustId, urn, dto);
  }

  @Post(':urn/leave')
  leave(@UuidParam('trustId') trustId: string, @IntParam('urn', 100000, 9999999) urn: number, @Body() dto: LeaveTrustDto) {
    return this.schools.leave(trustId, urn, dto);
  }
}
