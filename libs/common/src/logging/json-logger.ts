import { LoggerService } from '@nestjs/common';
import { activeTraceIds } from '../tracing/tracing';
import { requestContext } from './request-context';

const LEVELS = { debug: 10, verbose: 10, log: 20, info: 20, warn: 30, error: 40, fatal: 50 } as const;
type Level = keyof typeof LEVELS;

/**
 * One JSON object per line on stdout, with the service name and the correlation id of the
 * request or event being handled, so logs of all services can be joined on it; and the active
 * span's `traceId`/`spanId`, so a line leads to its trace.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;

  constructor(
    private readonly service: string,
    level: 'debug' | 'info' | 'warn' | 'error' = 'info',
    private readonly out: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  ) {
    this.threshold = LEVELS[level];
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]) {
    if (LEVELS[level] < this.threshold) return;
    // Nest passes the context name last; an Error or a stack string may come before it.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level: level === 'verbose' ? 'debug' : level,
      service: this.service,
    };
    if (context) entry.context = context;
    const ctx = requestContext.current();
    if (ctx) {
      entry.correlationId = ctx.correlationId;
      if (ctx.trustId) entry.trustId = ctx.trustId;
    }
    const span = activeTraceIds();
    if (span) {
      entry.traceId = span.traceId;
      entry.spanId = span.spanId;
    }
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.stack = message.stack;
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, message);
    } else {
      entry.msg = String(message);
    }
    for (const arg of args) {
      if (arg instanceof Error) entry.stack = arg.stack;
      else if (typeof arg === 'string') entry.stack = arg;
      else if (arg && typeof arg === 'object') Object.assign(entry, arg);
    }
    this.out(JSON.stringify(entry));
  }
}
