/**
 * Benchmark: events per second into the gateway's read model (the `read-model` consumer: a partition's run folded
 * and written with one multi-row upsert per table, ledger rows in the same transaction) against a naive consumer on
 * the same broker and database server: NestJS `@EventPattern` on `ServerKafka` (@nestjs/microservices), one INSERT
 * per message. The same events (schools registered, measures, staff, enrolments: a realistic mix) are put on the
 * topics first; each consumer then reads them from the beginning and the clock runs until the last is written (each
 * counts its own writes in the process, so no count(*) polling loads the database it measures; the tables are counted
 * once, after). Also reported: the CPU seconds each process of the machine used meanwhile (this one, postgres, the
 * broker's java), and with `--profile` the read model's self time by package and function. Run with
 * `npm run bench -- bench/read-model-ingest.bench.ts` (BENCH_RM_EVENTS, default 300,000: the read model fetches 4 MiB a
 * partition, about 36 MB of these events at a time, so 100,000 events were three fetches and the first, applied by
 * nothing while it is read, was a tenth of the run; 300,000 gives a steady rate). It asserts that every event arrived,
 * never a speed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { EventPattern, Payload, Transport } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { EventConsumerService, ServiceConfig, startConsumers, TrustwideModule } from '@trustwide/common';
import type { EventType } from '@trustwide/common';
import { TEST_KAFKA_BROKERS, testEnvironment, withEnv } from '@trustwide/common/testing';
import { READ_MODEL_MIGRATIONS, ReadModelModule } from '../apps/gateway/src/read-model/read-model.module';
import { profiled } from './profile';
import { benchKafka, envelope as benchEnvelope, cpuReport, cpuSnapshot, produce, waitForCount } from './read-model-events';

const EVENTS = Number(process.env.BENCH_RM_EVENTS ?? 300_000);
/** BENCH_RM_NAIVE=0 leaves out the naive consumer (two minutes at 300,000 events): for trying changes to the read model's ingest. */
const NAIVE = process.env.BENCH_RM_NAIVE !== '0';
/** BENCH_PROFILE=1 (`npm run bench -- --profile`): the read model's ingest under V8's sampling profiler, self time reported. */
const PROFILE = process.env.BENCH_PROFILE === '1';
const out = (text = '') => process.stdout.write(`${text}\n`);
const env = testEnvironment('rm_bench');
const TOPICS = ['trustwide.schools', 'trustwide.people', 'trustwide.cpd'].map((t) => `${env.topicPrefix}${t}`);

/** The naive consumer: one handler per topic, one row per message, in its own statement. */
@Controller()
class NaiveConsumer {
  constructor(private readonly db: DataSource) {}
  @EventPattern<string>(TOPICS[0])
  schools(@Payload() e: { eventId: string; type: string; data: unknown }) {
    return this.write(e);
  }
  @EventPattern<string>(TOPICS[1])
  people(@Payload() e: { eventId: string; type: string; data: unknown }) {
    return this.write(e);
  }
  @EventPattern<string>(TOPICS[2])
  cpd(@Payload() e: { eventId: string; type: string; data: unknown }) {
    return this.write(e);
  }
  /** Rows written so far, counted in the process as the read model's consumer counts its own (no polling count(*)). */
  static written = 0;
  private async write(e: { eventId: string; type: string; data: unknown }) {
    await this.db.query(`INSERT INTO naive_events (event_id, type, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      e.eventId,
      e.type,
      JSON.stringify(e.data),
    ]);
    NaiveConsumer.written++;
  }
}

@Module({
  imports: [TrustwideModule.forService({ service: 'naive', config: ServiceConfig, entities: [], migrations: [] })],
  controllers: [NaiveConsumer],
})
class NaiveModule {}

@Module({
  imports: [
    TrustwideModule.forService({ service: 'gateway', config: ServiceConfig, entities: [], migrations: [...READ_MODEL_MIGRATIONS] }),
    ReadModelModule,
  ],
})
class ReadModelOnly {}

const envelope = (trustId: string, type: EventType, aggregateId: string, data: unknown) =>
  benchEnvelope(env.topicPrefix, trustId, type, aggregateId, data);

/** A trust's worth of events, repeated: 1 school registered, 4 terms of measures, 3 staff joined, 2 enrolments per school. */
function generate(n: number) {
  const trustId = randomUUID();
  const messages: ReturnType<typeof envelope>[] = [];
  while (messages.length < n) {
    const schoolId = randomUUID();
    const cohortId = randomUUID();
    messages.push(
      envelope(trustId, 'schools.school.registered', schoolId, {
        school: {
          schoolId,
          urn: 100000 + (messages.length % 800000),
          name: `School ${messages.length}`,
          phase: 'primary',
          membership: 'member',
        },
      }),
    );
    for (const period of ['2023/24-autumn', '2023/24-spring', '2023/24-summer', '2023/24'])
      messages.push(
        envelope(trustId, 'schools.measures.recorded', schoolId, {
          schoolId,
          urn: 100001,
          period,
          measures: [
            { name: 'attendance', value: 90 + Math.random() * 8 },
            { name: 'pupilsOnRoll', value: 300 },
          ],
        }),
      );
    for (let i = 0; i < 3; i++) {
      const staffId = randomUUID();
      messages.push(
        envelope(trustId, 'people.staff.joined', staffId, { staffId, schoolId, displayName: `Person ${i}`, joinedOn: '2020-09-01' }),
      );
      if (i < 2)
        messages.push(
          envelope(trustId, 'cpd.enrolment.created', cohortId, {
            enrolmentId: randomUUID(),
            cohortId,
            programmeId: cohortId,
            staffId,
            schoolId,
            enrolledOn: '2026-09-10',
          }),
        );
    }
  }
  return messages.slice(0, n);
}

describe('read-model ingest against a naive one-row-per-message consumer', () => {
  const apps: INestApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await env.cleanup();
  });

  it(`ingests ${EVENTS} events`, async () => {
    await produce(benchKafka(), generate(EVENTS), TOPICS);
    await env.createDatabases('gateway', 'naive');

    // The read model: the gateway's consumer as it runs in production.
    const rm = await withEnv(env.env('gateway', { LOG_LEVEL: 'error' }), async () => {
      const app = (await Test.createTestingModule({ imports: [ReadModelOnly] }).compile()).createNestApplication({ logger: ['error'] });
      await app.init();
      return app;
    });
    apps.push(rm);
    const rmDb = rm.get(DataSource);
    const rmStart = performance.now();
    let joinMs = 0;
    const cpuBefore = process.cpuUsage();
    const cpu0 = cpuSnapshot();
    const ingest = async () => {
      await startConsumers(rm);
      const consumer = rm.get(EventConsumerService).get('read-model');
      await consumer.joined;
      joinMs = performance.now() - rmStart;
      // The consumer's own count (after each commit): a count(*) of the ledger every 50 ms would cost PostgreSQL
      // seconds of CPU at 100,000 rows and slow the ingest it measures. The table is counted once, after.
      await waitForCount(() => consumer.stats.applied, EVENTS);
      expect(Number((await rmDb.query<{ c: string }[]>(`SELECT count(*) AS c FROM rm_audit`))[0].c)).toBe(EVENTS);
    };
    const cpu = PROFILE ? await profiled(ingest) : (await ingest(), null);
    const rmMs = performance.now() - rmStart;
    const used = process.cpuUsage(cpuBefore);

    const [{ schools, measures, people, enrolments }] = await rmDb.query<
      { schools: number; measures: number; people: number; enrolments: number }[]
    >(
      `SELECT (SELECT count(*) FROM rm_schools)::int AS schools, (SELECT count(*) FROM rm_measures)::int AS measures, (SELECT count(*) FROM rm_people)::int AS people, (SELECT count(*) FROM rm_enrolments)::int AS enrolments`,
    );
    expect(enrolments).toBeGreaterThan(0);
    await rm.close();
    apps.pop();
    const rate = (ms: number) => Math.round(EVENTS / (ms / 1000));
    out();
    out(
      `read model: ${(rmMs / 1000).toFixed(1)} s in all (${rate(rmMs)} events/s), of which ${(joinMs / 1000).toFixed(1)} s to join the group; after it ${rate(rmMs - joinMs)} events/s`,
    );
    out(
      `this process's CPU during it: ${((used.user + used.system) / 1000 / rmMs).toFixed(2)} cores (user ${(used.user / 1e6).toFixed(1)} s, system ${(used.system / 1e6).toFixed(1)} s)`,
    );
    for (const line of cpuReport(cpu0)) out(line);
    if (cpu) {
      out('CPU self time by package:');
      for (const p of cpu.byPackage) out(`  ${p.share.padStart(6)} ${String(p.ms).padStart(6)} ms  ${p.pkg}`);
      out('by function:');
      for (const f of cpu.top) out(`  ${f.share.padStart(6)} ${String(f.ms).padStart(6)} ms  ${f.fn}`);
    }
    out(`read model rows: ${schools} schools, ${measures} measures, ${people} people, ${enrolments} enrolments`);
    if (!NAIVE) return;

    // The naive consumer: ServerKafka, one message at a time, one INSERT each.
    const naive = await withEnv(env.env('naive', { LOG_LEVEL: 'error' }), async () => {
      const app = (await Test.createTestingModule({ imports: [NaiveModule] }).compile()).createNestApplication({ logger: ['error'] });
      await app.init();
      await app
        .get(DataSource)
        .query(`CREATE TABLE IF NOT EXISTS naive_events (event_id uuid PRIMARY KEY, type text NOT NULL, data jsonb NOT NULL)`);
      return app;
    });
    apps.push(naive);
    naive.connectMicroservice({
      transport: Transport.KAFKA,
      options: {
        client: { clientId: 'naive', brokers: TEST_KAFKA_BROKERS.split(',') },
        consumer: { groupId: `${env.topicPrefix}naive` },
        subscribe: { fromBeginning: true },
      },
    });
    const naiveStart = performance.now();
    await naive.startAllMicroservices();
    await waitForCount(() => NaiveConsumer.written, EVENTS);
    const naiveMs = performance.now() - naiveStart;
    expect(Number((await naive.get(DataSource).query<{ c: string }[]>(`SELECT count(*) AS c FROM naive_events`))[0].c)).toBe(EVENTS);

    out(`| consumer | events | wall (incl. group join) | events/s |`);
    out(`|---|---:|---:|---:|`);
    out(
      `| naive: @EventPattern on ServerKafka, one INSERT per message | ${EVENTS} | ${(naiveMs / 1000).toFixed(1)} s | ${rate(naiveMs)} |`,
    );
    out(
      `| read model: @OnEventBatch, runs of ≤2,000 folded, one upsert per table | ${EVENTS} | ${(rmMs / 1000).toFixed(1)} s | ${rate(rmMs)} |`,
    );
    out(`| ratio | | | ${(naiveMs / rmMs).toFixed(1)}× |`);
  }, 900_000);
});
