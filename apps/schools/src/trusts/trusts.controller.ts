import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { FindTrustsQuery, RegisterTrustDto, UpdateTrustDto } from './dto/trust.dto';
import { mapTrust, type TrustResponseDto } from './dto/trust.response';
import { TrustsService } from './trusts.service';

@Controller('trusts')
export class TrustsController {
  constructor(private readonly trusts: TrustsService) {}

  @Post()
  async register(@Body() dto: RegisterTrustDto): Promise<TrustResponseDto> {
    return mapTrust(await this.trusts.register(dto));
  }

  /** Trusts by GIAS group UID (the platform's own registry; tenants see only their own through the gateway). */
  @Get()
  async find(@Query() query: FindTrustsQuery): Promise<TrustResponseDto[]> {
    return (await this.trusts.find(query.groupUid)).map(mapTrust);
  }

  @Get(':trustId')
  async get(@UuidParam('trustId') trustId: string): Promise<TrustResponseDto> {
    return mapTrust(await this.trusts.get(trustId));
  }

  @Patch(':trustId')
  async update(@UuidParam('trustId') trustId: string, @Body() dto: UpdateTrustDto): Promise<TrustResponseDto> {
    return mapTrust(await this.trusts.update(trustId, dto));
  }
}
