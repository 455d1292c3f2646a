import { IsIn, IsOptional, IsString, IsUrl, ValidateIf } from 'class-validator';

/**
 * How a service checks who is calling (read from the environment beside ServiceConfig).
 * AUTH_REQUIRED stays 'false' until the gateway signs everyone in and the lead flips it; production sets 'true'.
 */
export class CallerAuthConfig {
  /** 'true': a request without a valid caller token from the gateway is refused 401 (except /health). */
  @IsIn(['true', 'false'], { message: "AUTH_REQUIRED must be 'true' or 'false'" })
  AUTH_REQUIRED = 'false';

  /** Where the gateway publishes its signing keys, e.g. http://127.0.0.1:3000/.well-known/jwks.json */
  @ValidateIf((c: CallerAuthConfig) => c.GATEWAY_JWKS_URL !== undefined || (c.AUTH_REQUIRED === 'true' && !c.GATEWAY_JWKS))
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    {
      message:
        'GATEWAY_JWKS_URL must be the http(s) URL of the gateway JWKS, e.g. http://127.0.0.1:3000/.well-known/jwks.json (required when AUTH_REQUIRED is true and GATEWAY_JWKS is not set)',
    },
  )
  GATEWAY_JWKS_URL?: string;

  /** The gateway's public keys as a JWKS JSON document, instead of GATEWAY_JWKS_URL (no fetch). */
  @IsOptional()
  @IsString()
  GATEWAY_JWKS?: string;
}
