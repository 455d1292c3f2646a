import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { ensureDatabase } from '../database/ensure-database';

const POSTGRES = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_KAFKA_BROKERS = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';

/** A fresh database and topic prefix per test suite, so suites run side by side on one server and broker. */
export interface TestEnvironment {
  id: string;
  databaseUrl: (name: string) => string;
  topicPrefix: string;
  /** Environment for one service of the suite. */
  env: (service: string, extra?: Record<string, string>) => Record<string, string>;
  /** Creates the suite's databases; call in beforeAll. */
  createDatabases: (...services: string[]) => Promise<void>;
  /** Drops every database and topic of the suite (also those its services created themselves); call in afterAll. */
  cleanup: () => Promise<void>;
}

export function testEnvironment(suite: string, brokers = TEST_KAFKA_BROKERS): TestEnvironment {
  const id = `${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const created = new Set<string>();
  const databaseUrl = (name: string) => `${POSTGRES}/trustwide_test_${id}_${name}`;
  const topicPrefix = `test.${id}.`;
  return {
    id,
    databaseUrl,
    topicPrefix,
    env: (service, extra = {}) => ({
      PORT: '0',
      DATABASE_URL: databaseUrl(service),
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_TOPIC_PARTITIONS: '3',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      OUTBOX_POLL_MS: '200',
      ...extra,
    }),
    createDatabases: async (...services) => {
      for (const s of services) {
        await ensureDatabase(databaseUrl(s));
        created.add(s);
      }
    },
    cleanup: async () => {
      await deleteTopics(brokers, topicPrefix).catch(() => undefined);
      const client = new Client({ connectionString: `${POSTGRES}/postgres` });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`trustwide_test_${id}_%`]);
        for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
      created.clear();
    },
  };
}

/** Runs `fn` with process.env extended by `env` (config is read when a Nest module is compiled). */
export async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

/** Deletes the topics a suite made, so the broker's data does not grow with every run. */
async function deleteTopics(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'test-cleanup', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
