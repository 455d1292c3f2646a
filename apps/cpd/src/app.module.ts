import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { CpdConfig } from './cpd.config';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'cpd',
      config: CpdConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.cpd],
    }),
  ],
})
export class AppModule {}
