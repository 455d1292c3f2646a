import { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { classifyPublishError } from '../kafka/publish-errors';
import { backoff, sleep } from '../util/time';
import { halves, messageBytes, SizedMessage, splitByBytes } from './batching';
import { OUTBOX_CHANNEL } from './outbox';
import { judgeOutbox, OutboxStats } from './outbox-stats';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** Most rows per pass (OUTBOX_BATCH_SIZE). */
  batchSize: number;
  pollMs: number;
  /** Most bytes per Kafka request (OUTBOX_BATCH_MAX_BYTES) [768 KiB]. */
  maxBatchBytes?: number;
  /** A waiting row older than this, or a parked one, is reported as a stuck outbox (OUTBOX_STUCK_AFTER_MS) [60 s]. */
  stuckAfterMs?: number;
  /** Published rows older than this are deleted (the log is Kafka's job, not the outbox's). */
  retainSentMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Record<string, unknown>;
  traceparent: string | null;
  /** Rows the pass could take by count, before the cut by bytes (bigint: a string). */
  candidates: string;
}

interface Outgoing {
  row: OutboxRow;
  message: SizedMessage;
  bytes: number;
  /** The aggregate's stream: its topic and key (one partition, one order). */
  stream: string;
}

/** What one pass did; persisted together in the pass's transaction. */
interface Pass {
  sent: string[];
  parked: { id: string; error: string }[];
  /** Streams with a row parked in this pass: their later rows wait. */
  blocked: Set<string>;
}

/** Only one relay per database publishes at a time, so rows leave in `id` order. */
const RELAY_LOCK = 804_221_001;
const DEFAULT_MAX_BATCH_BYTES = 786_432;
const PRUNE_CHUNK = 10_000;

/**
 * Publishes outbox rows to Kafka in id order, keyed by aggregate id, and marks them sent.
 *
 * At-least-once: nothing is marked sent before Kafka acknowledged it, so a broker outage loses and
 * reorders nothing; a resend after a failure may duplicate (consumers deduplicate by event id).
 *
 * Batches are cut by rows (OUTBOX_BATCH_SIZE) and by bytes (OUTBOX_BATCH_MAX_BYTES), so no request
 * carries a partition batch over the broker's limit.
 *
 * Parking: a row the broker refuses for good (MESSAGE_TOO_LARGE, INVALID_RECORD: see
 * classifyPublishError) is found by halving the refused request, and parked: kept with its error
 * (`parked_at`, `last_error`) for an operator (`npm run outbox -- list|resend|discard`). What parking
 * means for order: the parked row's aggregate (its topic and key) stops there; its later rows wait
 * behind it, so no consumer ever sees an aggregate's events out of order or with a gap. Every other
 * aggregate goes on. Resending un-parks the row and its aggregate continues in order from it.
 * Failures that are not about the rows (broker away, authorisation, versions) are retried with
 * backoff, never parked: they would refuse every row alike.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  /** A commit added rows since the relay last looked. */
  private notified = false;
  private listener?: Client;
  private readonly abort = new AbortController();
  private lastPrune = 0;
  private lastWatch = 0;
  private stuckReported = false;
  /** Rows published since start; for health and tests. */
  published = 0;
  /** Rows parked since start. */
  parkedCount = 0;
  lastError: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly logger: LoggerService,
    private readonly options: OutboxRelayOptions,
  ) {}

  private get maxBatchBytes(): number {
    return this.options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  }

  get stuckAfterMs(): number {
    return this.options.stuckAfterMs ?? 60_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listen();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /** Backlog, oldest waiting row and parked rows (one indexed query over the unsent rows). */
  async stats(): Promise<OutboxStats> {
    const [row] = await this.dataSource.query<{ unsent: number; parked: number; age: number }[]>(
      `SELECT count(*) FILTER (WHERE parked_at IS NULL)::int AS unsent,
              count(*) FILTER (WHERE parked_at IS NOT NULL)::int AS parked,
              coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE parked_at IS NULL)) * 1000, 0)::float8 AS age
       FROM outbox_events WHERE sent_at IS NULL`,
    );
    return { unsent: row.unsent, parked: row.parked, oldestUnsentAgeMs: Math.max(0, Math.round(row.age)) };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      await this.watch();
      try {
        this.notified = false; // this look covers what was committed until now
        const { more } = await this.publishBatch();
        if (failures > 0) this.logger.log({ msg: 'outbox relay recovered', after: failures }, 'OutboxRelay');
        failures = 0;
        this.lastError = null;
        await this.prune();
        if (more) continue; // more is waiting: look again at once
        await this.idle(this.options.pollMs);
      } catch (err) {
        failures++;
        const failure = classifyPublishError(err);
        this.lastError = failure.message;
        // Said on the row that is next to go, so a stuck outbox shows why in the database.
        await this.dataSource
          .query(
            `UPDATE outbox_events SET attempts = attempts + 1, last_error = $1
             WHERE id = (SELECT min(id) FROM outbox_events WHERE sent_at IS NULL AND parked_at IS NULL)`,
            [this.lastError],
          )
          .catch(() => undefined);
        const wait = backoff(failures, 200, 10_000);
        const line = {
          msg: 'outbox relay could not publish; will retry',
          error: this.lastError,
          kafkaError: failure.type,
          attempt: failures,
          retryInMs: wait,
        };
        // Not about the rows (authorisation, versions): nothing will move until someone fixes the setup.
        if (failure.kind === 'setup')
          this.logger.error({ ...line, msg: 'outbox relay: Kafka refuses every row; fix the topic or client setup' }, 'OutboxRelay');
        else this.logger.warn(line, 'OutboxRelay');
        await sleep(wait, this.abort.signal);
      }
    }
  }

  /** Says loudly (a log line) when the outbox is stuck, and once when it moves again. */
  private async watch(): Promise<void> {
    const every = Math.min(30_000, this.stuckAfterMs / 2);
    if (Date.now() - this.lastWatch < every) return;
    this.lastWatch = Date.now();
    try {
      const stats = await this.stats();
      const judged = judgeOutbox(stats, this.stuckAfterMs);
      if (judged.status === 'degraded') {
        this.stuckReported = true;
        this.logger.warn({ msg: 'outbox is stuck', problems: judged.problems, ...stats, lastError: this.lastError }, 'OutboxRelay');
      } else if (this.stuckReported) {
        this.stuckReported = false;
        this.logger.log({ msg: 'outbox is flowing again', ...stats }, 'OutboxRelay');
      }
    } catch {
      // The database is away: the relay's own loop says so.
    }
  }

  /** Waits for a NOTIFY or the poll period, whichever comes first; at once if one came while publishing. */
  private idle(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /**
   * One pass: the next rows (by rows and bytes, skipping aggregates stopped behind a parked row), sent
   * in byte-budgeted requests. Returns how many rows it looked at (0: nothing to do) and whether more may wait.
   */
  private async publishBatch(): Promise<{ looked: number; more: boolean }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // This transaction waits on Kafka (bounded by kafkajs's timeouts and retries); the service's
      // idle-in-transaction timeout is meant for leaked transactions, not for this one (set in the same statement).
      // Its commit does not wait for the disk: a crash can lose only the marks of what was already published, and
      // those rows are published again, which every consumer's ledger skips.
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_xact_lock($1) AS locked, set_config('idle_in_transaction_session_timeout', '5min', true),
                set_config('synchronous_commit', 'off', true)`,
        [RELAY_LOCK],
      )) as { locked: boolean }[];
      if (!locked) {
        await runner.rollbackTransaction();
        return { looked: 0, more: false };
      }
      const rows = await this.nextRows(runner);
      if (rows.length === 0) {
        await runner.commitTransaction();
        return { looked: 0, more: false };
      }
      await this.kafka.ensureTopics(rows.map((r) => r.topic));
      const pass: Pass = { sent: [], parked: [], blocked: new Set() };
      let failure: unknown;
      try {
        for (const chunk of splitByBytes(rows.map(outgoing), (o) => o.bytes, this.maxBatchBytes)) await this.sendOrIsolate(chunk, pass);
      } catch (err) {
        failure = err;
      }
      // What went out before a failure is marked, so it is not sent again.
      await this.persist(runner, pass);
      await runner.commitTransaction();
      this.published += pass.sent.length;
      this.parkedCount += pass.parked.length;
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows what sending threw, once what went out is marked
      if (failure) throw failure;
      // Rows wait beyond this pass when it was cut by rows or bytes, or parked one (its aggregate's later rows now wait);
      // what was committed after it looked wakes the relay with a NOTIFY.
      const more = rows.length < Number(rows[0].candidates) || rows.length >= this.options.batchSize || pass.parked.length > 0;
      return { looked: rows.length, more };
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /**
   * The next unsent rows in id order, at most OUTBOX_BATCH_SIZE of them and about OUTBOX_BATCH_MAX_BYTES
   * (always at least one), leaving out parked rows and every row of an aggregate behind a parked one.
   */
  private nextRows(runner: QueryRunner): Promise<OutboxRow[]> {
    return runner.query(
      `SELECT id, topic, message_key, payload, traceparent, candidates FROM (
         SELECT c.id, c.topic, c.message_key, c.payload, c.traceparent,
                sum(c.bytes) OVER (ORDER BY c.id) AS running, row_number() OVER (ORDER BY c.id) AS n, count(*) OVER () AS candidates
         FROM (
           SELECT o.id, o.topic, o.message_key, o.payload, o.traceparent, coalesce(o.payload_bytes, octet_length(o.payload::text)) AS bytes
           FROM outbox_events o
           WHERE o.sent_at IS NULL AND o.parked_at IS NULL
             AND NOT EXISTS (
               SELECT 1 FROM outbox_events p
               WHERE p.parked_at IS NOT NULL AND p.sent_at IS NULL AND p.topic = o.topic AND p.message_key = o.message_key AND p.id < o.id)
           ORDER BY o.id LIMIT $1
         ) c
       ) w
       WHERE w.running <= $2 OR w.n = 1
       ORDER BY w.id`,
      [this.options.batchSize, this.maxBatchBytes],
    );
  }

  /**
   * Sends a chunk; if the broker refuses it for good, halves it until the refused row is alone and parks
   * that row. In id order throughout, and skipping rows whose aggregate was just parked, so an
   * aggregate's later rows never overtake its parked one. Other failures propagate (retried later).
   */
  private async sendOrIsolate(chunk: Outgoing[], pass: Pass): Promise<void> {
    const live = chunk.filter((o) => !pass.blocked.has(o.stream));
    if (live.length === 0) return;
    try {
      await this.send(live);
      pass.sent.push(...live.map((o) => o.row.id));
    } catch (err) {
      // A failed request may have been written on some partitions: a fresh producer id keeps kafkajs's
      // rolled-back sequence numbers from colliding with what the broker already has.
      await this.kafka.resetProducer();
      const failure = classifyPublishError(err);
      if (failure.kind !== 'refused') throw err;
      if (live.length > 1) {
        const [first, second] = halves(live);
        await this.sendOrIsolate(first, pass);
        await this.sendOrIsolate(second, pass);
        return;
      }
      const [refused] = live;
      const error = `${failure.type}: ${failure.message} (${refused.bytes} bytes)`;
      pass.parked.push({ id: refused.row.id, error });
      pass.blocked.add(refused.stream);
      this.logger.error(
        {
          msg: 'outbox row parked: the broker refused it for good; its aggregate waits behind it (npm run outbox -- list)',
          outboxId: refused.row.id,
          topic: refused.row.topic,
          key: refused.row.message_key,
          eventType: refused.message.headers['event-type'],
          error,
        },
        'OutboxRelay',
      );
    }
  }

  private async send(items: Outgoing[]): Promise<void> {
    const producer = await this.kafka.producer();
    const byTopic = new Map<string, SizedMessage[]>();
    for (const { row, message } of items) {
      const list = byTopic.get(row.topic) ?? [];
      list.push(message);
      byTopic.set(row.topic, list);
    }
    await producer.sendBatch({
      acks: -1,
      timeout: 10_000,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  private async persist(runner: QueryRunner, pass: Pass): Promise<void> {
    if (pass.sent.length > 0) {
      await runner.query(`UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [pass.sent]);
    }
    if (pass.parked.length > 0) {
      await runner.query(
        `UPDATE outbox_events o SET parked_at = now(), last_error = p.error, attempts = o.attempts + 1
         FROM unnest($1::bigint[], $2::text[]) AS p(id, error) WHERE o.id = p.id`,
        [pass.parked.map((p) => p.id), pass.parked.map((p) => p.error)],
      );
    }
  }

  /** Deletes published rows past their retention, in bounded statements (each under the statement timeout). */
  private async prune(): Promise<void> {
    const retain = this.options.retainSentMs ?? 7 * 24 * 3600 * 1000;
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    for (;;) {
      const [{ deleted }] = await this.dataSource.query<{ deleted: number }[]>(
        `WITH gone AS (
           DELETE FROM outbox_events WHERE id IN (
             SELECT id FROM outbox_events WHERE sent_at < now() - ($1::bigint * interval '1 millisecond') LIMIT $2)
           RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone`,
        [retain, PRUNE_CHUNK],
      );
      if (deleted < PRUNE_CHUNK || !this.running) return;
    }
  }

  /** LISTEN for commits that added rows, so events leave within milliseconds rather than a poll period. */
  private async listen(): Promise<void> {
    while (this.running) {
      const client = new Client({ connectionString: this.options.databaseUrl });
      this.listener = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
        client.on('notification', () => {
          this.notified = true;
          this.wake?.();
        });
        await new Promise<void>((resolve) => {
          client.on('error', () => resolve());
          client.on('end', () => resolve());
          this.abort.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } catch {
        // Polling still runs; try to listen again shortly.
      }
      await client.end().catch(() => undefined);
      if (this.running) await sleep(1000, this.abort.signal);
    }
  }
}

function outgoing(row: OutboxRow): Outgoing {
  const p = row.payload;
  const message: SizedMessage = {
    key: row.message_key,
    value: JSON.stringify(p),
    headers: {
      'event-id': String(p.eventId),
      'event-type': String(p.type),
      'event-version': String(p.version),
      'trust-id': String(p.trustId),
      'correlation-id': String(p.correlationId),
      // The recording request's or event's trace, continued by every consumer (and kept on a dead letter).
      ...(row.traceparent ? { traceparent: row.traceparent } : {}),
    },
  };
  return { row, message, bytes: messageBytes(message), stream: `${row.topic}\u0000${row.message_key}` };
}
