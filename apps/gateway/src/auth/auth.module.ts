import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { json } from 'express';
import helmet from 'helmet';
import { GatewayConfig } from '../gateway.config';
import { Accounts } from './accounts.service';
import { Audit } from './audit';
import { AuthController, JwksController, PlatformAdminController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { Clock } from './clock';
import { dashboardCors, noStore } from './cors';
import { Oidc } from './oidc.service';
import { SignInCodes } from './sign-in-codes';
import { SigningKeys } from './signing-keys.service';
import { Tokens } from './tokens.service';
import { UsersController } from './users.controller';
import { Users } from './users.service';

/** Controllers of the gateway's own API; listed before the proxy's so their paths are not forwarded. */
export const AUTH_CONTROLLERS = [AuthController, UsersController, PlatformAdminController, JwksController];

/**
 * Sign-in and tokens at the gateway: local accounts, single sign-on, the JWKS, the guard in front of every route,
 * security headers on every answer and CORS for the dashboard's origin only.
 */
@Module({
  providers: [Clock, SigningKeys, Tokens, Audit, Accounts, Users, Oidc, SignInCodes, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [Clock, SigningKeys, Tokens, Accounts, Users, Oidc, SignInCodes],
})
export class AuthModule implements NestModule {
  constructor(@Inject(GatewayConfig) private readonly config: GatewayConfig) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(helmet(), dashboardCors(this.config.DASHBOARD_ORIGIN)).forRoutes('*path');
    // The gateway forwards the public API's bodies untouched; its own endpoints take small JSON bodies.
    consumer.apply(json({ limit: '64kb' })).forRoutes(...AUTH_CONTROLLERS);
    consumer.apply(noStore).forRoutes(AuthController, UsersController, PlatformAdminController);
  }
}
