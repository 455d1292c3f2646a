import { LoggerService } from '@nestjs/common';
import { IHeaders } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { KafkaClient } from '../kafka/kafka-client';
import { backoff, sleep } from '../util/time';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  databaseUrl: string;
  batchSize: number;
  pollMs: number;
  /** Published rows older than this are deleted (the log is Kafka's job, not the outbox's). */
  retainSentMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Record<string, unknown>;
}

/** Only one relay per database publishes at a time, so rows leave in `id` order. */
const RELAY_LOCK = 804_221_001;

/**
 * Publishes outbox rows to Kafka in id order, in batches, keyed by aggregate id, and marks them sent.
 * At-least-once: a failed batch is retried whole after a backoff (consumers drop the duplicates), and
 * nothing is marked sent before Kafka acknowledged it, so a broker outage loses and reorders nothing.
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
  /** Rows published since start; for health and tests. */
  published = 0;
  lastError: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaClient,
    private readonly logger: LoggerService,
    private readonly options: OutboxRelayOptions,
  ) {}

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

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        this.notified = false; // this look covers what was committed until now
        const sent = await this.publishBatch();
        if (failures > 0) this.logger.log({ msg: 'outbox relay recovered', after: failures }, 'OutboxRelay');
        failures = 0;
        this.lastError = null;
        await this.prune();
        if (sent >= this.options.batchSize) continue; // more waiting: no pause
        await this.idle(this.options.pollMs);
      } catch (err) {
        failures++;
        this.lastError = (err as Error).message;
        // Said on the row that is next to go, so a stuck outbox shows why in the database.
        await this.dataSource
          .query(`UPDATE outbox_events SET attempts = attempts + 1, last_error = $1 WHERE id = (SELECT min(id) FROM outbox_events WHERE sent_at IS NULL)`, [this.lastError])
          .catch(() => undefined);
        const wait = backoff(failures, 200, 10_000);
        this.logger.warn({ msg: 'outbox relay could not publish; will retry', error: this.lastError, attempt: failures, retryInMs: wait }, 'OutboxRelay');
        if (failures >= 2) await this.kafka.resetProducer();
        await sleep(wait, this.abort.signal);
      }
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

  private async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RELAY_LOCK]);
      if (!locked) {
        await runner.rollbackTransaction();
        return 0;
      }
      const rows: OutboxRow[] = await runner.query(
        `SELECT id, topic, message_key, payload FROM outbox_events WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
        [this.options.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      await this.kafka.ensureTopics(rows.map((r) => r.topic));
      const producer = await this.kafka.producer();
      const byTopic = new Map<string, { key: string; value: string; headers: IHeaders }[]>();
      for (const row of rows) {
        const p = row.payload;
        const list = byTopic.get(row.topic) ?? [];
        list.push({
          key: row.message_key,
          value: JSON.stringify(p),
          headers: {
            'event-id': String(p.eventId),
            'event-type': String(p.type),
            'event-version': String(p.version),
            'trust-id': String(p.trustId),
            'correlation-id': String(p.correlationId),
          },
        });
        byTopic.set(row.topic, list);
      }
      await producer.sendBatch({
        acks: -1,
        timeout: 10_000,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
      await runner.query(`UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      await runner.commitTransaction();
      this.published += rows.length;
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async prune(): Promise<void> {
    const retain = this.options.retainSentMs ?? 7 * 24 * 3600 * 1000;
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(`DELETE FROM outbox_events WHERE sent_at < now() - ($1::bigint * interval '1 millisecond')`, [retain]);
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
