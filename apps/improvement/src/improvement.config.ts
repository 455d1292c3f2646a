import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ServiceConfig } from '@trustwide/common';

/** Environment of the improvement service (see ServiceConfig for what each variable means). */
export class ImprovementConfig extends ServiceConfig {
  /** How often the scheduled run looks for overdue actions, reports due or overdue and plans at risk (ms); 0 turns it off. Default hourly. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  IMPROVEMENT_SCHEDULE_INTERVAL_MS = 3_600_000;

  /** Days before an impact report's due date that it is announced due (improvement.impact-report.due). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(365)
  IMPROVEMENT_REPORT_REMINDER_DAYS = 14;
}
