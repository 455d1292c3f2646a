import type { LogicalTopic } from '@trustwide/common';
import { ServiceConfig } from '../config/service-config';
import type { OwnLedger } from '../consumer/event-consumer';

export interface ServiceConsumerOptions {
  /**
   * The consumer's name in the service; handlers bind to it with `@OnEvent(type, { consumer: name })`.
   * Defaults to the group.
   */
  name?: string;
  /**
   * Consumer group (one per projection; the dead-letter topic `trustwide.dlq.<group>` is named after
   * it). Defaults to `<service>.<name>`, so two services keeping the same projection never share a group.
   */
  group?: string;
  /** Topics whose events this consumer handles (default: the topics of the events its handlers name). */
  topics?: LogicalTopic[];
  /** Events applied per transaction when a batch is waiting (projections: larger is faster). */
  transactionBatchSize?: number;
  /** Read a new group's topics from the start (true for projections that must see every fact). */
  fromBeginning?: boolean;
  /**
   * How long an event that depends on one not consumed yet (a foreign key, EventNotReadyError) is
   * retried before it is dead-lettered, in ms [120000].
   */
  orderingRetryMs?: number;
  /** Partitions applied at once [1]; for a projection whose handlers keep their locks in one order. */
  partitionsConsumedConcurrently?: number;
  /**
   * Bytes fetched per partition at a time [1 MiB, kafkajs's default]. Larger for a projection that reads whole topics
   * (a rebuild): fewer fetches, and longer runs to apply while the next is read. A partition holds up to two in memory.
   */
  maxBytesPerPartition?: number;
  /**
   * The consumer's own ledger instead of the shared `processed_events` (see OwnLedger): for a projection whose record
   * of each event is its ledger (the read model's audit trail), rebuilt beside itself and swapped in by renaming its
   * tables, ledger included.
   */
  ownLedger?: OwnLedger;
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
  /** One consumer (kept for services that have only one); the same as `consumers: [consumer]`. */
  consumer?: ServiceConsumerOptions;
  /** The service's consumers, each its own group, started, checked, replayed and reset alone. */
  consumers?: ServiceConsumerOptions[];
  /** Topics this service publishes to; created at start so consumers can subscribe before the first event. */
  publishes?: LogicalTopic[];
}
