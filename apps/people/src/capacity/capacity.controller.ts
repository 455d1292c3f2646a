import { Controller, Get, Query } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { CapacityService } from './capacity.service';
import { ListCapacityQuery } from './dto/capacity.dto';

/** Capacity per leader and year; changed only by designations and deployments, so read-only here. */
@Controller('trusts/:trustId/capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() query: ListCapacityQuery) {
    return this.capacity.list(trustId, query);
  }

  @Get(':staffId')
  leader(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Query() query: ListCapacityQuery) {
    return this.capacity.list(trustId, { ...query, staffId });
  }
}
