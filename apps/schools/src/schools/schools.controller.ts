import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CallerSchools, UuidParam } from '@trustwide/common';
import { UrnParam } from './urn';
import { CreateSchoolDto, JoinTrustDto, LeaveTrustDto, ListSchoolsQuery, UpdateSchoolDto } from './dto/school.dto';
import { mapSchool, type SchoolDetailResponseDto, type SchoolListResponseDto, type SchoolResponseDto } from './dto/school.response';
import { SchoolsService } from './schools.service';

@Controller('trusts/:trustId/schools')
export class SchoolsController {
  constructor(private readonly schools: SchoolsService) {}

  @Post()
  async create(@UuidParam('trustId') trustId: string, @Body() dto: CreateSchoolDto): Promise<SchoolResponseDto> {
    return mapSchool(await this.schools.create(trustId, dto));
  }

  @Get()
  async list(
    @UuidParam('trustId') trustId: string,
    @Query() query: ListSchoolsQuery,
    @CallerSchools() schools: string[] | null,
  ): Promise<SchoolListResponseDto> {
    const { total, items } = await this.schools.list(trustId, query, schools);
    return { total, items: items.map(mapSchool) };
  }

  @Get(':urn')
  get(
    @UuidParam('trustId') trustId: string,
    @UrnParam() urn: number,
    @CallerSchools() schools: string[] | null,
  ): Promise<SchoolDetailResponseDto> {
    return this.schools.get(trustId, urn, schools);
  }

  @Patch(':urn')
  async update(@UuidParam('trustId') trustId: string, @UrnParam() urn: number, @Body() dto: UpdateSchoolDto): Promise<SchoolResponseDto> {
    return mapSchool(await this.schools.update(trustId, urn, dto));
  }

  @Post(':urn/join')
  async join(@UuidParam('trustId') trustId: string, @UrnParam() urn: number, @Body() dto: JoinTrustDto): Promise<SchoolResponseDto> {
    return mapSchool(await this.schools.join(trustId, urn, dto));
  }

  @Post(':urn/leave')
  async leave(@UuidParam('trustId') trustId: string, @UrnParam() urn: number, @Body() dto: LeaveTrustDto): Promise<SchoolResponseDto> {
    return mapSchool(await this.schools.leave(trustId, urn, dto));
  }
}
