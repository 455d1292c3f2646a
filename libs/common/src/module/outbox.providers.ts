import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service-config';
import { topicName } from '../events/topics';
import { HealthDetails } from '../health/health-details';
import { JsonLogger } from '../logging/json-logger';
import { Metrics } from '../metrics/metrics';
import { Outbox } from '../outbox/outbox';
import { OutboxRelay } from '../outbox/outbox-relay';
import { judgeOutbox } from '../outbox/outbox-stats';
import { KafkaConnection } from './kafka.provider';
import type { ServiceModuleOptions } from './service-options';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';

/** Injectable outbox of this service: `outbox.record(manager, 'schools.school.registered', {...})`. */
@Injectable()
export class ServiceOutbox extends Outbox {
  constructor(@Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(SERVICE_OPTIONS) options: ServiceModuleOptions) {
    super(options.service, config.KAFKA_TOPIC_PREFIX, config.EVENT_MAX_BYTES);
  }
}

/** Runs the outbox relay for the app's lifetime, and says in /health and /metrics how the outbox is doing. */
@Injectable()
export class OutboxRelayService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
    private readonly healthDetails: HealthDetails,
    private readonly metrics: Metrics,
  ) {
    this.relay = new OutboxRelay(dataSource, kafka, logger, {
      databaseUrl: config.DATABASE_URL,
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollMs: config.OUTBOX_POLL_MS,
      maxBatchBytes: config.OUTBOX_BATCH_MAX_BYTES,
      stuckAfterMs: config.OUTBOX_STUCK_AFTER_MS,
    });
  }

  onModuleInit(): void {
    this.metrics.watchOutbox(
      () => this.relay.stats(),
      () => this.relay.published,
    );
    // Backlog, age and parked rows; "degraded" when stuck. No error text: it may be the database's.
    this.healthDetails.register('outbox', async () => {
      const stats = await this.relay.stats();
      const judged = judgeOutbox(stats, this.relay.stuckAfterMs);
      return {
        status: judged.status,
        unsent: stats.unsent,
        parked: stats.parked,
        oldestUnsentAgeSeconds: Math.round(stats.oldestUnsentAgeMs / 1000),
        publishedSinceStart: this.relay.published,
        ...(judged.problems.length > 0 ? { problems: judged.problems } : {}),
      };
    });
  }

  onApplicationBootstrap(): void {
    // Create the topics up front so that consumers elsewhere can subscribe before the first event.
    // In the background: a broker that is down must not hold the service's start (the relay retries).
    const topics = (this.options.publishes ?? []).map((t) => topicName(this.config.KAFKA_TOPIC_PREFIX, t));
    void this.kafka.ensureTopics(topics).catch(() => undefined);
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
