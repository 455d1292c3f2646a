import { Global, Inject, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { loadConfig } from '../config/service-config';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';
import { CallerAuthConfig } from './caller-auth.config';
import { CallerGuard } from './caller.guard';

/** The service side of sign-in: CallerGuard on every route of the app (TrustwideModule imports it). */
@Global()
@Module({
  providers: [
    {
      provide: CallerAuthConfig,
      inject: [SERVICE_OPTIONS],
      // The gateway verifies its callers' access tokens itself (apps/gateway/src/auth) and signs the caller tokens.
      useFactory: (options: ServiceModuleOptions) =>
        options.service === 'gateway' ? new CallerAuthConfig() : loadConfig(options.service, CallerAuthConfig),
    },
    { provide: APP_GUARD, useClass: CallerGuard },
  ],
  exports: [CallerAuthConfig],
})
export class CallerAuthModule {
  constructor(@Inject(CallerAuthConfig) readonly config: CallerAuthConfig) {}
}
