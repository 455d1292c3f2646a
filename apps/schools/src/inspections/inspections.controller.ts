import { Body, Controller, Post } from '@nestjs/common';
import { UuidParam, IntParam } from '@trustwide/common';
import { RecordInspectionDto } from './dto/record-inspection.dto';
import { InspectionsService } from './inspections.service';

@Controller('trusts/:trustId/schools/:urn/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  record(@UuidParam('trustId') trustId: string, @IntParam('urn', 100000, 9999999) urn: number, @Body() dto: RecordInspectionDto) {
    return this.inspections.record(trustId, urn, dto);
  }
}
