import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CapacityModule } from '../capacity/capacity.module';
import { StaffModule } from '../staff/staff.module';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from './designation.entity';
import { DesignationExpiryJob } from './designation-expiry.job';
import { DesignationQueries } from './designation.queries';
import { DesignationTransitions } from './designation-transitions';
import {
  ActivateDesignation,
  ApplyForDesignation,
  ApproveDesignation,
  LapseDesignation,
  ReinstateDesignation,
  RefuseDesignation,
  RenewDesignation,
  RevokeDesignation,
  SuspendDesignation,
} from './designation.usecases';
import { DesignationsController } from './designations.controller';

/** System-leader designations, their lifecycle and the scheduled expiry run. */
@Module({
  imports: [TypeOrmModule.forFeature([DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow]), StaffModule, CapacityModule],
  controllers: [DesignationsController],
  providers: [
    DesignationTransitions,
    DesignationQueries,
    DesignationExpiryJob,
    ApplyForDesignation,
    ApproveDesignation,
    RenewDesignation,
    RefuseDesignation,
    ActivateDesignation,
    SuspendDesignation,
    ReinstateDesignation,
    RevokeDesignation,
    LapseDesignation,
  ],
  exports: [DesignationExpiryJob],
})
export class DesignationsModule {}
