import { LoggerService } from '@nestjs/common';
import { Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { EventType } from '../events/catalogue';
import { PermanentEventError } from '../events/errors';
import { parseEvent, TrustwideEvent } from '../events/parse-event';
import { KafkaClient } from '../kafka/kafka-client';
import { requestContext } from '../logging/request-context';
import { backoff, sleep } from '../util/time';
import { isInfrastructureFailure } from './failures';
import { EventHandlerFn } from './on-event.decorator';

export interface EventConsumerOptions {
  groupId: string;
  /** Physical topic names to read. */
  topics: string[];
  deadLetterTopic: string;
  /** Attempts for a transient failure before the event is dead-lettered. */
  maxAttempts: number;
  /** Apply up to this many consecutive events in one transaction (1 = one transaction per event). */
  transactionBatchSize: number;
  fromBeginning: boolean;
  partitionsConsumedConcurrently?: number;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
  retries: number;
}

interface Incoming {
  message: KafkaMessage;
  topic: string;
  partition: number;
  event?: TrustwideEvent;
  error?: PermanentEventError;
}

/**
 * An idempotent Kafka consumer: validates each message against the catalogue, applies the handlers and
 * records the event in the processed-events ledger in one transaction, retries transient failures with
 * backoff a bounded number of times, and sends what it can never process to the group's dead-letter
 * topic (with the error and origin in headers), then goes on.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private running = false;
  private consuming = false;
  private readonly abort = new AbortController();
  private joinedResolve?: () => void;
  /** Resolves when the consumer has joined its group and been given partitions. */
  joined: Promise<void>;
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, ignored: 0, deadLettered: 0, retries: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly logger: LoggerService,
    private readonly handlers: Map<string, EventHandlerFn[]>,
    private readonly options: EventConsumerOptions,
  ) {
    this.joined = new Promise((resolve) => (this.joinedResolve = resolve));
  }

  get handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  /** Forgets processed events older than the retention (the ledger would otherwise only grow). */
  async pruneLedger(retentionDays: number): Promise<number> {
    const [, deleted] = await this.dataSource.query(
      `DELETE FROM processed_events WHERE consumer_group = $1 AND processed_at < now() - ($2::int * interval '1 day')`,
      [this.options.groupId, retentionDays],
    );
    return Number(deleted ?? 0);
  }

  /** Whether the consumer is connected and consuming (for readiness). */
  get isConsuming(): boolean {
    return this.consuming;
  }

  /**
   * Starts consuming, and keeps at it: retried with backoff while Kafka is unreachable, restarted after a
   * crash kafkajs does not recover from itself. Resolves once the first start succeeded (or stop()).
   */
  async run(): Promise<void> {
    this.running = true;
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.start();
        return;
      } catch (err) {
        await this.disconnect();
        const wait = backoff(attempt, 500, 15_000);
        this.logger.warn({ msg: 'consumer could not start; retrying', group: this.options.groupId, error: (err as Error).message, retryInMs: wait }, 'EventConsumer');
        await sleep(wait, this.abort.signal);
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.disconnect();
  }

  private async disconnect(): Promise<void> {
    this.consuming = false;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  private async start(): Promise<void> {
    await this.kafka.ensureTopics([...this.options.topics, this.options.deadLetterTopic]);
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.consuming = true;
      this.joinedResolve?.();
    });
    consumer.on(consumer.events.CRASH, (e) => {
      const { error, restart } = e.payload as { error: Error; restart: boolean };
      this.consuming = false; // until it has joined its group again
      const entry = { msg: 'consumer crashed', group: this.options.groupId, error: error?.message, restart };
      if (restart) return this.logger.warn(entry, 'EventConsumer'); // kafkajs restarts it itself
      this.logger.error(entry, 'EventConsumer');
      if (this.running) void this.disconnect().then(() => this.run());
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning });
    await consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        const size = Math.max(1, this.options.transactionBatchSize);
        for (let i = 0; i < batch.messages.length; i += size) {
          if (!isRunning() || isStale()) return;
          const chunk = batch.messages.slice(i, i + size).map((message) => this.parse(message, batch.topic, batch.partition));
          await this.processChunk(chunk, heartbeat);
          resolveOffset(chunk[chunk.length - 1].message.offset);
          await heartbeat();
        }
      },
    });
  }

  private parse(message: KafkaMessage, topic: string, partition: number): Incoming {
    try {
      return { message, topic, partition, event: parseEvent(message.value) };
    } catch (err) {
      if (err instanceof PermanentEventError) return { message, topic, partition, error: err };
      throw err;
    }
  }

  private async processChunk(chunk: Incoming[], heartbeat: () => Promise<void>): Promise<void> {
    for (const bad of chunk.filter((c) => c.error)) await this.deadLetter(bad, bad.error!, bad.error!.reason);
    const relevant = chunk.filter((c) => c.event && this.handlers.has(c.event.type));
    this.stats.ignored += chunk.filter((c) => c.event && !this.handlers.has(c.event.type)).length;
    if (relevant.length === 0) return;
    if (relevant.length > 1) {
      try {
        await this.apply(relevant.map((r) => r.event!));
        return;
      } catch {
        // One bad event spoils the shared transaction: redo the chunk one event at a time.
      }
    }
    for (const item of relevant) await this.processOne(item, heartbeat);
  }

  private async processOne(item: Incoming, heartbeat: () => Promise<void>): Promise<void> {
    let outage = 0;
    for (let attempt = 1; ; ) {
      try {
        await this.apply([item.event!]);
        return;
      } catch (err) {
        if (err instanceof PermanentEventError) return this.deadLetter(item, err, err.reason);
        if (!this.running) throw err; // shutting down: leave the offset for the next owner
        this.stats.retries++;
        if (isInfrastructureFailure(err)) {
          // The database is away, not the event at fault: wait for it as long as it takes.
          const wait = backoff(++outage, 200, 10_000);
          this.logger.warn({ msg: 'database unavailable; waiting to apply the event', eventId: item.event!.eventId, retryInMs: wait, error: (err as Error).message }, 'EventConsumer');
          await sleep(wait, this.abort.signal);
          await heartbeat().catch(() => undefined);
          continue;
        }
        if (attempt >= this.options.maxAttempts) return this.deadLetter(item, err as Error, 'retries-exhausted');
        const wait = backoff(attempt++, 100, 5_000);
        this.logger.warn(
          { msg: 'event handler failed; retrying', eventId: item.event!.eventId, type: item.event!.type, attempt, retryInMs: wait, error: (err as Error).message },
          'EventConsumer',
        );
        await sleep(wait);
        await heartbeat();
      }
    }
  }

  /** Ledger rows and handler effects of several events, in one transaction. */
  private async apply(events: TrustwideEvent[]): Promise<void> {
    let applied = 0;
    let duplicates = 0;
    await this.dataSource.transaction(async (manager: EntityManager) => {
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO processed_events (consumer_group, event_id, event_type, trust_id)
         SELECT $1, e.id, e.type, e.trust FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS e(id, type, trust)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.groupId, events.map((e) => e.eventId), events.map((e) => e.type), events.map((e) => e.trustId)],
      );
      const pending = new Set(fresh.map((r) => r.event_id));
      for (const event of events) {
        if (!pending.delete(event.eventId)) {
          duplicates++;
          continue;
        }
        applied++;
        const context = { correlationId: event.correlationId, causationId: event.eventId, trustId: event.trustId, actor: event.actor };
        await requestContext.run(context, async () => {
          for (const handler of this.handlers.get(event.type as EventType) ?? []) await handler(event, manager);
        });
      }
    });
    // Counted after commit: a rolled-back attempt applied nothing.
    this.stats.applied += applied;
    this.stats.duplicates += duplicates;
  }

  private async deadLetter(item: Incoming, error: Error, reason: string): Promise<void> {
    const producer = await this.kafka.producer();
    const headers: IHeaders = {
      ...(item.message.headers ?? {}),
      'x-dlq-reason': reason,
      'x-dlq-error': error.message.slice(0, 4000),
      'x-dlq-consumer-group': this.options.groupId,
      'x-dlq-origin-topic': item.topic,
      'x-dlq-origin-partition': String(item.partition),
      'x-dlq-origin-offset': item.message.offset,
      'x-dlq-failed-at': new Date().toISOString(),
    };
    await producer.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [{ key: item.message.key, value: item.message.value, headers }],
    });
    this.stats.deadLettered++;
    this.logger.warn(
      { msg: 'event dead-lettered', reason, error: error.message, topic: item.topic, partition: item.partition, offset: item.message.offset },
      'EventConsumer',
    );
  }
}
