import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { Request, Response } from 'express';
import { AlsoAnswers, UploadRefused, UuidParam } from '@trustwide/common';
import { toStaffImportView } from './staff-import-job.entity';
import type { StaffImportView } from './staff-import.view';
import { StaffImportsService } from './staff-imports.service';

export class StartStaffImportQuery {
  @IsOptional() @IsString() @Length(1, 300) fileName?: string;
  /** `true`: answer when the import has finished instead of at once. */
  @IsOptional() @IsIn(['true', 'false']) wait?: string;
}

/** The upload path: its body is the CSV file, streamed to disk whatever its content type. */
export const STAFF_IMPORT_UPLOADS = /^\/trusts\/[^/]+\/staff\/imports\/?$/;

/** `curl --data-binary @staff.csv -H 'content-type: text/csv' …/trusts/$T/staff/imports` */
@Controller('trusts/:trustId/staff/imports')
export class StaffImportsController {
  constructor(private readonly imports: StaffImportsService) {}

  /** 202 with the queued job; `wait=true`: 200 with the finished one. 413 over the upload limit; 503 + Retry-After when full. */
  @Post()
  @HttpCode(202)
  @AlsoAnswers(200, 'with `wait=true`: the finished import (its `status` says how it went)')
  async start(
    @UuidParam('trustId') trustId: string,
    @Query() query: StartStaffImportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffImportView> {
    const length = req.headers['content-length'];
    const declaredBytes = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
    let job;
    try {
      job = await this.imports.start(trustId, req, { fileName: query.fileName, declaredBytes });
    } catch (err) {
      if (err instanceof UploadRefused) {
        if (err.retryAfter !== null) res.setHeader('Retry-After', String(err.retryAfter));
        if (!req.complete) res.setHeader('Connection', 'close');
      }
      throw err;
    }
    if (query.wait !== 'true') return toStaffImportView(job);
    res.status(200);
    return toStaffImportView(await this.imports.waitFor(trustId, job.id));
  }

  @Get()
  async list(@UuidParam('trustId') trustId: string): Promise<StaffImportView[]> {
    return (await this.imports.list(trustId)).map(toStaffImportView);
  }

  @Get(':importId')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('importId') importId: string): Promise<StaffImportView> {
    return toStaffImportView(await this.imports.get(trustId, importId));
  }
}
