import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrustsModule } from '../trusts/trusts.module';
import { RiskController } from './risk.controller';
import { RiskService } from './risk.service';
import { TrustRiskRules } from './trust-risk-rules.entity';

export const RISK_ENTITIES = [TrustRiskRules];

/** Each school's risk status, derived from its inspections and measures by the trust's rules. */
@Module({
  imports: [TypeOrmModule.forFeature(RISK_ENTITIES), TrustsModule],
  controllers: [RiskController],
  providers: [RiskService],
  exports: [RiskService],
})
export class RiskModule {}
