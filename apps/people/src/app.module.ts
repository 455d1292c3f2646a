import { Module } from '@nestjs/common';
import { Topics, TrustwideModule } from '@trustwide/common';
import { PeopleConfig } from './people.config';

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'people',
      config: PeopleConfig,
      entities: [],
      migrations: [],
      publishes: [Topics.people],
    }),
  ],
})
export class AppModule {}
