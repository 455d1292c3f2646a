import { LoggerService } from '@nestjs/common';
import { context, SpanKind } from '@opentelemetry/api';
import type { Link, Tracer } from '@opentelemetry/api';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { ConfigResourceTypes, Consumer, IHeaders, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_CATALOGUE, isKnownEventType, parseEvent } from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { KafkaClient } from '../kafka/kafka-client';
import { requestContext } from '../logging/request-context';
import type { ConsumerFreshness, Metrics } from '../metrics/metrics';
import { parseTraceparent, type TraceparentValue } from '../tracing/traceparent';
import { insertFromJson } from '../database/json-rows';
import { inSpan, remoteContext, serviceTracer } from '../tracing/tracing';
import { backoff, sleep, withTimeout } from '../util/time';
import { ConsumerContext } from './consumer-context';
import { classifyFailure } from './failures';
import { consumerTransport, RESET_PATTERN, TrustwidePatternExtras } from './on-event.decorator';
import { ledgerRetentionProblems, route, typeFromBody, typeFromHeaders } from './routing';

export interface EventConsumerOptions {
  /** The consumer's name in its service; handlers bind to it with `@OnEvent(type, { consumer })`. */
  name: string;
  groupId: string;
  /** Physical topic names to read (empty: the topics of the events its handlers name). */
  topics: string[];
  topicPrefix: string;
  deadLetterTopic: string;
  /** Attempts for a transient failure before the event is dead-lettered. */
  maxAttempts: number;
  /** How long an event that waits for another (foreign key, EventNotReadyError) is retried (ms). */
  orderingRetryMs: number;
  /** Apply up to this many consecutive events in one transaction (1 = one transaction per event). */
  transactionBatchSize: number;
  fromBeginning: boolean;
  /** Days the ledger keeps processed events; checked against the topics' retention at start. */
  ledgerRetentionDays: number;
  partitionsConsumedConcurrently?: number;
  /** Bytes fetched per partition at a time (kafkajs's default, 1 MiB, when unset); see ServiceConsumerOptions. */
  maxBytesPerPartition?: number;
  /**
   * A ledger of the consumer's own instead of its group's rows in the shared `processed_events` (see OwnLedger).
   */
  ownLedger?: OwnLedger;
  /** The service it runs in (its tracer's name). */
  service?: string;
  /** Where it counts what it consumes, retries and dead-letters, and its lag (none: not counted). */
  metrics?: Metrics;
}

/**
 * A consumer's own ledger: a table keyed by `event_id` whose row of each applied event says more than that it was
 * applied. The read model's audit trail is its ledger: the row it keeps of every event is the record that it was
 * applied, so one insert per event serves both. Keyed by the event alone (a smaller index than the shared ledger's);
 * a projection rebuilt beside itself swaps it with its other tables by renaming them; and never pruned, as it is part
 * of what the projection keeps (so it forgets nothing the topics can deliver again).
 */
export interface OwnLedger {
  /** The table; the name may be schema-qualified (a rebuild's copy). */
  table: string;
  /** Its columns as the consumer writes them, with their SQL types; `event_id` among them. */
  columns: Record<string, string>;
  /** An event's row: its values for those columns. */
  row: (event: TrustwideEvent) => Record<string, unknown>;
}

export interface ConsumerStats {
  applied: number;
  duplicates: number;
  ignored: number;
  deadLettered: number;
  retries: number;
}

export interface PausedPartition {
  topic: string;
  partition: number;
  offset: string;
  type: string;
  version: number;
  knownVersion: number;
  since: string;
}

/** What an operator (and /health) sees of one consumer. */
export interface ConsumerDescription {
  name: string;
  group: string;
  topics: string[];
  deadLetterTopic: string;
  handles: string[];
  joined: boolean;
  /** Why the consumer refused to start (its ledger would forget events its topics still hold). */
  refused: string | null;
  /** Partitions waiting for a deploy that knows a newer event version. */
  paused: PausedPartition[];
  /** Messages not yet consumed, per topic (undefined when Kafka did not answer). */
  lag?: Record<string, number>;
  stats: ConsumerStats;
}

interface Incoming {
  message: KafkaMessage;
  topic: string;
  partition: number;
  event?: TrustwideEvent;
  error?: Error & { reason?: string };
}

/** Thrown into a partition's queue when the consumer stops: what was queued is not applied (nor committed). */
class ConsumerStopping extends Error {
  constructor() {
    super('consumer stopping');
  }
}

type Handler = MessageHandler & { extras?: TrustwidePatternExtras };

/**
 * One Trustwide consumer as a Nest microservice transport (`app.connectMicroservice({ strategy })`): its
 * own Kafka group and dead-letter topic, and the handlers bound to it by `@OnEvent`/`@EventPattern`
 * (which get Nest's pipes, interceptors and filters). Each message is routed on its type header before
 * it is parsed (types the group doesn't handle are skipped; a newer version of a handled type pauses its
 * partition); events are validated against the catalogue, applied with their processed-events ledger
 * rows in one transaction (batched when several wait), retried by failure kind, and what can never be
 * processed goes to the dead-letter topic with the error and origin in headers.
 */
export class EventConsumer extends Server implements CustomTransportStrategy {
  override readonly transportId: symbol;
  // The transport awaits each handler, so a failure reaches it (to retry or dead-letter), not Nest's log.
  override readonly propagatesEventHandlerErrors = true;
  private consumer?: Consumer;
  private running = false;
  private consuming = false;
  private abort = new AbortController();
  private joinedResolve?: () => void;
  private refusedBecause: string | null = null;
  private readonly pausedPartitions = new Map<string, PausedPartition>();
  /** The ledger statement (see recordSql). */
  private recordStatement?: string;
  private loop?: Promise<void>;
  /** Resolves when the consumer has joined its group and been given partitions. */
  joined: Promise<void>;
  readonly stats: ConsumerStats = { applied: 0, duplicates: 0, ignored: 0, deadLettered: 0, retries: 0 };
  private readonly tracer: Tracer;
  private lastAppliedAt?: number;
  private newestEventAt?: number;
  /** Per partition (`topic:partition`): the chunks fetched and not yet applied, chained in offset order. */
  private readonly lanes = new Map<string, Promise<void>>();
  /** The next offset of each partition whose events are applied and not yet committed. */
  private readonly pendingCommits = new Map<string, { topic: string; partition: number; offset: string }>();
  private commits?: Promise<void>;
  private restarting = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly log: LoggerService,
    readonly options: EventConsumerOptions,
  ) {
    super();
    this.transportId = consumerTransport(options.name);
    this.tracer = serviceTracer(options.service ?? options.name);
    this.joined = new Promise((resolve) => (this.joinedResolve = resolve));
  }

  /** Event types with a handler bound to this consumer. */
  get handledTypes(): string[] {
    return [...this.messageHandlers.keys()].filter((p) => p !== RESET_PATTERN);
  }

  /** Whether the consumer is connected and consuming (for readiness). */
  get isConsuming(): boolean {
    return this.consuming;
  }

  get name(): string {
    return this.options.name;
  }

  // --- Nest transport strategy -------------------------------------------------------------------

  /**
   * Starts consuming in the background (Kafka may be away: the service starts anyway and catches up),
   * and keeps at it: retried with backoff while Kafka is unreachable, restarted after a crash kafkajs
   * does not recover from itself.
   */
  listen(callback: (...optionalParams: unknown[]) => void): void {
    if (!this.running) {
      this.running = true;
      this.abort = new AbortController();
      this.loop = this.run();
    }
    callback();
  }

  async close(): Promise<void> {
    this.running = false;
    this.abort.abort();
    // The chunks being applied finish (their transactions commit or roll back) and their offsets are committed; what
    // is queued behind them is left. Nothing writes after close returns (a reset empties the projection next).
    await Promise.allSettled(this.lanes.values());
    this.lanes.clear();
    // The last commit is not waited for long: Kafka may be away, and an uncommitted offset only means a redelivery.
    await withTimeout(
      (async () => {
        while (this.commits) await this.commits;
      })(),
      5_000,
    ).catch(() => undefined);
    await this.disconnect();
    // A start still inside kafkajs's own connection retries must not hold up the shutdown for long.
    await withTimeout(this.loop ?? Promise.resolve(), 5_000).catch(() => undefined);
  }

  on(): never {
    throw new Error('EventConsumer has no event listeners; use describe()');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  // --- operations --------------------------------------------------------------------------------

  /** Forgets processed events older than the retention (the ledger would otherwise only grow); an own ledger is kept. */
  async pruneLedger(retentionDays: number): Promise<number> {
    if (this.options.ownLedger) return 0;
    // A DELETE through TypeORM's postgres driver answers [rows, affected count].
    const [, deleted] = await this.dataSource.query<[unknown[], number | undefined]>(
      `DELETE FROM processed_events WHERE consumer_group = $2 AND processed_at < now() - ($1::int * interval '1 day')`,
      [retentionDays, this.options.groupId],
    );
    return Number(deleted ?? 0);
  }

  async describe(): Promise<ConsumerDescription> {
    return {
      name: this.options.name,
      group: this.options.groupId,
      topics: this.options.topics,
      deadLetterTopic: this.options.deadLetterTopic,
      handles: this.handledTypes,
      joined: this.consuming,
      refused: this.refusedBecause,
      paused: [...this.pausedPartitions.values()],
      lag: await this.lag().catch(() => undefined),
      stats: { ...this.stats },
    };
  }

  /** When it last applied an event, and the newest event it applied (for the freshness gauges). */
  freshness(): ConsumerFreshness {
    return { group: this.options.groupId, lastAppliedAt: this.lastAppliedAt, newestEventAt: this.newestEventAt };
  }

  /** Messages the group has not consumed yet, per topic. */
  async lag(): Promise<Record<string, number>> {
    const admin = await this.kafka.admin();
    const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: this.options.topics });
    const lag: Record<string, number> = {};
    for (const { topic, partitions } of committed) {
      const ends = await admin.fetchTopicOffsets(topic);
      lag[topic] = 0;
      for (const end of ends) {
        const at = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const from = Number(at) >= 0 ? Number(at) : Number(end.low);
        lag[topic] += Math.max(0, Number(end.high) - from);
      }
    }
    return lag;
  }

  /**
   * Rebuilds the projection from the log: stops consuming, deletes the group's ledger rows and what the
   * projection holds (its `@OnConsumerReset` hook) in one transaction, moves the group's offsets to the
   * beginning of its topics, and starts again. Other consumers of the service are not touched. Every
   * replica of the service must have stopped this consumer first (Kafka resets only an empty group).
   */
  async reset(): Promise<void> {
    await this.close();
    const hook = this.getHandlerByPattern(RESET_PATTERN);
    await this.dataSource.transaction(async (manager) => {
      // An own ledger is the consumer's table alone: emptied at once rather than row by row.
      if (this.options.ownLedger) await manager.query(`TRUNCATE ${this.options.ownLedger.table}`);
      else await manager.query(`DELETE FROM processed_events WHERE consumer_group = $1`, [this.options.groupId]);
      if (hook) await this.invoke(hook, undefined, this.context(manager, '', -1));
    });
    const admin = await this.kafka.admin();
    await this.kafka.ensureTopics(this.options.topics);
    for (const topic of this.options.topics) await admin.resetOffsets({ groupId: this.options.groupId, topic, earliest: true });
    this.pausedPartitions.clear();
    this.joined = new Promise((resolve) => (this.joinedResolve = resolve));
    this.log.warn(
      { msg: 'consumer reset: its projection is rebuilt from the beginning of its topics', group: this.options.groupId },
      'EventConsumer',
    );
    await new Promise<void>((resolve) => this.listen(() => resolve()));
  }

  // --- consuming ---------------------------------------------------------------------------------

  private async run(): Promise<void> {
    for (let attempt = 1; this.running; attempt++) {
      try {
        await this.start();
        if (this.refusedBecause) await this.disconnect();
        else this.log.log({ msg: 'consuming', group: this.options.groupId, handles: this.handledTypes }, 'EventConsumer');
        return;
      } catch (err) {
        await this.disconnect();
        if (!this.running) return;
        const wait = backoff(attempt, 500, 15_000);
        this.log.warn(
          { msg: 'consumer could not start; retrying', group: this.options.groupId, error: (err as Error).message, retryInMs: wait },
          'EventConsumer',
        );
        await sleep(wait, this.abort.signal);
      }
    }
  }

  private async disconnect(): Promise<void> {
    this.consuming = false;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect().catch(() => undefined);
  }

  /** Refuses to consume when the ledger would forget events the topics can still deliver again. */
  private async checkRetention(): Promise<boolean> {
    const admin = await this.kafka.admin();
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: this.options.topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
    });
    const retentions = resources.map((r) => ({
      topic: r.resourceName,
      retentionMs: Number(r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue ?? '-1'),
    }));
    // An own ledger is never pruned: it forgets nothing.
    const problems = this.options.ownLedger ? [] : ledgerRetentionProblems(this.options.ledgerRetentionDays, retentions);
    this.refusedBecause =
      problems.length > 0 ? `${problems.join('; ')}: raise CONSUMER_LEDGER_RETENTION_DAYS or lower the topic's retention.ms` : null;
    if (this.refusedBecause)
      this.log.error({ msg: 'consumer refuses to start', group: this.options.groupId, reason: this.refusedBecause }, 'EventConsumer');
    return this.refusedBecause === null;
  }

  private async start(): Promise<void> {
    if (this.options.topics.length === 0) {
      const topics = this.handledTypes.filter(isKnownEventType).map((t) => `${this.options.topicPrefix}${EVENT_CATALOGUE[t].topic}`);
      this.options.topics = [...new Set(topics)];
      if (this.options.topics.length === 0) throw new Error(`consumer ${this.options.name} has no topics and no handlers bound to it`);
    }
    await this.kafka.ensureTopics([...this.options.topics, this.options.deadLetterTopic]);
    if (!(await this.checkRetention())) return;
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      // How long a fetch waits at the broker for new messages (kafkajs's default is 5 s). Messages that arrive end
      // the wait at once either way; what it bounds is a disconnect, which waits for the fetch in flight: a consumer
      // stopped when caught up (a rebuild before its swap, a service shutting down) stops within this, not 5 s.
      maxWaitTimeInMs: 500,
      // Up to this from each partition, and a whole fetch up to 50 MiB (under the broker's own 55 MiB fetch.max.bytes).
      ...(this.options.maxBytesPerPartition ? { maxBytesPerPartition: this.options.maxBytesPerPartition, maxBytes: 50 << 20 } : {}),
      retry: {
        retries: 10,
        initialRetryTime: 300,
        maxRetryTime: 10_000,
        // Not one this consumer has let go of: one disconnected while it joined its group crashes then (its metadata
        // is gone), and kafkajs would start it again behind our back, a member holding partitions and applying nothing.
        restartOnFailure: () => Promise.resolve(this.running && this.consumer === consumer),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.consuming = true;
      this.joinedResolve?.();
    });
    consumer.on(consumer.events.CRASH, (e) => {
      const { error, restart } = e.payload as { error: Error; restart: boolean };
      const entry = { msg: 'consumer crashed', group: this.options.groupId, error: error?.message, restart };
      if (this.consumer !== consumer || !this.running) {
        this.log.warn({ ...entry, msg: 'a consumer being stopped crashed; it stays stopped' }, 'EventConsumer');
        return;
      }
      this.consuming = false; // until it has joined its group again
      if (restart) {
        this.log.warn(entry, 'EventConsumer'); // kafkajs restarts it itself
        return;
      }
      this.log.error(entry, 'EventConsumer');
      if (this.running) void this.disconnect().then(() => (this.loop = this.run()));
    });
    // Stopped while starting (close() disconnected this consumer, or a restart replaced it): it must not run on.
    const superseded = async () => {
      if (this.running && this.consumer === consumer) return false;
      await consumer.disconnect().catch(() => undefined);
      return true;
    };
    await consumer.connect();
    if (await superseded()) return;
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning });
    if (await superseded()) return;
    await consumer.run({
      // Offsets are committed once their events are applied (commitApplied), not when kafkajs has handed them over:
      // a fetch is read on from while the one before it is still being applied.
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs passes closures over the batch (its documented usage destructures them), not methods needing `this`
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }) => {
        if (this.consumer !== consumer) {
          // A kafkajs consumer this one has let go of (kafkajs restarted it after a crash while it was being
          // disconnected): it would hold partitions and apply nothing. It leaves the group; the rest are not fetched.
          void consumer.disconnect().catch(() => undefined);
          return;
        }
        const size = Math.max(1, this.options.transactionBatchSize);
        if (batch.messages.length > 0)
          this.observeLag(batch.topic, batch.partition, batch.highWatermark, batch.firstOffset() ?? batch.messages[0].offset);
        const key = `${batch.topic}:${batch.partition}`;
        // The partition's earlier fetch, perhaps still being applied: this one's chunks are applied after it, in order.
        const behind = this.lanes.get(key) ?? Promise.resolve();
        let tail = behind;
        // A heartbeat that fails here needs no action: kafkajs rejoins on its next fetch, and an event applied by two
        // owners of a partition during a rebalance is applied once (the ledger).
        const beat = () => heartbeat().catch(() => undefined);
        let chunk: Incoming[] = [];
        const queue = () => {
          if (chunk.length === 0) return;
          const items = chunk;
          chunk = [];
          tail = tail.then(() => this.applyQueued(items, batch.highWatermark, beat));
          // The next fetch reads on from here; the offset is committed only once the chunk is applied.
          resolveOffset(items[items.length - 1].message.offset);
        };
        for (const message of batch.messages) {
          // Checked as each chunk begins (kafkajs's isStale builds a key string on every call).
          if (chunk.length === 0 && (!this.running || !isRunning() || isStale())) break;
          const next = this.route(message, batch.topic, batch.partition);
          if (next === 'pause') {
            queue();
            pause();
            break;
          }
          chunk.push(next);
          if (chunk.length >= size) queue();
        }
        queue();
        if (tail !== behind) {
          this.lanes.set(key, tail);
          tail.catch((err: Error) => this.laneFailed(key, tail, err));
        }
        // Back-pressure: kafkajs fetches again once every partition's earlier fetch is applied, so the database works
        // on one fetch while the next is read and parsed (a partition holds at most two fetches in memory).
        await behind.catch(() => undefined);
      },
    });
    await superseded();
  }

  /** Applies a queued chunk of a partition's events, then records its progress: lag, and the offset to commit. */
  private async applyQueued(items: Incoming[], highWatermark: string, heartbeat: () => Promise<void>): Promise<void> {
    // Stopping: what is queued is left for the next start (its offsets are not committed).
    if (!this.running) throw new ConsumerStopping();
    await this.processChunk(items, heartbeat);
    const { topic, partition, message } = items[items.length - 1];
    const next = String(Number(message.offset) + 1);
    this.observeLag(topic, partition, highWatermark, next);
    this.pendingCommits.set(`${topic}:${partition}`, { topic, partition, offset: next });
    this.scheduleCommit();
  }

  private scheduleCommit(): void {
    if (this.commits) return;
    this.commits = this.commitApplied().finally(() => {
      this.commits = undefined;
      // Offsets that arrived as the last request ended.
      if (this.pendingCommits.size > 0 && this.consumer) this.scheduleCommit();
    });
  }

  /** Commits the offsets applied so far, one request for every partition that moved (more may move meanwhile). */
  private async commitApplied(): Promise<void> {
    while (this.pendingCommits.size > 0 && this.consumer) {
      const offsets = [...this.pendingCommits.values()];
      this.pendingCommits.clear();
      // An offset not committed (Kafka away, a rebalance) only means its events are delivered again and skipped.
      await this.consumer.commitOffsets(offsets).catch((err: Error) => {
        const entry = {
          msg: 'could not commit consumed offsets; the next commit carries them',
          group: this.options.groupId,
          error: err.message,
        };
        this.log.warn(entry, 'EventConsumer');
      });
    }
  }

  /** A chunk could not be applied (nor dead-lettered): nothing after it in its partition is, and the consumer starts again from its committed offsets. */
  private laneFailed(key: string, tail: Promise<void>, err: Error): void {
    if (this.lanes.get(key) === tail) this.lanes.delete(key);
    if (!this.running || this.restarting || err instanceof ConsumerStopping) return;
    this.restarting = true;
    this.log.error(
      {
        msg: 'applying events failed; the consumer starts again from its committed offsets',
        group: this.options.groupId,
        partition: key,
        error: err.message,
      },
      'EventConsumer',
    );
    void this.disconnect().then(() => {
      this.restarting = false;
      if (this.running) this.loop = this.run();
    });
  }

  private observeLag(topic: string, partition: number, highWatermark: string, next: string): void {
    this.options.metrics?.consumerLag.set(
      { group: this.options.groupId, topic, partition: String(partition) },
      Math.max(0, Number(highWatermark) - Number(next)),
    );
  }

  private knownVersion = (type: string): number | undefined => (isKnownEventType(type) ? EVENT_CATALOGUE[type].version : undefined);

  /** Reads a message's type (headers first, so unhandled ones are never parsed) and parses what is handled. */
  private route(message: KafkaMessage, topic: string, partition: number): Incoming | 'pause' {
    let meta = typeFromHeaders(message.headers);
    if (meta.type === undefined) meta = typeFromBody(message.value);
    const decision = route(meta.type, meta.version, {
      handles: (t) => this.messageHandlers.has(t) && t !== RESET_PATTERN,
      knownVersion: this.knownVersion,
    });
    if (decision.kind === 'ignore') return { message, topic, partition };
    if (decision.kind === 'pause') {
      const key = `${topic}:${partition}`;
      if (!this.pausedPartitions.has(key)) {
        this.pausedPartitions.set(key, {
          topic,
          partition,
          offset: message.offset,
          type: decision.type,
          version: decision.version,
          knownVersion: decision.known,
          since: new Date().toISOString(),
        });
      }
      this.log.error(
        {
          msg: 'partition paused: an event is newer than this build knows; deploy the consumer that knows it to resume',
          group: this.options.groupId,
          topic,
          partition,
          offset: message.offset,
          type: decision.type,
          version: decision.version,
          knownVersion: decision.known,
        },
        'EventConsumer',
      );
      return 'pause';
    }
    try {
      return { message, topic, partition, event: parseEvent(message.value) };
    } catch (err) {
      if ((err as Error).name === 'PermanentEventError') return { message, topic, partition, error: err as Error };
      throw err;
    }
  }

  private async processChunk(chunk: Incoming[], heartbeat: () => Promise<void>): Promise<void> {
    for (const bad of chunk.filter((c) => c.error))
      await context.with(remoteContext(bad.message.headers?.traceparent), () =>
        this.deadLetter(bad, bad.error!, bad.error!.reason ?? 'invalid'),
      );
    // A body whose type differs from its header's may name a type with no handler here: skipped too.
    const relevant = chunk.filter((c) => c.event && this.messageHandlers.has(c.event.type));
    const ignored = chunk.filter((c) => !c.error).length - relevant.length;
    this.stats.ignored += ignored;
    if (ignored > 0) this.options.metrics?.consumerEvents.inc({ group: this.options.groupId, outcome: 'ignored' }, ignored);
    if (relevant.length === 0) return;
    if (relevant.length > 1) {
      try {
        await this.apply(relevant);
        return;
      } catch {
        // One bad event spoils the shared transaction: redo the chunk one event at a time.
      }
    }
    // In the event's trace, so its retry and dead-letter log lines carry the trace id of the work that caused it.
    for (const item of relevant)
      await context.with(remoteContext(item.message.headers?.traceparent), () => this.processOne(item, heartbeat));
  }

  private async processOne(item: Incoming, heartbeat: () => Promise<void>): Promise<void> {
    let outage = 0;
    let waitingSince: number | undefined;
    for (let attempt = 1; ;) {
      try {
        await this.apply([item]);
        return;
      } catch (err) {
        const kind = classifyFailure(err);
        const error = err as Error;
        if (kind === 'permanent') return this.deadLetter(item, error, (err as { reason?: string }).reason ?? 'rejected');
        if (!this.running) throw err; // shutting down: leave the offset for the next owner
        this.stats.retries++;
        this.options.metrics?.consumerRetries.inc({ group: this.options.groupId, kind });
        const event = { eventId: item.event!.eventId, type: item.event!.type, error: error.message };
        let wait: number;
        if (kind === 'infrastructure') {
          // The database is away, not the event at fault: wait for it as long as it takes.
          wait = backoff(++outage, 200, 10_000);
          this.log.warn({ msg: 'database unavailable; waiting to apply the event', ...event, retryInMs: wait }, 'EventConsumer');
        } else if (kind === 'ordering') {
          // What it refers to is probably on another partition, not consumed yet: give it time to arrive.
          waitingSince ??= Date.now();
          if (Date.now() - waitingSince >= this.options.orderingRetryMs) return this.deadLetter(item, error, 'dependency-timeout');
          wait = backoff(++outage, 250, 5_000);
          this.log.warn({ msg: 'event depends on one not consumed yet; retrying', ...event, retryInMs: wait }, 'EventConsumer');
        } else {
          if (attempt >= this.options.maxAttempts) return this.deadLetter(item, error, 'retries-exhausted');
          wait = backoff(attempt++, 100, 5_000);
          this.log.warn({ msg: 'event handler failed; retrying', ...event, attempt, retryInMs: wait }, 'EventConsumer');
        }
        await sleep(wait, this.abort.signal);
        if (!this.running) throw err;
        await heartbeat();
      }
    }
  }

  /**
   * The handler bound to an event type (the caller has checked there is one). Nest's own lookup tries JSON.parse on
   * the pattern and catches its throw, a cost per event at thousands of events a second; an event type is a plain
   * string, its own route, so the map is read directly.
   */
  private handlerOf(type: string): Handler {
    return this.messageHandlers.get(type) as Handler;
  }

  private context(manager: EntityManager, topic: string, partition: number): ConsumerContext {
    return new ConsumerContext([{ manager, consumer: this.options.name, group: this.options.groupId, topic, partition }]);
  }

  /** Runs a Nest handler (and those chained on the same pattern) to completion; throws its original failure. */
  private async invoke(handler: Handler, data: unknown, ctx: ConsumerContext): Promise<void> {
    try {
      await lastValueFrom(this.transformToObservable(await handler(data, ctx)), { defaultValue: undefined });
    } catch (rejection) {
      // A filter that decided (refuse, retry later) wins; otherwise the handler's own error, not the
      // generic RPC error Nest's default filter makes of it.
      const decided = rejection instanceof Error && (rejection.name === 'PermanentEventError' || rejection.name === 'EventNotReadyError');
      throw decided || ctx.failure === undefined ? rejection : ctx.failure;
    }
  }

  /** Ledger rows and handler effects of several events of one partition, in one transaction. */
  private async apply(items: Incoming[]): Promise<void> {
    const events = items.map((i) => i.event!);
    const { topic, partition } = items[0];
    const traceparents = new Map<string, TraceparentValue>(items.map((i) => [i.event!.eventId, i.message.headers?.traceparent]));
    let applied: TrustwideEvent[] = [];
    let duplicates = 0;
    await this.dataSource.transaction(async (manager: EntityManager) => {
      // One row back, not one per event: null when every event was new (the usual case), else the ids that were.
      const [{ fresh }]: { fresh: string[] | null }[] = await manager.query(
        `WITH recorded AS (${this.recordSql()}) SELECT CASE WHEN count(*) = $1 THEN NULL ELSE coalesce(array_agg(event_id), '{}') END AS fresh FROM recorded`,
        [events.length, ...this.recordParams(events)],
      );
      const pending = fresh === null ? null : new Set(fresh);
      // (A run can name one event twice: only its first occurrence is applied.)
      const todo = pending === null ? events : events.filter((e) => pending.delete(e.eventId));
      duplicates = events.length - todo.length;
      applied = todo;
      const ctx = this.context(manager, topic, partition);
      for (let i = 0; i < todo.length;) {
        const handler = this.handlerOf(todo[i].type);
        const first = todo[i];
        const scope = { correlationId: first.correlationId, causationId: first.eventId, trustId: first.trustId, actor: first.actor };
        if (handler.extras?.batch) {
          // The run of consecutive events this batch handler takes, in partition order.
          let end = i + 1;
          // (Nest wraps each pattern of a method apart; the extras object is the method's own.)
          while (end < todo.length && this.handlerOf(todo[end].type).extras === handler.extras) end++;
          const run = todo.slice(i, end);
          await this.traced(run, traceparents, { topic, partition }, () => requestContext.run(scope, () => this.invoke(handler, run, ctx)));
          i = end;
        } else {
          await this.traced([first], traceparents, { topic, partition }, () =>
            requestContext.run(scope, () => this.invoke(handler, first, ctx)),
          );
          i++;
        }
      }
    });
    // Counted after commit: a rolled-back attempt applied nothing.
    this.stats.applied += applied.length;
    this.stats.duplicates += duplicates;
    this.observeApplied(applied, duplicates);
  }

  /** The ledger's insert of a run's events, answering the ids it inserted ($1 is the run's length); made once. */
  private recordSql(): string {
    const own = this.options.ownLedger;
    this.recordStatement ??= own
      ? `${insertFromJson(own.table, own.columns, 2)} ON CONFLICT (event_id) DO NOTHING RETURNING event_id`
      : `INSERT INTO processed_events (consumer_group, event_id, event_type, trust_id)
         SELECT $5, e.id, e.type, e.trust FROM unnest($2::uuid[], $3::text[], $4::uuid[]) AS e(id, type, trust)
         ON CONFLICT DO NOTHING RETURNING event_id`;
    return this.recordStatement;
  }

  private recordParams(events: TrustwideEvent[]): unknown[] {
    const own = this.options.ownLedger;
    if (own) return [JSON.stringify(events.map((e) => own.row(e)))];
    // Array literals built here rather than by pg's escaping of each element: every element is a UUID or a catalogue
    // event type (parseEvent checked both), so none needs quoting.
    const literal = (values: string[]) => `{${values.join(',')}}`;
    return [
      literal(events.map((e) => e.eventId)),
      literal(events.map((e) => e.type)),
      literal(events.map((e) => e.trustId)),
      this.options.groupId,
    ];
  }

  /**
   * A span for one handler call, continuing the trace of the (first) event's `traceparent` header; a batch
   * handler's span links the other events' traces (each once: a request's events share one).
   */
  private traced(
    events: TrustwideEvent[],
    traceparents: Map<string, TraceparentValue>,
    where: { topic: string; partition: number },
    fn: () => Promise<void>,
  ): Promise<void> {
    const [first] = events;
    const header = traceparents.get(first.eventId);
    const links: Link[] = [];
    const seen = new Set([String(header)]);
    for (const e of events.slice(1)) {
      const value = traceparents.get(e.eventId);
      const linked = seen.has(String(value)) ? undefined : parseTraceparent(value);
      seen.add(String(value));
      if (linked) links.push({ context: linked });
    }
    const name = events.length === 1 ? `process ${first.type}` : `process ${first.type} ×${events.length}`;
    const attributes = {
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': this.options.groupId,
      'messaging.destination.name': where.topic,
      'messaging.destination.partition.id': String(where.partition),
      'messaging.message.id': first.eventId,
      'messaging.batch.message_count': events.length,
    };
    return inSpan(this.tracer, name, { kind: SpanKind.CONSUMER, links, attributes }, remoteContext(header), () => fn());
  }

  private observeApplied(applied: TrustwideEvent[], duplicates: number): void {
    const now = Date.now();
    if (applied.length > 0) this.lastAppliedAt = now;
    const metrics = this.options.metrics;
    const group = this.options.groupId;
    // The group's series looked up once, not its labels hashed for every event.
    const delay = metrics?.consumerEventDelay.labels({ group });
    for (const e of applied) {
      const at = Date.parse(e.occurredAt);
      if (Number.isNaN(at)) continue;
      if (this.newestEventAt === undefined || at > this.newestEventAt) this.newestEventAt = at;
      delay?.observe(Math.max(0, now - at) / 1000);
    }
    if (applied.length > 0) metrics?.consumerEvents.inc({ group, outcome: 'applied' }, applied.length);
    if (duplicates > 0) metrics?.consumerEvents.inc({ group, outcome: 'duplicate' }, duplicates);
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
    // The origin's headers go with it, its `traceparent` among them: a replayed dead letter continues the trace.
    await producer.send({
      topic: this.options.deadLetterTopic,
      acks: -1,
      messages: [{ key: item.message.key, value: item.message.value, headers }],
    });
    this.stats.deadLettered++;
    this.options.metrics?.consumerDeadLetters.inc({ group: this.options.groupId, reason });
    this.log.warn(
      {
        msg: 'event dead-lettered',
        reason,
        error: error.message,
        group: this.options.groupId,
        topic: item.topic,
        partition: item.partition,
        offset: item.message.offset,
      },
      'EventConsumer',
    );
  }
}
