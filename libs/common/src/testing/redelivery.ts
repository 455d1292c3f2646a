import { expect } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventConsumer } from '../consumer/event-consumer';
import { EventConsumerService } from '../module/consumer.provider';
import { expectEventually } from './expect-eventually';
import { readTopic, TopicReader } from './kafka';

/**
 * Proof that a service's consumers deduplicate by event id (the relay delivers at least once: after a
 * crash it sends a batch again). Read what the relays put on the topics, let the consumers apply it,
 * snapshot the service's tables, send exactly the same messages again (same keys, values, headers: same
 * event ids), wait until every consumer has seen them again, and compare.
 */
export class RedeliveryProbe {
  private constructor(
    private readonly brokers: string,
    private readonly readers: Map<string, TopicReader>,
  ) {}

  /** Starts reading the physical topics (before anything is published on them). */
  static async watch(brokers: string, topics: string[]): Promise<RedeliveryProbe> {
    const readers = new Map<string, TopicReader>();
    for (const topic of topics) readers.set(topic, await readTopic(brokers, topic));
    return new RedeliveryProbe(brokers, readers);
  }

  /** Messages on the topics a consumer reads, as far as the probe has seen them. */
  private onTopicsOf(consumer: EventConsumer): number {
    return consumer.options.topics.reduce((n, t) => n + (this.readers.get(t)?.messages.length ?? 0), 0);
  }

  /** Waits until the app's every consumer has taken in (applied, skipped as not its own, or as a duplicate) every message its topics hold. */
  async caughtUp(app: INestApplication, expectedMessages: number): Promise<void> {
    await expectEventually(
      () => expect([...this.readers.values()].reduce((n, r) => n + r.messages.length, 0)).toBeGreaterThanOrEqual(expectedMessages),
      { timeoutMs: 60_000 },
    );
    for (const consumer of consumersOf(app)) {
      for (const topic of consumer.options.topics)
        if (!this.readers.has(topic)) throw new Error(`the probe does not read ${topic}, which ${consumer.options.name} consumes`);
      await expectEventually(() => expect(taken(consumer)).toBeGreaterThanOrEqual(this.onTopicsOf(consumer)), { timeoutMs: 60_000 });
    }
  }

  /** Sends every message read so far again, as a relay would after a crash; resolves once each consumer has taken them in. Answers how many each consumer applied anew (should be none). */
  async redeliver(app: INestApplication): Promise<Record<string, number>> {
    const consumers = consumersOf(app);
    const before = new Map(consumers.map((c) => [c, { taken: taken(c), applied: c.stats.applied, expected: this.onTopicsOf(c) }]));
    const producer = new Kafka({ clientId: 'test-redelivery', brokers: this.brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      for (const [topic, reader] of this.readers) {
        const messages = reader.messages.map((m) => ({ key: m.key, value: m.value, headers: m.headers }));
        if (messages.length > 0) await producer.send({ topic, acks: -1, messages });
      }
    } finally {
      await producer.disconnect();
    }
    for (const consumer of consumers) {
      const { taken: was, expected } = before.get(consumer)!;
      await expectEventually(() => expect(taken(consumer) - was).toBeGreaterThanOrEqual(expected), { timeoutMs: 60_000 });
    }
    return Object.fromEntries(consumers.map((c) => [c.options.name, c.stats.applied - before.get(c)!.applied]));
  }

  async stop(): Promise<void> {
    for (const reader of this.readers.values()) await reader.stop();
  }
}

const consumersOf = (app: INestApplication) => app.get(EventConsumerService).strategies();
const taken = (c: EventConsumer) => c.stats.applied + c.stats.duplicates + c.stats.ignored + c.stats.deadLettered;

/**
 * Every row of every table of a service's database, order-free: what a duplicate delivery must not change.
 * The outbox only by event id (the relay marks rows sent in its own time); the migrations table is left out.
 */
export async function tableSnapshot(dataSource: DataSource): Promise<Record<string, string[]>> {
  const tables: { name: string }[] = await dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows: unknown[] = await dataSource.query(name === 'outbox_events' ? `SELECT id FROM outbox_events` : `SELECT * FROM "${name}"`);
    snapshot[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return snapshot;
}
