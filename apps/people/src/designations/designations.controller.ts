import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { DesignationQueries } from './designation.queries';
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
import {
  ApplyForDesignationCommand,
  ApproveDesignationCommand,
  DecisionCommand,
  ListDesignationsQuery,
  RenewDesignationCommand,
} from './dto/designation.dto';
import { mapDesignation } from './dto/designation.response';

/** Each transition is its own command; a refusal answers 409 (status) or 422 (evidence) naming the rule. */
@Controller('trusts/:trustId/designations')
export class DesignationsController {
  constructor(
    private readonly queries: DesignationQueries,
    private readonly applyFor: ApplyForDesignation,
    private readonly approveIt: ApproveDesignation,
    private readonly renewIt: RenewDesignation,
    private readonly refuseIt: RefuseDesignation,
    private readonly activateIt: ActivateDesignation,
    private readonly suspendIt: SuspendDesignation,
    private readonly reinstateIt: ReinstateDesignation,
    private readonly revokeIt: RevokeDesignation,
    private readonly lapseIt: LapseDesignation,
  ) {}

  @Post()
  async apply(@UuidParam('trustId') trustId: string, @Body() command: ApplyForDesignationCommand) {
    return mapDesignation(await this.applyFor.execute(trustId, command));
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() query: ListDesignationsQuery) {
    return this.queries.list(trustId, query);
  }

  @Get(':designationId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string) {
    return this.queries.get(trustId, id);
  }

  @Post(':designationId/approve')
  @HttpCode(200)
  async approve(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: ApproveDesignationCommand) {
    return mapDesignation(await this.approveIt.execute(trustId, id, command));
  }

  @Post(':designationId/renew')
  @HttpCode(200)
  async renew(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: RenewDesignationCommand) {
    return mapDesignation(await this.renewIt.execute(trustId, id, command));
  }

  @Post(':designationId/refuse')
  @HttpCode(200)
  async refuse(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.refuseIt.execute(trustId, id, command));
  }

  @Post(':designationId/activate')
  @HttpCode(200)
  async activate(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.activateIt.execute(trustId, id, command));
  }

  @Post(':designationId/suspend')
  @HttpCode(200)
  async suspend(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.suspendIt.execute(trustId, id, command));
  }

  @Post(':designationId/reinstate')
  @HttpCode(200)
  async reinstate(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.reinstateIt.execute(trustId, id, command));
  }

  @Post(':designationId/revoke')
  @HttpCode(200)
  async revoke(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.revokeIt.execute(trustId, id, command));
  }

  @Post(':designationId/lapse')
  @HttpCode(200)
  async lapse(@UuidParam('trustId') trustId: string, @UuidParam('designationId') id: string, @Body() command: DecisionCommand) {
    return mapDesignation(await this.lapseIt.execute(trustId, id, command));
  }
}
