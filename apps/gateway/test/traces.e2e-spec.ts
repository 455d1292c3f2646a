import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  configureHttp,
  EventConsumerService,
  GATEWAY_HTTP,
  JsonLogger,
  MetricsServer,
  setupTracing,
  startConsumers,
  topicName,
  Topics,
} from '@trustwide/common';
import { expectEventually, readTopic, testEnvironment, TopicReader, withEnv } from '@trustwide/common/testing';
import { AppModule as SchoolsModule } from '../../schools/src/app.module';
import { IMPORT_UPLOADS } from '../../schools/src/imports/imports.controller';
import { AppModule as GatewayModule } from '../src/app.module';
import { READ_MODEL_CONSUMER } from '../src/read-model/ingest/read-model.handlers';

type Line = Record<string, unknown>;

/**
 * One trace id from a client's request at the gateway, through the schools service and its outbox, on the Kafka
 * message, into the gateway's read-model consumer; and the gateway's own /metrics, which it never proxies.
 */
describe('a trace through the gateway', () => {
  const env = testEnvironment('gateway_traces');
  const spans = new InMemorySpanExporter();
  const logs: Record<string, Line[]> = { gateway: [], schools: [] };
  let schools: INestApplication;
  let gateway: INestApplication;
  let topic: TopicReader;

  async function start(module: unknown, service: 'gateway' | 'schools', extra: Record<string, string> = {}) {
    return withEnv(env.env(service, extra), async () => {
      const capture = new JsonLogger(service, 'debug', (line) => logs[service].push(JSON.parse(line) as Line));
      const app = (
        await Test.createTestingModule({ imports: [module as never] })
          .overrideProvider(JsonLogger)
          .useValue(capture)
          .compile()
      ).createNestApplication({ logger: false, bodyParser: false });
      configureHttp(app, service === 'gateway' ? GATEWAY_HTTP : { streamedBodies: IMPORT_UPLOADS });
      await app.listen(0, '127.0.0.1');
      return app;
    });
  }

  beforeAll(async () => {
    setupTracing('none', [new SimpleSpanProcessor(spans)]);
    schools = await start(SchoolsModule, 'schools');
    gateway = await start(GatewayModule, 'gateway', {
      SCHOOLS_URL: (await schools.getUrl()).replace('[::1]', '127.0.0.1'),
      PEOPLE_URL: 'http://127.0.0.1:1',
      IMPROVEMENT_URL: 'http://127.0.0.1:1',
      CPD_URL: 'http://127.0.0.1:1',
      // The gateway's port is public: its numbers go on a port of their own.
      METRICS_PORT: '0',
      METRICS_HOST: '127.0.0.1',
    });
    await startConsumers(gateway);
    await gateway.get(EventConsumerService).get(READ_MODEL_CONSUMER).joined;
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
  }, 120_000);

  afterAll(async () => {
    await topic?.stop();
    await gateway?.close();
    await schools?.close();
    await env.cleanup();
  });

  it('carries the client’s trace id into the gateway’s log, the service, the event’s header and the read model’s consumer', async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const trust = await request(gateway.getHttpServer())
      .post('/api/trusts')
      .set('traceparent', `00-${traceId}-${clientSpan}-01`)
      .send({ name: 'Traced Trust' })
      .expect(201);

    // The gateway's line for the request, labelled by the route table's line.
    const answered = logs.gateway.find((l) => l.msg === 'request answered' && l.traceId === traceId);
    expect(answered).toMatchObject({ method: 'POST', route: '/api/trusts', status: '201' });
    const gatewaySpan = spans.getFinishedSpans().find((s) => s.spanContext().spanId === answered!.spanId)!;
    expect(gatewaySpan.parentSpanContext?.spanId).toBe(clientSpan);

    // The schools service continued the gateway's span (not the client's: the gateway replaced the header).
    const served = logs.schools.find((l) => l.msg === 'request answered' && l.traceId === traceId)!;
    expect(served).toMatchObject({ route: '/trusts', status: '201' });
    const schoolsSpan = spans.getFinishedSpans().find((s) => s.spanContext().spanId === served.spanId)!;
    expect(schoolsSpan.parentSpanContext?.spanId).toBe(gatewaySpan.spanContext().spanId);

    // Its event: the outbox row and the Kafka header name the schools service's span.
    const traceparent = `00-${traceId}-${served.spanId as string}-01`;
    const [row] = await schools
      .get(DataSource)
      .query(`SELECT event_id, traceparent FROM outbox_events WHERE event_type = 'schools.trust.registered' AND trust_id = $1`, [
        trust.body.id,
      ]);
    expect(row.traceparent).toBe(traceparent);
    await expectEventually(() =>
      expect(topic.messages.find((m) => m.headers?.['event-id']?.toString() === row.event_id)?.headers?.traceparent?.toString()).toBe(
        traceparent,
      ),
    );

    // The read model applied it in a span of the same trace, under the schools service's span.
    const ingest = await expectEventually(() => {
      const found = spans
        .getFinishedSpans()
        .find((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.message.id'] === row.event_id);
      expect(found).toBeDefined();
      return found!;
    });
    expect(ingest.spanContext().traceId).toBe(traceId);
    expect(ingest.parentSpanContext?.spanId).toBe(served.spanId);
    expect(ingest.attributes['messaging.consumer.group.name']).toBe(`${env.topicPrefix}gateway.${READ_MODEL_CONSUMER}`);
  });

  it('serves its own /metrics on its metrics port only, with the read model’s freshness, and never proxies /api/metrics', async () => {
    const group = `${env.topicPrefix}gateway.${READ_MODEL_CONSUMER}`;
    const metricsPort = gateway.get(MetricsServer).port();
    expect(metricsPort).toEqual(expect.any(Number));
    const text = await expectEventually(async () => {
      const res = await request(`http://127.0.0.1:${metricsPort}`).get('/metrics').expect(200);
      expect(res.text).toContain(`trustwide_consumer_newest_event_age_seconds{group="${group}",service="gateway"}`);
      return res.text;
    });
    expect(text).toMatch(/trustwide_http_requests_total\{method="POST",route="\/api\/trusts",status="201",service="gateway"\} 1/);
    expect(text).toContain(`trustwide_consumer_last_applied_age_seconds{group="${group}",service="gateway"}`);
    // Its public port answers neither /metrics nor /api/metrics, and the metrics port nothing else.
    expect((await request(gateway.getHttpServer()).get('/metrics').expect(404)).body.statusCode).toBe(404);
    await request(`http://127.0.0.1:${metricsPort}`).get('/api/trusts').expect(404);
    const proxied = await request(gateway.getHttpServer()).get('/api/metrics').expect(404);
    expect(proxied.body.statusCode).toBe(404);
    expect(logs.schools.some((l) => l.msg === 'request answered' && l.route === '/metrics')).toBe(false);
  });
});
