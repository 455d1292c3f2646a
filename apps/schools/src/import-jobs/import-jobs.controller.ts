import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { UuidParam } from '@trustwide/common';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { IMPORT_KINDS } from './import-job.entity';
import type { ImportKind, ImportScope } from './import-job.entity';
import { ImportJobsService } from './import-jobs.service';

export class StartImportQuery {
  /** Detected from the file's header when not given. */
  @IsOptional() @IsIn(IMPORT_KINDS) kind?: ImportKind;
  /** `trust` (default): only the trust's own schools; `all`: every row of the file. */
  @IsOptional() @IsIn(['trust', 'all']) scope?: ImportScope;
  @IsOptional() @IsString() @Length(1, 300) fileName?: string;
  /** `true`: answer when the import has finished instead of at once. */
  @IsOptional() @IsIn(['true', 'false']) wait?: string;
}

/** The upload path: its body is the file, streamed to disk whatever its content type. */
export const IMPORT_UPLOADS = /^\/trusts\/[^/]+\/imports\/?$/;

/**
 * POST the CSV file as the request body (any content type but JSON), e.g.
 * `curl --data-binary @edubasealldata.csv -H 'content-type: text/csv' .../imports?scope=all`.
 */
@Controller('trusts/:trustId/imports')
export class ImportJobsController {
  constructor(private readonly imports: ImportJobsService) {}

  /** 202 with the queued job; with `wait=true`, 200 with the finished one (its `status` says how it went). */
  @Post()
  @HttpCode(202)
  async start(@UuidParam('trustId') trustId: string, @Query() query: StartImportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const job = await this.imports.start(trustId, req, { kind: query.kind, scope: query.scope ?? 'trust', fileName: query.fileName });
    if (query.wait !== 'true') return job;
    res.status(200);
    return this.imports.waitFor(trustId, job.id);
  }

  @Get()
  list(@UuidParam('trustId') trustId: string) {
    return this.imports.list(trustId);
  }

  @Get(':id')
  get(@UuidParam('trustId') trustId: string, @UuidParam('id') id: string) {
    return this.imports.get(trustId, id);
  }
}
