import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthDetails } from '../health/health-details';
import { ServiceConfig } from '../config/service-config';
import { JsonLogger } from '../logging/json-logger';
import { KafkaClient } from '../kafka/kafka-client';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';
import type { ServiceModuleOptions } from './service-options';

/** The app's Kafka client, closed last on shutdown. */
@Injectable()
export class KafkaConnection extends KafkaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(SERVICE_OPTIONS) options: ServiceModuleOptions,
    logger: JsonLogger,
    private readonly healthDetails: HealthDetails,
  ) {
    super({
      clientId: `trustwide-${options.service}`,
      brokers: config.KAFKA_BROKERS.split(','),
      partitions: config.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR,
      minInsyncReplicas: config.KAFKA_TOPIC_MIN_INSYNC_REPLICAS,
      logger,
    });
  }

  /** Kafka in /health: detail, never readiness (the outbox keeps writes while the broker is away). */
  onModuleInit(): void {
    this.healthDetails.register('kafka', async () =>
      (await this.ping(2000))
        ? { status: 'up' }
        : { status: 'degraded', reason: 'no broker answered within 2 s; events wait in the outbox' },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}
