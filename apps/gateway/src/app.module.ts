import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { GatewayConfig } from './gateway.config';

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
})
export class AppModule {}
