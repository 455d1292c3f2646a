"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KafkaClient = void 0;
const kafkajs_1 = require("kafkajs");
/**
 * The one place that knows the Kafka client library (kafkajs, in maintenance since 2023), so it can be
 * swapped without touching services.
 */
class KafkaClient {
    options;
    kafka;
    producerInstance;
    producerConnected;
    adminInstance;
    adminConnected;
    consumers = new Set();
    knownTopics = new Set();
    constructor(options) {
        this.options = options;
        const log = options.logger;
        this.kafka = new kafkajs_1.Kafka({
            clientId: options.clientId,
            brokers: options.brokers,
            connectionTimeout: 3000,
            requestTimeout: 15000,
            retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5000 },
            logLevel: kafkajs_1.logLevel.WARN,
            logCreator: () => ({ level, log: entry }) => {
                const { message, ...rest } = entry;
                const line = { msg: `kafka: ${message}`, ...rest };
                if (level === kafkajs_1.logLevel.ERROR)
                    log.error(line, 'Kafka');
                else if (level === kafkajs_1.logLevel.WARN)
                    log.warn(line, 'Kafka');
                else
                    log.debug?.(line, 'Kafka');
            },
        });
    }
    /** A connected producer that keeps per-partition order across its own retries. */
    producer() {
        if (!this.producerConnected) {
            this.producerInstance = this.kafka.producer({
                createPartitioner: kafkajs_1.Partitioners.DefaultPartitioner,
                allowAutoTopicCreation: false,
                maxInFlightRequests: 1,
                retry: { initialRetryTime: 200, retries: 3, maxRetryTime: 3000 },
            });
            const producer = this.producerInstance;
            this.producerConnected = producer.connect().then(() => producer, (err) => {
                this.producerConnected = undefined;
                throw err;
            });
        }
        return this.producerConnected;
    }
    /** Drops the producer so the next call builds a fresh one (after the broker went away). */
    async resetProducer() {
        const producer = this.producerInstance;
        this.producerInstance = undefined;
        this.producerConnected = undefined;
        await producer?.disconnect().catch(() => undefined);
    }
    admin() {
        if (!this.adminConnected) {
            this.adminInstance = this.kafka.admin();
            const admin = this.adminInstance;
            this.adminConnected = admin.connect().then(() => admin, (err) => {
                this.adminConnected = undefined;
                throw err;
            });
        }
        return this.adminConnected;
    }
    consumer(config) {
        const consumer = this.kafka.consumer(config);
        this.consumers.add(consumer);
        return consumer;
    }
    /** Creates the topics that do not exist yet (explicitly: auto-creation would give one partition). */
    async ensureTopics(topics) {
        const wanted = [...new Set(topics)].filter((t) => !this.knownTopics.has(t));
        if (wanted.length === 0)
            return;
        const admin = await this.admin();
        const existing = new Set(await admin.listTopics());
        const missing = wanted.filter((t) => !existing.has(t));
        if (missing.length > 0) {
            await admin.createTopics({
                waitForLeaders: true,
                topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions, replicationFactor: -1 })),
            });
        }
        wanted.forEach((t) => this.knownTopics.add(t));
    }
    /** True when the cluster answers a metadata request within the timeout. */
    async ping(timeoutMs = 2000) {
        try {
            const admin = await withTimeout(this.admin(), timeoutMs);
            await withTimeout(admin.describeCluster(), timeoutMs);
            return true;
        }
        catch {
            return false;
        }
    }
    async close() {
        await Promise.allSettled([...this.consumers].map((c) => c.disconnect()));
        this.consumers.clear();
        const producer = this.producerInstance;
        const admin = this.adminInstance;
        this.producerConnected = this.adminConnected = undefined;
        this.producerInstance = this.adminInstance = undefined;
        await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
    }
}
exports.KafkaClient = KafkaClient;
function withTimeout(promise, ms) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
        promise.then((v) => {
            clearTimeout(timer);
            resolve(v);
        }, (e) => {
            clearTimeout(timer);
            reject(e);
        });
    });
}
//# sourceMappingURL=kafka-client.js.map