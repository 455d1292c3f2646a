import { LogicalTopic } from '../events/topics';
import { ServiceConfig } from '../config/service-config';

export interface ServiceConsumerOptions {
  /** Consumer group name (unique per projection); the dead-letter topic is named after it. */
  group: string;
  /** Topics whose events this service handles (with @OnEvent methods on its providers). */
  topics: LogicalTopic[];
  /** Events applied per transaction when a batch is waiting (projections: larger is faster). */
  transactionBatchSize?: number;
  /** Read a new group's topics from the start (true for projections that must see every fact). */
  fromBeginning?: boolean;
}

export interface ServiceModuleOptions<C extends ServiceConfig = ServiceConfig> {
  /** Service name: logs, client id, event `source`. */
  service: string;
  /** The app's config class (validated at boot). */
  config: new () => C;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  consumer?: ServiceConsumerOptions;
  /** Topics this service publishes to; created at start so consumers can subscribe before the first event. */
  publishes?: LogicalTopic[];
}
