import { BeforeApplicationShutdown, Inject, Injectable, INestApplication, NotFoundException } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { deadLetterTopic, topicName } from '@trustwide/common';
import { ServiceConfig } from '../config/service-config';
import { ConsumerDescription, EventConsumer } from '../consumer/event-consumer';
import { ConsumerFailureRecorder } from '../consumer/on-event.decorator';
import { JsonLogger } from '../logging/json-logger';
import { Metrics } from '../metrics/metrics';
import { KafkaConnection } from './kafka.provider';
import type { ServiceConsumerOptions, ServiceModuleOptions } from './service-options';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from './tokens';

/**
 * A consumer a module brings with it (the school directory, say): provide one as a value and the
 * service runs it beside the consumers its own options declare.
 */
export class ConsumerDeclaration {
  constructor(readonly spec: ServiceConsumerOptions & { name: string }) {}
}

/**
 * The service's consumers: one `EventConsumer` transport per declared consumer (each its own group and
 * dead-letter topic), connected to the app as Nest microservices by `startConsumers(app)`.
 */
@Injectable()
export class EventConsumerService implements BeforeApplicationShutdown {
  private built?: EventConsumer[];
  private pruning: NodeJS.Timeout[] = [];
  private started = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaConnection,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_OPTIONS) private readonly options: ServiceModuleOptions,
    private readonly metrics: Metrics,
  ) {
    metrics.watchConsumers(() => (this.built ?? []).map((c) => c.freshness()));
  }

  private declarations(): (ServiceConsumerOptions & { name: string })[] {
    const own = [...(this.options.consumer ? [this.options.consumer] : []), ...(this.options.consumers ?? [])];
    const named = own.map((spec) => {
      const name = spec.name ?? spec.group;
      if (!name) throw new Error(`${this.options.service}: a consumer needs a name or a group`);
      return { ...spec, name };
    });
    const fromModules = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ConsumerDeclaration => instance instanceof ConsumerDeclaration)
      .map((d) => d.spec);
    const all = [...named, ...fromModules];
    const names = all.map((d) => d.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw new Error(`${this.options.service}: the consumer "${twice}" is declared twice`);
    return all;
  }

  /** The service's consumer transports (built once). */
  strategies(): EventConsumer[] {
    if (!this.built) {
      const prefix = this.config.KAFKA_TOPIC_PREFIX;
      this.built = this.declarations().map((spec) => {
        const group = spec.group ?? `${this.options.service}.${spec.name}`;
        return new EventConsumer(this.dataSource, this.kafka, this.logger, {
          name: spec.name,
          groupId: `${prefix}${group}`,
          topics: (spec.topics ?? []).map((t) => topicName(prefix, t)),
          topicPrefix: prefix,
          deadLetterTopic: deadLetterTopic(prefix, group),
          maxAttempts: this.config.CONSUMER_MAX_ATTEMPTS,
          orderingRetryMs: spec.orderingRetryMs ?? 120_000,
          transactionBatchSize: spec.transactionBatchSize ?? 1,
          fromBeginning: spec.fromBeginning ?? true,
          ledgerRetentionDays: this.config.CONSUMER_LEDGER_RETENTION_DAYS,
          service: this.options.service,
          metrics: this.metrics,
          partitionsConsumedConcurrently: spec.partitionsConsumedConcurrently,
          maxBytesPerPartition: spec.maxBytesPerPartition,
          ownLedger: spec.ownLedger,
        });
      });
    }
    return this.built;
  }

  /** One consumer by name. */
  get(name: string): EventConsumer {
    const found = this.strategies().find((c) => c.name === name);
    if (!found) throw new NotFoundException(`no consumer "${name}" in ${this.options.service}`);
    return found;
  }

  /** The first consumer (kept for readers written when a service had only one; prefer describe()). */
  get consumer(): EventConsumer | undefined {
    return this.strategies()[0];
  }

  /** Each consumer's group, whether it has joined, paused partitions, lag and counters (for health). */
  describe(): Promise<ConsumerDescription[]> {
    return Promise.all(this.strategies().map((c) => c.describe()));
  }

  /** Rebuilds one consumer's projection from the beginning of its topics (see EventConsumer.reset). */
  reset(name: string): Promise<void> {
    return this.get(name).reset();
  }

  /**
   * Connects every consumer to the app as a Nest microservice (inheriting the app's global pipes,
   * interceptors and filters) and starts them. Consumers start in the background: a broker that is
   * away does not hold the service's start.
   */
  async start(app: INestApplication): Promise<void> {
    if (this.started) return;
    this.started = true;
    const strategies = this.strategies();
    if (strategies.length === 0) return;
    // Before connecting: a handler's interceptors are fixed when the microservice registers it.
    app.useGlobalInterceptors(new ConsumerFailureRecorder());
    for (const strategy of strategies) app.connectMicroservice({ strategy }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    for (const consumer of strategies) {
      // Not awaited: a prune that fails (a database away) is simply tried again the next hour.
      const timer = setInterval(
        () => void consumer.pruneLedger(this.config.CONSUMER_LEDGER_RETENTION_DAYS).catch(() => undefined),
        3_600_000,
      );
      timer.unref();
      this.pruning.push(timer);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.pruning.forEach((t) => clearInterval(t));
    // Stopped before the providers they write through go away (the microservices close later).
    await Promise.all((this.built ?? []).map((c) => c.close()));
  }
}

/** Starts the app's consumers (bootstrapService does it; a test harness calls it after `app.init()`). */
export function startConsumers(app: INestApplication): Promise<void> {
  return app.get(EventConsumerService).start(app);
}
