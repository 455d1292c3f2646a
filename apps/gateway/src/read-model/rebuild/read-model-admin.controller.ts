import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { Allow } from '../../auth/auth.guard';
import { ReadModelRebuild } from './read-model-rebuild.service';
import type { RebuildStatus } from './read-model-rebuild.service';

/** Operating the read model: a rebuild beside the live one, and how it goes. Platform administrators only. */
@Controller('api/admin/read-model')
@Allow('platform-admin')
export class ReadModelAdminController {
  constructor(private readonly rebuild: ReadModelRebuild) {}

  /** 202 with the rebuild's status; 409 while one is running. */
  @Post('rebuild')
  @HttpCode(202)
  start(): RebuildStatus {
    return this.rebuild.start();
  }

  @Get('rebuild')
  status(): RebuildStatus {
    return this.rebuild.status();
  }
}
