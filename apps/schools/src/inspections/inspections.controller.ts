import { Body, Controller, Post } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { UrnParam } from '../schools/urn';
import { RecordInspectionDto } from './dto/record-inspection.dto';
import { InspectionsService } from './inspections.service';

@Controller('trusts/:trustId/schools/:urn/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  record(@UuidParam('trustId') trustId: string, @UrnParam() urn: number, @Body() dto: RecordInspectionDto) {
    return this.inspections.record(trustId, urn, dto);
  }
}
