import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxStats } from '../outbox/outbox-stats';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_OPTIONS } from '../module/tokens';

/** What a consumer tells the freshness gauges at scrape time. */
export interface ConsumerFreshness {
  group: string;
  /** When it last applied an event (epoch ms), since the process started. */
  lastAppliedAt?: number;
  /** The newest `occurredAt` among the events it applied (epoch ms), since the process started. */
  newestEventAt?: number;
}

const seconds = (ms: number) => Math.max(0, ms) / 1000;

/**
 * The service's Prometheus metrics (`GET /metrics`): one registry per app, not prom-client's global one, so
 * several services in one process (the tests) keep theirs apart. Every series carries `service`.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;

  readonly consumerEvents: Counter<'group' | 'outcome'>;
  readonly consumerRetries: Counter<'group' | 'kind'>;
  readonly consumerDeadLetters: Counter<'group' | 'reason'>;
  readonly consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  readonly consumerEventDelay: Histogram<'group'>;

  private outboxStats?: () => Promise<OutboxStats>;
  private outboxPublished?: () => number;
  private pendingStats?: Promise<OutboxStats | undefined>;
  private consumers: () => ConsumerFreshness[] = () => [];

  constructor(@Inject(SERVICE_OPTIONS) options: Pick<ServiceModuleOptions, 'service'>) {
    const registers = [this.registry];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls `collect` with the metric as `this`
    const self = this;
    this.registry.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: this.registry });

    this.httpRequests = new Counter({
      name: 'trustwide_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'trustwide_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });

    // Read at scrape time, one query shared by the three gauges; NaN when the database does not answer
    // (unknown, not zero), so the rest of the scrape still arrives.
    const outboxGauge = (name: string, help: string, pick: (s: OutboxStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect: async function (this: Gauge) {
          const stats = await self.readOutbox();
          if (stats !== 'none') this.set(stats ? pick(stats) : NaN);
        },
      });
    outboxGauge('trustwide_outbox_unsent_events', 'Outbox rows waiting to be published (parked ones not counted)', (s) => s.unsent);
    outboxGauge('trustwide_outbox_parked_events', 'Outbox rows the broker refused for good, waiting for an operator', (s) => s.parked);
    outboxGauge('trustwide_outbox_oldest_unsent_age_seconds', 'Age of the oldest outbox row waiting to be published (0: none waits)', (s) =>
      seconds(s.oldestUnsentAgeMs),
    );
    new Counter({
      name: 'trustwide_outbox_published_events_total',
      help: 'Outbox rows published to Kafka since the process started',
      registers,
      collect: function (this: Counter) {
        const published = self.outboxPublished?.();
        if (published === undefined) return;
        this.reset();
        this.inc(published);
      },
    });

    this.consumerEvents = new Counter({
      name: 'trustwide_consumer_events_total',
      help: 'Events a consumer group took from Kafka, by outcome: applied, duplicate (already in the ledger), ignored (a type it does not handle)',
      labelNames: ['group', 'outcome'],
      registers,
    });
    this.consumerRetries = new Counter({
      name: 'trustwide_consumer_retries_total',
      help: 'Attempts to apply an event that failed and were retried, by kind: transient, ordering (waits for another event), infrastructure (database away)',
      labelNames: ['group', 'kind'],
      registers,
    });
    this.consumerDeadLetters = new Counter({
      name: 'trustwide_consumer_dead_letters_total',
      help: 'Messages sent to the group’s dead-letter topic, by reason',
      labelNames: ['group', 'reason'],
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'trustwide_consumer_lag',
      help: 'Messages behind the partition’s high watermark, as of the last batch the group fetched',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    });
    this.consumerEventDelay = new Histogram({
      name: 'trustwide_consumer_event_delay_seconds',
      help: 'Time from an event’s occurredAt to its being applied by the group (end-to-end freshness)',
      labelNames: ['group'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    });
    // Ages at scrape time, one series a group; a group with nothing applied since start has none.
    const freshnessGauge = (name: string, help: string, pick: (c: ConsumerFreshness) => number | undefined) =>
      new Gauge({
        name,
        help,
        labelNames: ['group'],
        registers,
        collect: function (this: Gauge<'group'>) {
          this.reset();
          for (const c of self.consumers()) {
            const at = pick(c);
            if (at !== undefined) this.set({ group: c.group }, seconds(Date.now() - at));
          }
        },
      });
    freshnessGauge(
      'trustwide_consumer_last_applied_age_seconds',
      'Seconds since the group last applied an event (absent until it has, since the process started)',
      (c) => c.lastAppliedAt,
    );
    freshnessGauge(
      'trustwide_consumer_newest_event_age_seconds',
      'Age (from its occurredAt) of the newest event the group has applied: how stale its projection is (absent until it has applied one)',
      (c) => c.newestEventAt,
    );
  }

  /** The outbox the backlog gauges read (the relay's stats query) and its published count. */
  watchOutbox(stats: () => Promise<OutboxStats>, published: () => number): void {
    this.outboxStats = stats;
    this.outboxPublished = published;
  }

  /** The consumers the freshness gauges read. */
  watchConsumers(list: () => ConsumerFreshness[]): void {
    this.consumers = list;
  }

  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** One stats query per scrape, whichever gauge asks first; undefined when it failed, 'none' when no outbox is watched. */
  private readOutbox(): Promise<OutboxStats | undefined | 'none'> {
    const read = this.outboxStats;
    if (!read) return Promise.resolve('none');
    this.pendingStats ??= read()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (this.pendingStats = undefined)));
    return this.pendingStats;
  }
}
