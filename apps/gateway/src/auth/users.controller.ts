import { Body, Controller, Get, Patch, Post, Put, Req } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { Accounts } from './accounts.service';
import { ChangeUserDto, CreateUserDto, SignInSettingsDto } from './auth.dto';
import { Allow } from './auth.guard';
import type { AuthenticatedRequest } from './auth.guard';
import { Oidc } from './oidc.service';
import { Users } from './users.service';

/**
 * A trust's users, roles and sign-in settings, managed by its trust administrators; a platform administrator
 * creates a trust's first administrator here.
 */
@Controller('api/trusts/:trustId')
@Allow('trust-admin', 'platform-admin')
export class UsersController {
  constructor(
    private readonly users: Users,
    private readonly accounts: Accounts,
    private readonly oidc: Oidc,
  ) {}

  @Post('users')
  create(@UuidParam('trustId') trustId: string, @Body() body: CreateUserDto, @Req() req: AuthenticatedRequest) {
    return this.users.create(req.caller!, trustId, body);
  }

  @Get('users')
  async list(@UuidParam('trustId') trustId: string) {
    return { items: await this.users.list(trustId) };
  }

  @Get('users/:userId')
  get(@UuidParam('trustId') trustId: string, @UuidParam('userId') userId: string) {
    return this.users.get(trustId, userId);
  }

  @Patch('users/:userId')
  change(
    @UuidParam('trustId') trustId: string,
    @UuidParam('userId') userId: string,
    @Body() body: ChangeUserDto,
    @Req() req: AuthenticatedRequest,
  ) {
    return this.users.change(req.caller!, trustId, userId, body, this.accounts);
  }

  /** A one-time link for the user to set a new password: shown here, to be handed over (no e-mail is sent). */
  @Post('users/:userId/password-reset')
  reset(@UuidParam('trustId') trustId: string, @UuidParam('userId') userId: string, @Req() req: AuthenticatedRequest) {
    return this.users.issueReset(req.caller!, trustId, userId);
  }

  @Get('sign-in-settings')
  settings(@UuidParam('trustId') trustId: string) {
    return this.oidc.view(trustId);
  }

  @Put('sign-in-settings')
  saveSettings(@UuidParam('trustId') trustId: string, @Body() body: SignInSettingsDto) {
    return this.oidc.save(trustId, body);
  }
}
