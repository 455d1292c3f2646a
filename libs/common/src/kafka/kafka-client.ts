import { LoggerService } from '@nestjs/common';
import { Admin, Consumer, ConsumerConfig, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../util/time';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger: LoggerService;
  /** Applied to every topic the client creates. */
  partitions: number;
  /** Copies of each partition of a topic the client creates [1]. */
  replicationFactor?: number;
  /** `min.insync.replicas` of a topic the client creates [1]: with acks=all, a write needs this many copies. */
  minInsyncReplicas?: number;
}

/**
 * Broker answers kafkajs retries itself (its protocol table's retriable errors): a topic or group coordinator
 * still being set up, a leader moving. What is still failing when its retries run out reaches the caller, who
 * logs it; a corrupt message and a broker's disk error stay errors however often they are retried.
 */
export const RETRIED_BY_KAFKAJS: ReadonlySet<string> = new Set([
  'This server does not host this topic-partition',
  'There is no leader for this topic-partition as we are in the middle of a leadership election',
  'This server is not the leader for that topic-partition',
  'The request timed out',
  'The replica is not available for the requested topic-partition',
  'The server disconnected before a response was received',
  "The coordinator is loading and hence can't process requests for this group",
  'The group coordinator is not available',
  'This is not the correct coordinator for this group',
  'Messages are rejected since there are fewer in-sync replicas than required',
  'Messages are written to the log, but to fewer in-sync replicas than required',
  'This is not the correct controller for this cluster',
  'The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing',
  'The fetch session ID was not found',
  'The fetch session epoch is invalid',
  'There is no listener on the leader broker that matches the listener on which metadata request was processed',
  'The leader epoch in the request is older than the epoch on the broker',
  'The leader epoch in the request is newer than the epoch on the broker',
  'The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing',
  'The preferred leader was not available',
  'Eligible topic partition leaders are not available',
  'Leader election not needed for topic partition',
  'There are unstable offsets that need to be cleared',
]);

/**
 * Whether one of kafkajs's error lines is judged by somebody else, so it is only a warning:
 * - a CreateTopics answer with errors, by ensureTopics (another service created the topic at the same moment:
 *   fine; anything else is thrown and logged by its caller);
 * - any other broker answer kafkajs retries itself (RETRIED_BY_KAFKAJS);
 * - a consumer's crash and kafkajs's restart of it: EventConsumer logs the crash as an error when kafkajs does
 *   not restart it, and as a warning when it does.
 */
export function isJudgedElsewhere(message: unknown, error: unknown): boolean {
  if (typeof message !== 'string') return false;
  if (message.startsWith('Response CreateTopics')) return true;
  if (message.startsWith('Response ')) return typeof error === 'string' && RETRIED_BY_KAFKAJS.has(error);
  return message.startsWith('Crash: ') || message.startsWith('Restarting the consumer in ');
}

/**
 * The one place that knows the Kafka client library (kafkajs, in maintenance since 2023), so it can be
 * swapped without touching services.
 */
export class KafkaClient {
  readonly kafka: Kafka;
  private producerInstance?: Producer;
  private producerConnected?: Promise<Producer>;
  private adminInstance?: Admin;
  private adminConnected?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();
  private readonly knownTopics = new Set<string>();
  /** Aborted by close(): waits for topic leaders stop then instead of asking a closed client for 15 s. */
  private closing = new AbortController();

  constructor(private readonly options: KafkaClientOptions) {
    const log = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: 3000,
      requestTimeout: 15000,
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
      logLevel: logLevel.WARN,
      logCreator:
        () =>
        ({ level, log: entry }) => {
          const { message, ...rest } = entry;
          const line = { msg: `kafka: ${message}`, ...rest };
          if (level === logLevel.ERROR && !isJudgedElsewhere(message, entry.error)) log.error(line, 'Kafka');
          else if (level === logLevel.ERROR || level === logLevel.WARN) log.warn(line, 'Kafka');
          else log.debug?.(line, 'Kafka');
        },
    });
  }

  /**
   * A connected idempotent producer: the broker drops a batch kafkajs resends after a lost answer (no
   * duplicate from the client's own retries), and one request in flight keeps per-partition order.
   * kafkajs requires maxInFlightRequests 1 and acks=all (-1) for it; checked against Kafka 4.4.
   * After a failed send, call resetProducer: kafkajs rolls back its sequence numbers for a whole failed
   * request even where a partition's part was written, so a later, different batch could otherwise reuse
   * a sequence the broker has seen (and be dropped as a duplicate). A new producer gets a new id.
   */
  producer(): Promise<Producer> {
    if (!this.producerConnected) {
      this.producerInstance = this.kafka.producer({
        createPartitioner: Partitioners.DefaultPartitioner,
        allowAutoTopicCreation: false,
        idempotent: true,
        maxInFlightRequests: 1,
        retry: { initialRetryTime: 200, retries: 3, maxRetryTime: 3000 },
      });
      const producer = this.producerInstance;
      this.producerConnected = producer.connect().then(
        () => producer,
        (err) => {
          this.producerConnected = undefined;
          throw err;
        },
      );
    }
    return this.producerConnected;
  }

  /** Drops the producer so the next call builds a fresh one (after the broker went away). */
  async resetProducer(): Promise<void> {
    const producer = this.producerInstance;
    this.producerInstance = undefined;
    this.producerConnected = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  admin(): Promise<Admin> {
    if (!this.adminConnected) {
      this.adminInstance = this.kafka.admin();
      const admin = this.adminInstance;
      this.adminConnected = admin.connect().then(
        () => admin,
        (err) => {
          this.adminConnected = undefined;
          throw err;
        },
      );
    }
    return this.adminConnected;
  }

  consumer(config: ConsumerConfig): Consumer {
    const consumer = this.kafka.consumer(config);
    this.consumers.add(consumer);
    // Forgotten once disconnected, so consumers restarted after crashes do not pile up here.
    consumer.on(consumer.events.DISCONNECT, () => this.consumers.delete(consumer));
    return consumer;
  }

  /** Creates the topics that do not exist yet (explicitly: auto-creation would give one partition). */
  async ensureTopics(topics: string[]): Promise<void> {
    const wanted = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
    if (wanted.length === 0) return;
    const admin = await this.admin();
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      try {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: this.options.partitions,
            replicationFactor: this.options.replicationFactor ?? 1,
            configEntries: [{ name: 'min.insync.replicas', value: String(this.options.minInsyncReplicas ?? 1) }],
          })),
        });
      } catch (err) {
        // Another process created one of them at the same moment: fine, once it has leaders.
        const errors = (err as { errors?: { type?: string }[] }).errors ?? [err as { type?: string }];
        if (!errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS')) throw err;
      }
      await waitForLeaders(admin, missing, 15_000, this.closing.signal);
    }
    wanted.forEach((t) => this.knownTopics.add(t));
  }

  /** True when the cluster answers a metadata request within the timeout. */
  async ping(timeoutMs = 2000): Promise<boolean> {
    try {
      const admin = await withTimeout(this.admin(), timeoutMs);
      await withTimeout(admin.describeCluster(), timeoutMs);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    // A new controller for whatever uses this client again after it closed (it connects again on demand).
    this.closing.abort(new Error('the Kafka client closed while waiting for topic leaders'));
    this.closing = new AbortController();
    await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    const producer = this.producerInstance;
    const admin = this.adminInstance;
    this.producerConnected = this.adminConnected = undefined;
    this.producerInstance = this.adminInstance = undefined;
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
  }
}

/** Until every partition of the topics has a leader (a topic just created elsewhere may not yet), the timeout, or `signal`. */
export async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 15_000, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)))
        return;
    } catch (err) {
      signal?.throwIfAborted();
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    // An abort ends the pause at once (and throws the signal's reason, as above).
    await sleep(100, undefined, { signal }).catch(() => signal?.throwIfAborted());
  }
}
