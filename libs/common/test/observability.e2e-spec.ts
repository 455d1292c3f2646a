import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, INestApplication, Module, Param, Post, Query } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  configureHttp,
  deadLetterTopic,
  EventConsumerService,
  JsonLogger,
  OnEvent,
  OnEventBatch,
  PermanentEventError,
  ServiceConfig,
  ServiceOutbox,
  setupTracing,
  startConsumers,
  topicName,
  Topics,
  TrustwideModule,
} from '../src';
import type { TrustwideEvent } from '../src';
import { expectEventually, readTopic, testEnvironment, TopicReader, withEnv } from '../src/testing';
import { schoolRegistered, TRUST_ID } from './backbone-fixtures';

type Line = Record<string, unknown>;

/** A command endpoint as a service has one: the change's event recorded through the outbox, and a log line. */
@Controller('things')
class ThingsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly logger: JsonLogger,
  ) {}

  @Post(':name')
  async record(@Param('name') name: string, @Query('aggregateId') aggregateId?: string) {
    const id = aggregateId ?? randomUUID();
    const envelope = await this.dataSource.transaction((m) =>
      this.outbox.record(m, 'schools.school.registered', { trustId: TRUST_ID, aggregateId: id, data: schoolRegistered(name, id) }),
    );
    this.logger.log({ msg: 'thing recorded', eventId: envelope.eventId }, 'Things');
    return { eventId: envelope.eventId };
  }
}

@Module({
  imports: [
    TrustwideModule.forService({ service: 'producer', config: ServiceConfig, entities: [], migrations: [], publishes: [Topics.schools] }),
  ],
  controllers: [ThingsController],
})
class TracedProducerModule {}

/** Two projections of another service: one event at a time, and in batches. */
@Controller()
class TracedProjection {
  constructor(private readonly logger: JsonLogger) {}

  @OnEvent('schools.school.registered', { consumer: 'each' })
  onEach(@Payload() event: TrustwideEvent<'schools.school.registered'>) {
    if (event.data.school.name.startsWith('Refused')) throw new PermanentEventError('rejected', 'the test refuses it');
    this.logger.log({ msg: 'applied one', eventId: event.eventId }, 'Traced');
  }

  @OnEventBatch('schools.school.registered', { consumer: 'batch' })
  onBatch(@Payload() events: TrustwideEvent<'schools.school.registered'>[]) {
    this.logger.log({ msg: 'applied batch', eventIds: events.map((e) => e.eventId) }, 'Traced');
  }
}

@Module({
  imports: [
    TrustwideModule.forService({
      service: 'consumer',
      config: ServiceConfig,
      entities: [],
      migrations: [],
      consumers: [
        { name: 'each', group: 'obs-each', topics: [Topics.schools] },
        { name: 'batch', group: 'obs-batch', topics: [Topics.schools], transactionBatchSize: 100 },
      ],
    }),
  ],
  controllers: [TracedProjection],
})
class TracedConsumerModule {}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One sample of a Prometheus text exposition whose labels include `labels`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/**
 * One trace from an HTTP request through the service, its outbox row, the Kafka header and into consumers in
 * another app, in spans and in log lines; and the metrics each app serves. Real broker, real PostgreSQL.
 */
describe('traces and metrics', () => {
  const env = testEnvironment('observability');
  const brokers = env.env('x').KAFKA_BROKERS;
  const spans = new InMemorySpanExporter();
  const logs: Record<string, Line[]> = { producer: [], consumer: [], stalled: [] };
  let producer: INestApplication;
  let consumer: INestApplication;
  let stalled: INestApplication;
  let topic: TopicReader;

  async function start(module: unknown, service: string, extra: Record<string, string> = {}) {
    return withEnv(env.env(service, extra), async () => {
      const capture = new JsonLogger(service, 'debug', (line) => logs[service].push(JSON.parse(line) as Line));
      const ref = await Test.createTestingModule({ imports: [module as never] })
        .overrideProvider(JsonLogger)
        .useValue(capture)
        .compile();
      const app = ref.createNestApplication({ bodyParser: false, logger: false });
      configureHttp(app);
      await app.init();
      await startConsumers(app);
      return app;
    });
  }

  const line = (service: string, msg: string, where: (l: Line) => boolean = () => true) =>
    logs[service].find((l) => l.msg === msg && where(l));

  beforeAll(async () => {
    // Before any app: the process's provider, with a processor the test reads finished spans from.
    setupTracing('none', [new SimpleSpanProcessor(spans)]);
    producer = await start(TracedProducerModule, 'producer');
    consumer = await start(TracedConsumerModule, 'consumer');
    // A service whose broker is away: its events wait in the outbox.
    stalled = await start(TracedProducerModule, 'stalled', { KAFKA_BROKERS: '127.0.0.1:1' });
    const consumers = consumer.get(EventConsumerService);
    await Promise.all([consumers.get('each').joined, consumers.get('batch').joined]);
    topic = await readTopic(brokers, topicName(env.topicPrefix, Topics.schools));
  }, 60_000);

  afterAll(async () => {
    await topic?.stop();
    await stalled?.close();
    await consumer?.close();
    await producer?.close();
    await env.cleanup();
  });

  const command = (app: INestApplication, name: string, traceparent?: string, aggregateId?: string) => {
    const req = request(app.getHttpServer()).post(`/things/${encodeURIComponent(name)}`);
    if (aggregateId) void req.query({ aggregateId });
    if (traceparent) void req.set('traceparent', traceparent);
    return req.expect(201).then((r) => r.body as { eventId: string });
  };

  const header = (eventId: string, name: string) =>
    topic.messages.find((m) => m.headers?.['event-id']?.toString() === eventId)?.headers?.[name]?.toString();

  it('follows one trace from a request through the outbox and Kafka into a consumer elsewhere, in spans and log lines', async () => {
    const traceId = hex(16);
    const callerSpan = hex(8);
    const { eventId } = await command(producer, 'Traced School', `00-${traceId}-${callerSpan}-01`);

    // The service continued the caller's trace: its handler's log line carries it, under a span of its own.
    const recorded = line('producer', 'thing recorded', (l) => l.eventId === eventId)!;
    expect(recorded.traceId).toBe(traceId);
    expect(recorded.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(recorded.spanId).not.toBe(callerSpan);
    const server = spans.getFinishedSpans().find((s) => s.spanContext().spanId === recorded.spanId)!;
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.name).toBe('POST /things/:name');
    expect(server.parentSpanContext?.spanId).toBe(callerSpan);
    expect(line('producer', 'request answered', (l) => l.spanId === recorded.spanId)).toMatchObject({
      traceId,
      route: '/things/:name',
      status: '201',
    });

    // The outbox row kept the request's span, and the relay sent it as the message's header.
    const traceparent = `00-${traceId}-${recorded.spanId as string}-01`;
    const [row] = await producer.get(DataSource).query(`SELECT traceparent FROM outbox_events WHERE event_id = $1`, [eventId]);
    expect(row.traceparent).toBe(traceparent);
    await expectEventually(() => expect(header(eventId, 'traceparent')).toBe(traceparent));

    // Each consumer continued it: a span per event under the request's span, and its log lines carry the trace.
    const applied = await expectEventually(() => {
      const found = line('consumer', 'applied one', (l) => l.eventId === eventId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(applied.traceId).toBe(traceId);
    const processed = spans.getFinishedSpans().find((s) => s.spanContext().spanId === applied.spanId)!;
    expect(processed).toMatchObject({ kind: SpanKind.CONSUMER, name: 'process schools.school.registered' });
    expect(processed.parentSpanContext?.spanId).toBe(recorded.spanId);
    expect(processed.attributes['messaging.consumer.group.name']).toBe(`${env.topicPrefix}obs-each`);
    await expectEventually(() =>
      expect(line('consumer', 'applied batch', (l) => (l.eventIds as string[]).includes(eventId))?.traceId).toBe(traceId),
    );
  });

  it('starts a trace for a request that brings none', async () => {
    const { eventId } = await command(producer, 'Untraced School');
    const recorded = line('producer', 'thing recorded', (l) => l.eventId === eventId)!;
    expect(recorded.traceId).toMatch(/^[0-9a-f]{32}$/);
    await expectEventually(() =>
      expect(header(eventId, 'traceparent')).toBe(`00-${recorded.traceId as string}-${recorded.spanId as string}-01`),
    );
    await expectEventually(() => expect(line('consumer', 'applied one', (l) => l.eventId === eventId)?.traceId).toBe(recorded.traceId));
  });

  it('gives a batch handler one span, continuing the first event’s trace and linking the others', async () => {
    const batch = consumer.get(EventConsumerService).get('batch');
    await batch.close(); // so both events wait and arrive in one batch
    const aggregateId = randomUUID(); // one aggregate: one partition, in order
    const [first, second] = [hex(16), hex(16)];
    const a = await command(producer, 'Batch One', `00-${first}-${hex(8)}-01`, aggregateId);
    const b = await command(producer, 'Batch Two', `00-${second}-${hex(8)}-01`, aggregateId);
    await expectEventually(() => expect([header(a.eventId, 'traceparent'), header(b.eventId, 'traceparent')]).not.toContain(undefined));
    await new Promise<void>((resolve) => batch.listen(() => resolve()));

    const applied = await expectEventually(
      () => {
        const found = line('consumer', 'applied batch', (l) => (l.eventIds as string[]).includes(b.eventId));
        expect(found?.eventIds).toEqual([a.eventId, b.eventId]);
        return found!;
      },
      { timeoutMs: 60_000 },
    );
    expect(applied.traceId).toBe(first);
    const span = spans.getFinishedSpans().find((s) => s.spanContext().spanId === applied.spanId)!;
    expect(span.name).toBe('process schools.school.registered ×2');
    expect(span.attributes['messaging.batch.message_count']).toBe(2);
    expect(span.links.map((l) => l.context.traceId)).toEqual([second]);
  });

  it('keeps the trace on a dead letter, and in the dead-letter log line', async () => {
    const dlq = await readTopic(brokers, deadLetterTopic(env.topicPrefix, 'obs-each'));
    try {
      const traceId = hex(16);
      const { eventId } = await command(producer, 'Refused School', `00-${traceId}-${hex(8)}-01`);
      const sent = await expectEventually(() => {
        const found = dlq.messages.find((m) => m.headers?.['event-id']?.toString() === eventId);
        expect(found).toBeDefined();
        return found!;
      });
      expect(sent.headers!.traceparent!.toString()).toBe(header(eventId, 'traceparent'));
      expect(sent.headers!['x-dlq-reason']!.toString()).toBe('rejected');
      expect(line('consumer', 'event dead-lettered', (l) => l.traceId === traceId)).toMatchObject({ reason: 'rejected' });
    } finally {
      await dlq.stop();
    }
  });

  it('serves the outbox backlog, request counts by route pattern and consumer progress on GET /metrics', async () => {
    const scrape = async (app: INestApplication) => {
      const res = await request(app.getHttpServer()).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      return res.text;
    };
    // Kafka away: the backlog grows and ages.
    const before = sample(await scrape(stalled), 'trustwide_outbox_unsent_events')!;
    await command(stalled, 'Waiting One');
    await command(stalled, 'Waiting Two');
    await request(stalled.getHttpServer()).get('/no/such/route').expect(404);
    await expectEventually(async () => {
      const text = await scrape(stalled);
      expect(sample(text, 'trustwide_outbox_unsent_events')).toBe(before + 2);
      expect(sample(text, 'trustwide_outbox_oldest_unsent_age_seconds')).toBeGreaterThan(0);
    });
    const text = await scrape(stalled);
    expect(sample(text, 'trustwide_outbox_parked_events')).toBe(0);
    expect(sample(text, 'trustwide_http_requests_total', { method: 'POST', route: '/things/:name', status: '201' })).toBe(2);
    expect(sample(text, 'trustwide_http_request_duration_seconds_count', { method: 'POST', route: '/things/:name', status: '201' })).toBe(
      2,
    );
    expect(sample(text, 'trustwide_http_requests_total', { method: 'GET', route: '(unmatched)', status: '404' })).toBe(1);
    expect(text).not.toContain('Waiting'); // never the URL
    expect(text).not.toContain('/no/such/route');
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);

    // Kafka here: the backlog drains.
    await expectEventually(async () => {
      const produced = await scrape(producer);
      expect(sample(produced, 'trustwide_outbox_unsent_events')).toBe(0);
      const [{ sent }] = await producer.get(DataSource).query(`SELECT count(*)::int AS sent FROM outbox_events WHERE sent_at IS NOT NULL`);
      expect(sample(produced, 'trustwide_outbox_published_events_total')).toBe(sent);
    });

    // The consumers: what they applied and dead-lettered, how far behind they are, how fresh.
    const group = `${env.topicPrefix}obs-each`;
    await expectEventually(async () => {
      const consumed = await scrape(consumer);
      expect(sample(consumed, 'trustwide_consumer_events_total', { group, outcome: 'applied' })).toBeGreaterThanOrEqual(4);
      expect(sample(consumed, 'trustwide_consumer_dead_letters_total', { group, reason: 'rejected' })).toBe(1);
      expect(sample(consumed, 'trustwide_consumer_lag', { group })).toBe(0);
      expect(sample(consumed, 'trustwide_consumer_event_delay_seconds_count', { group })).toBeGreaterThanOrEqual(4);
      expect(sample(consumed, 'trustwide_consumer_newest_event_age_seconds', { group })).toBeGreaterThanOrEqual(0);
      expect(
        sample(consumed, 'trustwide_consumer_last_applied_age_seconds', { group: `${env.topicPrefix}obs-batch` }),
      ).toBeGreaterThanOrEqual(0);
    });
  });
});
