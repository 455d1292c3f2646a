import { Body, Controller, Get, HttpCode, Patch, Post, Put, Query } from '@nestjs/common';
import { ActingStaff, CallerSchools, UuidParam } from '@trustwide/common';
import { AgreementQueries } from './agreement.queries';
import {
  AgreeAgreement,
  ChangeSupportSettings,
  DeployLeader,
  DraftAgreement,
  MoveAgreement,
  RecordSpend,
  ReleaseLeader,
  UpdateAgreement,
} from './agreement.usecases';
import {
  AgreeCommand,
  DeployLeaderCommand,
  DraftAgreementCommand,
  EndAgreementCommand,
  ListAgreementsQuery,
  RecordSpendCommand,
  StepCommand,
  SupportSettingsCommand,
  UpdateAgreementCommand,
} from './dto/agreement.dto';
import { mapAgreement } from './dto/agreement.response';

/** Support agreements and their whole lifecycle; refusals are 409 (status) or 422 (a rule, with its numbers). */
@Controller('trusts/:trustId/agreements')
export class AgreementsController {
  constructor(
    private readonly queries: AgreementQueries,
    private readonly draftIt: DraftAgreement,
    private readonly updateIt: UpdateAgreement,
    private readonly agreeIt: AgreeAgreement,
    private readonly moveIt: MoveAgreement,
    private readonly deployIt: DeployLeader,
    private readonly releaseIt: ReleaseLeader,
    private readonly spendIt: RecordSpend,
  ) {}

  @Post()
  async draft(@UuidParam('trustId') trustId: string, @Body() command: DraftAgreementCommand) {
    return mapAgreement(await this.draftIt.execute(trustId, command));
  }

  @Get()
  list(@UuidParam('trustId') trustId: string, @Query() query: ListAgreementsQuery, @CallerSchools() schools: string[] | null) {
    return this.queries.list(trustId, query, schools);
  }

  @Get(':agreementId')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @CallerSchools() schools: string[] | null) {
    await this.queries.mine(trustId, id, schools);
    return this.queries.get(trustId, id);
  }

  @Patch(':agreementId')
  async update(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: UpdateAgreementCommand) {
    return mapAgreement(await this.updateIt.execute(trustId, id, command));
  }

  @Post(':agreementId/agree')
  @HttpCode(200)
  async agree(
    @UuidParam('trustId') trustId: string,
    @UuidParam('agreementId') id: string,
    @Body() _: AgreeCommand,
    @ActingStaff('approve an agreement as its QA lead') approverId: string,
  ) {
    return mapAgreement(await this.agreeIt.execute(trustId, id, approverId));
  }

  @Post(':agreementId/start')
  @HttpCode(200)
  async start(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: StepCommand) {
    return mapAgreement(await this.moveIt.execute(trustId, id, 'start', command));
  }

  @Post(':agreementId/complete')
  @HttpCode(200)
  async complete(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: StepCommand) {
    return mapAgreement(await this.moveIt.execute(trustId, id, 'complete', command));
  }

  @Post(':agreementId/end')
  @HttpCode(200)
  async end(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: EndAgreementCommand) {
    return mapAgreement(await this.moveIt.execute(trustId, id, 'end', command));
  }

  @Post(':agreementId/deployments')
  async deploy(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: DeployLeaderCommand) {
    return mapAgreement(await this.deployIt.execute(trustId, id, command));
  }

  @Post(':agreementId/deployments/:leaderId/release')
  @HttpCode(200)
  async release(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @UuidParam('leaderId') leaderId: string) {
    return mapAgreement(await this.releaseIt.execute(trustId, id, leaderId));
  }

  @Post(':agreementId/spends')
  async spend(@UuidParam('trustId') trustId: string, @UuidParam('agreementId') id: string, @Body() command: RecordSpendCommand) {
    const { spend, agreement } = await this.spendIt.execute(trustId, id, command);
    return {
      spend: { id: spend.id, amountPence: spend.amountPence, spentOn: spend.spentOn, description: spend.description },
      agreement: mapAgreement(agreement),
    };
  }
}

/** Funding by source, for reporting on each pot. */
@Controller('trusts/:trustId/funding')
export class FundingController {
  constructor(private readonly queries: AgreementQueries) {}

  @Get()
  bySource(@UuidParam('trustId') trustId: string) {
    return this.queries.fundingBySource(trustId);
  }
}

/** The trust's view of its support: a school's, a leader's, open flags, travel, and its limits. */
@Controller('trusts/:trustId/support')
export class SupportController {
  constructor(
    private readonly queries: AgreementQueries,
    private readonly changeSettings: ChangeSupportSettings,
  ) {}

  @Get('settings')
  settings(@UuidParam('trustId') trustId: string) {
    return this.queries.settings(trustId);
  }

  @Put('settings')
  change(@UuidParam('trustId') trustId: string, @Body() command: SupportSettingsCommand) {
    return this.changeSettings.execute(trustId, command);
  }

  @Get('schools/:schoolId')
  school(@UuidParam('trustId') trustId: string, @UuidParam('schoolId') schoolId: string) {
    return this.queries.ofSchool(trustId, schoolId);
  }

  @Get('leaders/:staffId')
  leader(@UuidParam('trustId') trustId: string, @UuidParam('staffId') staffId: string) {
    return this.queries.ofLeader(trustId, staffId);
  }

  @Get('flags')
  flags(@UuidParam('trustId') trustId: string) {
    return this.queries.openFlags(trustId);
  }

  @Get('travel')
  travel(@UuidParam('trustId') trustId: string) {
    return this.queries.travel(trustId);
  }
}
