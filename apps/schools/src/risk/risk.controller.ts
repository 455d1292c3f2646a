import { Body, Controller, Get, Put } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { TrustsService } from '../trusts/trusts.service';
import type { ReplaceRiskRulesResponseDto, RiskRulesResponseDto } from './dto/risk-rules.response';
import { RiskService } from './risk.service';

/** The rules that turn inspections and measure trends into a risk status, visible and configurable per trust. */
@Controller('trusts/:trustId/risk-rules')
export class RiskController {
  constructor(
    private readonly risk: RiskService,
    private readonly trusts: TrustsService,
  ) {}

  @Get()
  async get(@UuidParam('trustId') trustId: string): Promise<RiskRulesResponseDto> {
    await this.trusts.get(trustId);
    return this.risk.rules(trustId);
  }

  /** The body is the whole rules document (see GET for the current one); it is validated before use. */
  @Put()
  replace(@UuidParam('trustId') trustId: string, @Body() rules: unknown): Promise<ReplaceRiskRulesResponseDto> {
    return this.risk.replaceRules(trustId, rules);
  }
}
