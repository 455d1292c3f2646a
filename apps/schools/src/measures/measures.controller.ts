import { Body, Controller, Param, ParseIntPipe, ParseUUIDPipe, Post } from '@nestjs/common';
import { RecordMeasuresDto } from './dto/record-measures.dto';
import { MeasuresService } from './measures.service';

@Controller('trusts/:trustId/schools/:urn/measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Post()
  record(@Param('trustId', ParseUUIDPipe) trustId: string, @Param('urn', ParseIntPipe) urn: number, @Body() dto: RecordMeasuresDto) {
    return this.measures.record(trustId, urn, dto);
  }
}
