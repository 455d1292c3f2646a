import { context, ROOT_CONTEXT, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';
import { ConsoleSpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { formatTraceparent, parseTraceparent, type TraceparentValue } from './traceparent';

/** Where finished spans go: nowhere by default (ids still flow through headers, the outbox and logs), or stdout. */
export type TracesExporter = 'none' | 'console';

let provider: NodeTracerProvider | undefined;

/**
 * Registers the process's tracer provider, context manager (AsyncLocalStorage) and W3C propagator, once: the
 * first service of the process decides the exporter (tests run several in one process). Spans are recorded
 * even without an exporter, so their ids reach headers, outbox rows and log lines. `processors` is for tests
 * that read finished spans (call it before the first app starts).
 */
export function setupTracing(exporter: TracesExporter = 'none', processors: SpanProcessor[] = []): void {
  if (provider) return;
  provider = new NodeTracerProvider({
    spanProcessors: [...(exporter === 'console' ? [new SimpleSpanProcessor(new ConsoleSpanExporter())] : []), ...processors],
  });
  provider.register();
}

/** The tracer of a service; its name tells the services of one process apart in exported spans. */
export const serviceTracer = (service: string): Tracer => trace.getTracer(`trustwide.${service}`);

/** A context whose parent is the span a `traceparent` names (a header, an outbox row), or a fresh root. */
export function remoteContext(traceparent: TraceparentValue): Context {
  const parent = parseTraceparent(traceparent);
  return parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
}

/** The `traceparent` of the active span, for what this work hands on (an upstream request, an outbox row). */
export function currentTraceparent(): string | undefined {
  return formatTraceparent(trace.getActiveSpan()?.spanContext());
}

/** The active span's ids, for log lines. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const { traceId, spanId } = span.spanContext();
  return formatTraceparent(span.spanContext()) ? { traceId, spanId } : undefined;
}

/** Runs `fn` in a new active span under `parent`; a failure is recorded on the span and rethrown. */
export function inSpan<T>(tracer: Tracer, name: string, options: SpanOptions, parent: Context, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Runs `fn` with `span` active (work started before the span's scope, such as an Express middleware chain). */
export const withSpan = <T>(span: Span, fn: () => T): T => context.with(trace.setSpan(ROOT_CONTEXT, span), fn);
