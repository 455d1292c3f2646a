import { ImportingServiceConfig } from '@trustwide/common';

/** Environment of the schools service (see ServiceConfig and ImportingServiceConfig for what each variable means). */
export class SchoolsConfig extends ImportingServiceConfig {
  /** GIAS's establishment file is large: the default upload limit is 512 MiB here. */
  override IMPORT_MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
}
