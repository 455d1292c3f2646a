import { Body, Controller, Post } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { UrnParam } from '../schools/urn';
import { RecordMeasuresDto } from './dto/record-measures.dto';
import type { RecordMeasuresResponseDto } from './dto/measure.response';
import { MeasuresService } from './measures.service';

@Controller('trusts/:trustId/schools/:urn/measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Post()
  record(
    @UuidParam('trustId') trustId: string,
    @UrnParam() urn: number,
    @Body() dto: RecordMeasuresDto,
  ): Promise<RecordMeasuresResponseDto> {
    return this.measures.record(trustId, urn, dto);
  }
}
