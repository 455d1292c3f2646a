import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { AlsoAnswers, UploadRefused, UuidParam } from '@trustwide/common';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { IMPORT_KINDS, mapImportJob } from './import-job.response';
import type { ImportJobResponseDto, ImportKind, ImportScope } from './import-job.response';
import { ImportsService } from './imports.service';

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
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * 202 with the queued job; with `wait=true`, 200 with the finished one (its `status` says how it went).
   * 413 when the file is over the upload limit (before reading it when Content-Length says so); 503 with
   * Retry-After when this instance has no room for another upload or import.
   */
  @Post()
  @HttpCode(202)
  @AlsoAnswers(200, 'with `wait=true`: the finished import (its `status` says how it went)')
  async start(
    @UuidParam('trustId') trustId: string,
    @Query() query: StartImportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportJobResponseDto> {
    const length = req.headers['content-length'];
    const declaredBytes = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
    let job;
    try {
      job = await this.imports.start(trustId, req, {
        kind: query.kind,
        scope: query.scope ?? 'trust',
        fileName: query.fileName,
        declaredBytes,
      });
    } catch (err) {
      if (err instanceof UploadRefused) {
        if (err.retryAfter !== null) res.setHeader('Retry-After', String(err.retryAfter));
        // The rest of the body is not wanted: close rather than read it to keep the connection.
        if (!req.complete) res.setHeader('Connection', 'close');
      }
      throw err;
    }
    if (query.wait !== 'true') return mapImportJob(job);
    res.status(200);
    return mapImportJob(await this.imports.waitFor(trustId, job.id));
  }

  @Get()
  async list(@UuidParam('trustId') trustId: string): Promise<ImportJobResponseDto[]> {
    return (await this.imports.list(trustId)).map(mapImportJob);
  }

  @Get(':id')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('id') id: string): Promise<ImportJobResponseDto> {
    return mapImportJob(await this.imports.get(trustId, id));
  }
}
