import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { SchoolsConfig } from './schools.config';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'schools',
      config: SchoolsConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.schools],
    }),
  ],
})
export class AppModule {}
