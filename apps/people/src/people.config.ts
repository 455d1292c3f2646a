import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ImportingServiceConfig } from '@trustwide/common';

/** Environment of the people service (see ServiceConfig and ImportingServiceConfig for what each variable means). */
export class PeopleConfig extends ImportingServiceConfig {
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
}
