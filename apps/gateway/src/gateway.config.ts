import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { ServiceConfig } from '@trustwide/common';

const url = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Environment of the gateway: its own database (the read model) and where each service answers. */
export class GatewayConfig extends ServiceConfig {
  /** Base URL of the schools service, e.g. http://127.0.0.1:3001 */
  @IsUrl(url, { message: 'SCHOOLS_URL must be the http(s) URL of the schools service, e.g. http://127.0.0.1:3001' })
  SCHOOLS_URL: string;

  @IsUrl(url, { message: 'PEOPLE_URL must be the http(s) URL of the people service, e.g. http://127.0.0.1:3002' })
  PEOPLE_URL: string;

  @IsUrl(url, { message: 'IMPROVEMENT_URL must be the http(s) URL of the improvement service, e.g. http://127.0.0.1:3003' })
  IMPROVEMENT_URL: string;

  @IsUrl(url, { message: 'CPD_URL must be the http(s) URL of the cpd service, e.g. http://127.0.0.1:3004' })
  CPD_URL: string;

  /**
   * Longest a pooled connection to a service stays idle (ms). Kept below the services' keepAliveTimeout
   * (65 s) so the gateway never sends on a connection the service is closing.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  UPSTREAM_KEEP_ALIVE_MS = 30_000;
}
