import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { ImprovementConfig } from './improvement.config';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'improvement',
      config: ImprovementConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.improvement],
    }),
  ],
})
export class AppModule {}
