import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { GatewayConfig } from './gateway.config';
import { ServiceProxyController } from './proxy/service-proxy.controller';
import { Upstreams } from './proxy/upstreams';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'gateway',
      config: GatewayConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.gateway],
    }),
  ],
  controllers: [ServiceProxyController],
  providers: [Upstreams],
})
export class AppModule {}
