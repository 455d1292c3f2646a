import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ServiceConfig } from '../config/service-config';
import { deadLetterTopic, topicName } from '../events/topics';
import { EventConsumer } from '../consumer/event-consumer';
import { EventHandlerFn, ON_EVENT_METADATA } from '../consumer/on-event.decorator';
import { JsonLogger } from '../logging/json-logger';
import { withTimeout } from '../util/time';
import { KafkaConnection } from './kafka.provider';
import type { ServiceModuleOptions } from './service-options';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';

/** Finds the app's @OnEvent methods and runs one idempotent consumer for them. */
@Injectable()
export class EventConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  consumer?: EventConsumer;
  private starting?: Promise<void>;
  private pruning?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
  ) {}

  private discoverHandlers(): Map<string, EventHandlerFn[]> {
    const handlers = new Map<string, EventHandlerFn[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[name];
        const types: string[] | undefined = Reflect.getMetadata(ON_EVENT_METADATA, method);
        if (!types) continue;
        for (const type of types) {
          const list = handlers.get(type) ?? [];
          list.push((method as EventHandlerFn).bind(instance));
          handlers.set(type, list);
        }
      }
    }
    return handlers;
  }

  async onApplicationBootstrap(): Promise<void> {
    const spec = this.options.consumer;
    if (!spec) return;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const group = `${prefix}${spec.group}`;
    this.consumer = new EventConsumer(this.dataSource, this.kafka, this.logger, this.discoverHandlers(), {
      groupId: group,
      topics: spec.topics.map((t) => topicName(prefix, t)),
      deadLetterTopic: deadLetterTopic(prefix, spec.group),
      maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS,
      transactionBatchSize: spec.transactionBatchSize ?? 1,
      fromBeginning: spec.fromBeginning ?? true,
    });
    const consumer = this.consumer;
    // Kafka may not be up yet (or may be down for a while): keep trying in the background, so the
    // service still starts and its readiness says what is missing.
    this.starting = consumer.run().then(() => this.logger.log({ msg: 'consuming', group, handles: consumer.handledTypes }, 'EventConsumer'));
    this.pruning = setInterval(() => consumer.pruneLedger(this.config.CONSUMER_LEDGER_RETENTION_DAYS).catch(() => undefined), 3_600_000);
    this.pruning.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruning);
    await this.consumer?.stop();
    // A start still inside kafkajs's own connection retries must not hold up the shutdown for long.
    await withTimeout(this.starting ?? Promise.resolve(), 5_000).catch(() => undefined);
  }
}
