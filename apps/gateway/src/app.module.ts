import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { AccessControl } from './access/access-control';
import { API_DOCS_CONTROLLERS } from './api-docs/api-docs.controller';
import { AuthModule, AUTH_CONTROLLERS } from './auth/auth.module';
import { AUTH_ENTITIES } from './auth/auth.entities';
import { GatewayConfig } from './gateway.config';
import { SignIn1764000000100 } from './migrations/1764000000100-sign-in';
import { StaffLink1766500000000 } from './migrations/1766500000000-staff-link';
import { SignInCodes1767100000000 } from './migrations/1767100000000-sign-in-codes';
import { ServiceProxyController } from './proxy/service-proxy.controller';
import { Upstreams } from './proxy/upstreams';
import { READ_MODEL_CONTROLLERS, READ_MODEL_MIGRATIONS, ReadModelModule } from './read-model/read-model.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'gateway',
      config: GatewayConfig,
      entities: [...AUTH_ENTITIES],
      migrations: [SignIn1764000000100, ...READ_MODEL_MIGRATIONS, StaffLink1766500000000, SignInCodes1767100000000],
      publishes: [Topics.gateway],
    }),
    AuthModule,
    ReadModelModule,
    // The dashboard (dist/web) at `/`; its middleware passes /api, /health and /.well-known on untouched.
    WebModule,
  ],
  // The gateway's own API first: the proxy answers every other /api path.
  controllers: [...AUTH_CONTROLLERS, ...READ_MODEL_CONTROLLERS, ...API_DOCS_CONTROLLERS, ServiceProxyController],
  providers: [Upstreams, AccessControl],
})
export class AppModule {}
