import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from '@trustwide/common';

/** Environment of the people service (see ServiceConfig for what each variable means). */
export class PeopleConfig extends ServiceConfig {
  /** How often the designation expiry run looks for ended and ending terms (ms); 0 turns it off. Default hourly. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  PEOPLE_EXPIRY_INTERVAL_MS = 3_600_000;

  /** Days before a term ends that it is flagged for renewal (people.designation.due-for-renewal). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(730)
  PEOPLE_RENEWAL_WINDOW_DAYS = 90;

  /** Largest staff list upload (bytes); a larger Content-Length is refused with 413 before the body is read. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  IMPORT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

  /** Uploads one instance receives at once; one more is answered 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  IMPORT_MAX_CONCURRENT_UPLOADS = 4;

  /** Imports one instance holds, waiting or running (uploads in progress count); one more is answered 503 with Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  IMPORT_MAX_QUEUED = 10;

  /** Longest CSV record (bytes); a longer one fails the import, naming its line. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  CSV_MAX_RECORD_BYTES = 1024 * 1024;

  /** Where uploads wait to be imported [the OS temporary folder's trustwide-staff-imports]; swept of leftovers at start. */
  @IsOptional()
  @IsString()
  IMPORT_UPLOAD_DIR?: string;
}
