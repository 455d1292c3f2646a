import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CapacityController } from './capacity.controller';
import { DeploymentRow, LeaderCapacity } from './capacity.entity';
import { CapacityService } from './capacity.service';
import { DeploymentsHandlers } from './deployments.handlers';

/** Released vs committed days per designated leader and academic year; deployments learnt from the improvement service. */
@Module({
  imports: [TypeOrmModule.forFeature([LeaderCapacity, DeploymentRow])],
  controllers: [CapacityController, DeploymentsHandlers],
  providers: [CapacityService],
  exports: [CapacityService],
})
export class CapacityModule {}
