import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { FindTrustsQuery, RegisterTrustDto, UpdateTrustDto } from './dto/trust.dto';
import { TrustsService } from './trusts.service';

@Controller('trusts')
export class TrustsController {
  constructor(private readonly trusts: TrustsService) {}

  @Post()
  register(@Body() dto: RegisterTrustDto) {
    return this.trusts.register(dto);
  }

  /** Trusts by GIAS group UID (the platform's own registry; tenants see only their own through the gateway). */
  @Get()
  find(@Query() query: FindTrustsQuery) {
    return this.trusts.find(query.groupUid);
  }

  @Get(':trustId')
  get(@UuidParam('trustId') trustId: string) {
    return this.trusts.get(trustId);
  }

  @Patch(':trustId')
  update(@UuidParam('trustId') trustId: string, @Body() dto: UpdateTrustDto) {
    return this.trusts.update(trustId, dto);
  }
}
