import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CallerSchools, UuidParam } from '@trustwide/common';
import { EndRoleCommand, JoinStaffCommand, LeaveStaffCommand, ListStaffQuery, MoveStaffCommand, StartRoleCommand } from './dto/staff.dto';
import { mapRoleSpell, mapStaff } from './dto/staff.response';
import { StaffQueries } from './staff.queries';
import { EndRole, JoinStaff, LeaveStaff, MoveStaff, StartRole } from './staff.usecases';

@Controller('trusts/:trustId/staff')
export class StaffController {
  constructor(
    private readonly joinStaff: JoinStaff,
    private readonly moveStaff: MoveStaff,
    private readonly leaveStaff: LeaveStaff,
    private readonly startRole: StartRole,
    private readonly endRole: EndRole,
    private readonly queries: StaffQueries,
  ) {}

  @Post()
  async join(@UuidParam('trustId') trustId: string, @Body() command: JoinStaffCommand) {
    const { staff, roles } = await this.joinStaff.execute(trustId, command);
    return mapStaff(staff, roles);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() query: ListStaffQuery, @CallerSchools() schools: string[] | null) {
    return this.queries.list(trustId, query, schools);
  }

  @Get(':staffId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @CallerSchools() schools: string[] | null) {
    return this.queries.get(trustId, staffId, schools);
  }

  @Post(':staffId/move')
  @HttpCode(200)
  async move(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Body() command: MoveStaffCommand) {
    return mapStaff(await this.moveStaff.execute(trustId, staffId, command));
  }

  @Post(':staffId/leave')
  @HttpCode(200)
  async leave(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Body() command: LeaveStaffCommand) {
    return mapStaff(await this.leaveStaff.execute(trustId, staffId, command));
  }

  @Post(':staffId/roles')
  async start(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string, @Body() command: StartRoleCommand) {
    return mapRoleSpell(await this.startRole.execute(trustId, staffId, command));
  }

  @Post(':staffId/roles/:roleId/end')
  @HttpCode(200)
  async end(
    @UuidParam('trustId') trustId: string,
    @UuidParam('staffId') staffId: string,
    @UuidParam('roleId') roleId: string,
    @Body() command: EndRoleCommand,
  ) {
    return mapRoleSpell(await this.endRole.execute(trustId, staffId, roleId, command));
  }
}
