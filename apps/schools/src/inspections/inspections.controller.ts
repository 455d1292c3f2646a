import { Body, Controller, Post } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { UrnParam } from '../schools/urn';
import { RecordInspectionDto } from './dto/record-inspection.dto';
import { mapInspection, type InspectionResponseDto } from './dto/inspection.response';
import { InspectionsService } from './inspections.service';

@Controller('trusts/:trustId/schools/:urn/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  async record(
    @UuidParam('trustId') trustId: string,
    @UrnParam() urn: number,
    @Body() dto: RecordInspectionDto,
  ): Promise<InspectionResponseDto> {
    return mapInspection(await this.inspections.record(trustId, urn, dto));
  }
}
