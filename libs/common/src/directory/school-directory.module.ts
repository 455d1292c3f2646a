import { DynamicModule, Module } from '@nestjs/common';
import { Topics } from '@trustwide/common';
import { ConsumerDeclaration } from '../module/consumer.provider';
import { CreateSchoolDirectory1764000000000 } from './create-school-directory.migration';
import { SchoolDirectoryEntry } from './school-directory.entity';
import { SCHOOL_DIRECTORY_CONSUMER, SchoolDirectoryHandlers } from './school-directory.handlers';
import { SchoolDirectory } from './school-directory.service';

/** What an app lists in `TrustwideModule.forService` to keep a school directory. */
export const SCHOOL_DIRECTORY_ENTITIES = [SchoolDirectoryEntry];
export const SCHOOL_DIRECTORY_MIGRATIONS = [CreateSchoolDirectory1764000000000];

export interface SchoolDirectoryOptions {
  /** Events applied per transaction when a batch is waiting [500]. */
  transactionBatchSize?: number;
  /** How long a membership or risk event waits for its school's registration, in ms [120000]. */
  orderingRetryMs?: number;
}

/**
 * A school directory the including service keeps for itself, from the schools service's events: its
 * own consumer (group `<service>.school-directory`, dead letters on `trustwide.dlq.<service>.school-directory`),
 * its own table `school_directory`, and `SchoolDirectory` to query it. The template for a projection:
 * entity, migration, handlers, query service, a consumer of its own that can be reset and rebuilt.
 *
 *   imports: [TrustwideModule.forService({ ..., entities: [...SCHOOL_DIRECTORY_ENTITIES], migrations: [...SCHOOL_DIRECTORY_MIGRATIONS] }),
 *             SchoolDirectoryModule.forConsumer()]
 */
@Module({})
export class SchoolDirectoryModule {
  static forConsumer(options: SchoolDirectoryOptions = {}): DynamicModule {
    return {
      module: SchoolDirectoryModule,
      controllers: [SchoolDirectoryHandlers],
      providers: [
        SchoolDirectory,
        {
          provide: ConsumerDeclaration,
          useValue: new ConsumerDeclaration({
            name: SCHOOL_DIRECTORY_CONSUMER,
            topics: [Topics.schools],
            transactionBatchSize: options.transactionBatchSize ?? 500,
            orderingRetryMs: options.orderingRetryMs,
            fromBeginning: true,
          }),
        },
      ],
      exports: [SchoolDirectory],
    };
  }
}
