import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ServiceConfig } from './service-config';

/** Environment of a service that takes CSV uploads through an UploadQueue (the schools and people services). */
export abstract class ImportingServiceConfig extends ServiceConfig {
  /** Largest upload (bytes); a larger Content-Length is refused with 413 before the body is read. A service may set its own default. */
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

  /** Longest CSV record (bytes, separators and quotes included); a longer one fails the import, naming its line. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  CSV_MAX_RECORD_BYTES = 1024 * 1024;

  /** Where uploads wait to be imported [a folder of the OS temporary folder, named by the service]; swept of leftovers at start. */
  @IsOptional()
  @IsString()
  IMPORT_UPLOAD_DIR?: string;
}
