import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ServiceConfig } from '../config/service-config';
import { JsonLogger } from '../logging/json-logger';
import { KafkaClient } from '../kafka/kafka-client';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';
import type { ServiceModuleOptions } from './service-options';

/** The app's Kafka client, closed last on shutdown. */
@Injectable()
export class KafkaConnection extends KafkaClient implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(SERVICE_OPTIONS) options: ServiceModuleOptions, logger: JsonLogger) {
    super({
      clientId: `trustwide-${options.service}`,
      brokers: config.KAFKA_BROKERS.split(','),
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
      minInsyncReplicas: config.KAFKA_TOPIC_MIN_INSYNC_REPLICAS,
      logger,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
