import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { RegisterTrustDto, UpdateTrustDto } from './dto/trust.dto';
import { TrustsService } from './trusts.service';

@Controller('trusts')
export class TrustsController {
  constructor(private readonly trusts: TrustsService) {}

  @Post()
  register(@Body() dto: RegisterTrustDto) {
    return this.trusts.register(dto);
  }

  @Get(':trustId')
  get(@Param('trustId', ParseUUIDPipe) trustId: string) {
    return this.trusts.get(trustId);
  }

  @Patch(':trustId')
  update(@Param('trustId', ParseUUIDPipe) trustId: string, @Body() dto: UpdateTrustDto) {
    return this.trusts.update(trustId, dto);
  }
}
