import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoleSpellRow } from './role-spell.entity';
import { StaffController } from './staff.controller';
import { Staff } from './staff.entity';
import { StaffQueries } from './staff.queries';
import { StaffStore } from './staff.store';
import { EndRole, JoinStaff, LeaveStaff, MoveStaff, StartRole } from './staff.usecases';

/** Staff records and their roles over time. */
@Module({
  imports: [TypeOrmModule.forFeature([Staff, RoleSpellRow])],
  controllers: [StaffController],
  providers: [StaffStore, StaffQueries, JoinStaff, MoveStaff, LeaveStaff, StartRole, EndRole],
  exports: [StaffStore, JoinStaff, MoveStaff, StartRole, EndRole],
})
export class StaffModule {}
