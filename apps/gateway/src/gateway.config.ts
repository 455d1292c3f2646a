import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';
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

  // ---- Access (apps/gateway/src/access) ----

  /** Writes (POST, PUT, PATCH, DELETE) one user may send through the public API per minute; then 429 + Retry-After. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  WRITE_RATE_LIMIT_PER_MINUTE = 300;

  /** Largest Content-Length of a request body the gateway forwards, uploads (imports) excepted (bytes); then 413. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  MAX_JSON_BODY_BYTES = 1024 * 1024;

  // ---- Sign-in (apps/gateway/src/auth) ----

  /**
   * 'true': a request to the public API without a valid access token is refused 401 (the services refuse one
   * without the gateway's caller token when their own AUTH_REQUIRED is 'true'). 'false' until the lead flips it.
   */
  @IsIn(['true', 'false'], { message: "AUTH_REQUIRED must be 'true' or 'false'" })
  AUTH_REQUIRED = 'false';

  /** The gateway's public URL, for the links it hands out (password reset) and the OpenID Connect redirect URI. */
  @IsUrl(url, { message: 'PUBLIC_URL must be the http(s) URL clients reach the gateway at, e.g. https://trustwide.example.org' })
  PUBLIC_URL = 'http://127.0.0.1:3000';

  /** The dashboard's own origin: the only one CORS lets a browser call the API from (none when unset). */
  @IsOptional()
  @IsUrl(url, { message: 'DASHBOARD_ORIGIN must be an origin such as https://dashboard.trustwide.example.org' })
  DASHBOARD_ORIGIN?: string;

  /** Lifetime of an access token (s). Short: a role change or sign-out is enforced by the services within it. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** A session (its refresh tokens) ends this long after its last refresh (days). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** The signing key is replaced after this many days; the old one stays published until its tokens expire. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  SIGNING_KEY_ROTATION_DAYS = 30;

  /** Failed sign-ins an account may have in SIGN_IN_WINDOW_SECONDS before further attempts are refused (429). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Sign-in attempts one address may make in SIGN_IN_WINDOW_SECONDS. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_MAX_ATTEMPTS_PER_ADDRESS = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGN_IN_WINDOW_SECONDS = 900;

  /** How long a password reset link works (hours). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  PASSWORD_RESET_TTL_HOURS = 24;

  /** With BOOTSTRAP_ADMIN_PASSWORD: the platform administrator created at start when there is none. */
  @IsOptional()
  @IsEmail({}, { message: 'BOOTSTRAP_ADMIN_EMAIL must be an e-mail address' })
  BOOTSTRAP_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @Length(12, 256, { message: 'BOOTSTRAP_ADMIN_PASSWORD must be 12 to 256 characters' })
  BOOTSTRAP_ADMIN_PASSWORD?: string;

  /**
   * 'true' lets a trust's OpenID Connect issuer be a plain-http URL (a provider on this machine in development and
   * tests), and one on this machine or a private network. Off in production: issuers must be https on the internet.
   */
  @IsIn(['true', 'false'])
  OIDC_ALLOW_HTTP_ISSUER = 'false';
}
