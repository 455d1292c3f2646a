import { BeforeApplicationShutdown, ConflictException, Inject, Injectable } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import {
  ConsumerContext,
  deadLetterTopic,
  EventConsumer,
  EventConsumerService,
  JsonLogger,
  KafkaConnection,
  SERVICE_CONFIG,
  ServiceConfig,
  sleep,
} from '@trustwide/common';
import type { TrustwideEvent } from '@trustwide/common';
import { auditLedger, foldEvents } from '../ingest/fold';
import { READ_MODEL_CONSUMER, READ_MODEL_TYPES } from '../ingest/read-model.handlers';
import { APPEND_ONLY } from '../ingest/tables';
import { writeFolded } from '../ingest/writer';
import { buildIndexes, createRebuildTables, dropRebuild, makeDurable, REBUILD_SCHEMA, swapTableSets } from './table-sets';

export type RebuildState = 'idle' | 'running' | 'caught-up' | 'swapped' | 'failed';

export interface RebuildStatus {
  state: RebuildState;
  startedAt: string | null;
  caughtUpAt: string | null;
  swappedAt: string | null;
  /** Events the rebuild's consumer applied to its copy. */
  eventsApplied: number;
  /** Messages its group has still to read (while running). */
  lag: number | null;
  /** How long making the copy durable (SET LOGGED) and building its indexes took, after it caught up (ms). */
  durableMs: number | null;
  indexesMs: number | null;
  /** How long the live consumer was stopped for the last events and the swap, and the swap transaction alone (ms). */
  livePausedMs: number | null;
  swapMs: number | null;
  error: string | null;
}

const IDLE: RebuildStatus = {
  state: 'idle',
  startedAt: null,
  caughtUpAt: null,
  swappedAt: null,
  eventsApplied: 0,
  lag: null,
  durableMs: null,
  indexesMs: null,
  livePausedMs: null,
  swapMs: null,
  error: null,
};

const POLL_MS = 250;

/**
 * Rebuilds the read model beside the live one, with no downtime: a second consumer group reads the four topics
 * from their beginning into a copy of the tables (schema `rm_rebuild`) while the live model keeps answering and
 * ingesting. Once the copy has caught up, the live consumer is stopped, the copy reads up to the live group's
 * committed offsets, and both table sets and the ledger are swapped in one transaction; the live consumer then
 * resumes from its offsets, skipping by event id what the copy already holds. Acknowledgements (`rm_alert_acks`)
 * are not part of either set. One rebuild at a time, run by the replica asked (like `reset`, it assumes the live
 * consumer runs in this replica only).
 */
@Injectable()
export class ReadModelRebuild implements BeforeApplicationShutdown {
  private current: RebuildStatus = { ...IDLE };
  private consumer?: EventConsumer;
  private run?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: EventConsumerService,
    private readonly kafka: KafkaConnection,
    private readonly logger: JsonLogger,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  status(): RebuildStatus {
    return { ...this.current, eventsApplied: this.consumer?.stats.applied ?? this.current.eventsApplied };
  }

  /** Starts a rebuild (409 while one runs); it goes on in the background: follow it with `status()`. */
  start(): RebuildStatus {
    if (this.current.state === 'running' || this.current.state === 'caught-up') {
      const message = 'a rebuild of the read model is already running';
      throw new ConflictException({ statusCode: 409, error: 'Conflict', message, errors: [{ field: 'rebuild', problems: [message] }] });
    }
    this.current = { ...IDLE, state: 'running', startedAt: new Date().toISOString() };
    this.run = this.rebuild().catch((err: Error) => this.fail(err));
    return this.status();
  }

  private get live(): EventConsumer {
    return this.consumers.get(READ_MODEL_CONSUMER);
  }

  private get rebuildGroup(): string {
    return `${this.live.options.groupId}.rebuild`;
  }

  private async rebuild(): Promise<void> {
    const live = this.live;
    const group = this.rebuildGroup;
    await this.dataSource.transaction(async (q) => {
      await dropRebuild(q);
      await createRebuildTables(q);
    });
    // A group left by an earlier rebuild would resume from its offsets: start from the beginning instead.
    const admin = await this.kafka.admin();
    await admin.deleteGroups([group]).catch(() => undefined);

    const consumer = this.startConsumer(group);
    await this.waitUntil(async () => (this.current.lag = await this.lagOf(consumer)) === 0);
    this.current = { ...this.current, state: 'caught-up', caughtUpAt: new Date().toISOString() };
    // While the live model still ingests, so the pause below lasts only for the last events and the swap. The copy's
    // consumer stops meanwhile (its writes would wait on the tables' exclusive locks) and then catches up again.
    await consumer.close();
    let start = performance.now();
    await makeDurable(this.dataSource);
    this.current.durableMs = Math.round(performance.now() - start);
    start = performance.now();
    await buildIndexes(this.dataSource);
    this.current.indexesMs = Math.round(performance.now() - start);
    consumer.listen(() => undefined);
    this.log('caught up; copy logged and indexed; pausing the live consumer to swap');

    await live.close();
    const pausedAt = performance.now();
    try {
      const target = await this.committed(live.options.groupId);
      await this.waitUntil(async () => {
        const reached = await this.committed(group);
        return [...target].every(([partition, offset]) => (reached.get(partition) ?? -1) >= offset);
      });
      await consumer.close();
      this.current.eventsApplied = consumer.stats.applied;
      const swapStart = performance.now();
      await this.dataSource.transaction((q) => swapTableSets(q));
      this.current.swapMs = Math.round(performance.now() - swapStart);
      this.current = { ...this.current, state: 'swapped', swappedAt: new Date().toISOString(), lag: 0 };
      this.consumer = undefined;
      this.log('swapped in the rebuilt read model');
    } finally {
      await this.resume(live);
      this.current.livePausedMs = Math.round(performance.now() - pausedAt);
    }
    await admin.deleteGroups([group]).catch(() => undefined);
  }

  private startConsumer(group: string): EventConsumer {
    const live = this.live.options;
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    const consumer = new EventConsumer(this.dataSource, this.kafka, this.logger, {
      ...live,
      name: `${READ_MODEL_CONSUMER}-rebuild`,
      groupId: group,
      deadLetterTopic: deadLetterTopic(prefix, group.slice(prefix.length)),
      fromBeginning: true,
      // Named with its schema: the ledger row is written before the handler sets the search path.
      ownLedger: auditLedger(`${REBUILD_SCHEMA}.${APPEND_ONLY.audit.table}`),
    });
    // The live handler's fold and writer, into the copy: search_path makes the unqualified rm_* names the copy's.
    const handler = (async (events: TrustwideEvent[], ctx: ConsumerContext) => {
      // Not waiting for each commit's flush: a crash loses the rebuild anyway (it is started again), never the live model.
      await ctx.manager.query(`SET LOCAL search_path TO ${REBUILD_SCHEMA}, public; SET LOCAL synchronous_commit TO off`);
      await writeFolded(ctx.manager, foldEvents(events), { notify: false });
    }) as unknown as MessageHandler;
    const extras = { batch: true };
    for (const type of READ_MODEL_TYPES) consumer.addHandler(type, handler, true, extras);
    this.consumer = consumer;
    consumer.listen(() => undefined);
    return consumer;
  }

  /** The group's committed offsets by `topic:partition` (-1: nothing committed). */
  private async committed(groupId: string): Promise<Map<string, number>> {
    const admin = await this.kafka.admin();
    const answer = await admin.fetchOffsets({ groupId, topics: this.live.options.topics });
    return new Map(answer.flatMap(({ topic, partitions }) => partitions.map((p) => [`${topic}:${p.partition}`, Number(p.offset)])));
  }

  /** Messages the copy has still to read (null when Kafka did not answer); a consumer that refused to start fails the rebuild. */
  private async lagOf(consumer: EventConsumer): Promise<number | null> {
    const { refused, lag } = await consumer.describe();
    if (refused) throw new Error(refused);
    return lag ? Object.values(lag).reduce((a, b) => a + b, 0) : null;
  }

  private async waitUntil(done: () => Promise<boolean>): Promise<void> {
    while (!(await done())) {
      if (this.stopping) throw new Error('the gateway is shutting down');
      await sleep(POLL_MS);
    }
  }

  private async resume(live: EventConsumer): Promise<void> {
    if (this.stopping) return;
    await new Promise<void>((resolve) => live.listen(() => resolve()));
  }

  private async fail(err: Error): Promise<void> {
    this.current = { ...this.status(), state: 'failed', error: err.message };
    this.logger.error({ msg: 'read model rebuild failed; the live model is unchanged', error: err.message }, 'ReadModelRebuild');
    await this.consumer?.close().catch(() => undefined);
    this.consumer = undefined;
    await this.dataSource.transaction((q) => dropRebuild(q)).catch(() => undefined);
    await this.resume(this.live).catch(() => undefined);
  }

  private log(msg: string): void {
    this.logger.log({ msg, eventsApplied: this.status().eventsApplied }, 'ReadModelRebuild');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.close().catch(() => undefined);
    await this.run;
  }
}
