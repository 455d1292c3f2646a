import { Body, Controller, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { RecordInspectionDto } from './dto/record-inspection.dto';
import { InspectionsService } from './inspections.service';

@Controller('trusts/:trustId/schools/:urn/inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  record(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number, @Body() dto: RecordInspectionDto) {
    return this.inspections.record(trustId, urn, dto);
  }
}
