import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CapacityController } from './capacity.controller';
import { DeploymentRow, LeaderCapacity } from './capacity.entity';
import { CapacityService } from './capacity.service';

/** Released vs committed days per designated leader and academic year. */
@Module({
  imports: [TypeOrmModule.forFeature([LeaderCapacity, DeploymentRow])],
  controllers: [CapacityController],
  providers: [CapacityService],
  exports: [CapacityService],
})
export class CapacityModule {}
