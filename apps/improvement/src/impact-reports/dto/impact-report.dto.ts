import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { TakenFromSignIn } from '../../shared/signed-in-actor';
import { REPORT_KINDS, REPORT_STATUSES, type ReportKind, type ReportStatus } from '../report';

export class SubmitReportCommand {
  /** The measured value of each criterion, by criterion id. */
  @IsObject() measured: Record<string, number>;
  @IsString() @Length(1, 20_000) narrative: string;
  @IsString() @Length(1, 200) submittedBy: string;
}

/** Nothing to send: whoever signs off is the caller's linked staff record, and it must be the agreement's QA lead. */
export class SignOffCommand {
  @TakenFromSignIn('signedOffBy', 'whoever signs off') signedOffBy?: unknown;
}

export class ListReportsQuery {
  @IsOptional() @IsUUID() agreementId?: string;
  @IsOptional() @IsIn(REPORT_STATUSES) status?: ReportStatus;
  @IsOptional() @IsIn(REPORT_KINDS) kind?: ReportKind;
  /** `true`: due, past the due date, not submitted. */
  @IsOptional() @Type(() => String) @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(10_000_000) offset?: number;
}
