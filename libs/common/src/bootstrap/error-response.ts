import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, sqlState } from '../database/transaction';
import type { FieldProblem } from '../validation/problems';

/** The one shape of every error answer, 4xx and 5xx alike. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors: FieldProblem[];
}

export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
  /** Seconds, for a 503: the database is away and the request may be sent again. */
  retryAfter?: number;
  /** The error is ours, not the caller's: the detail goes to the log, never into the body. */
  log: boolean;
}

/** Seconds a caller is asked to wait when the database is away (a restart takes a few). */
export const DATABASE_RETRY_AFTER_S = 5;

const reason = (status: number) =>
  (HttpStatus[status] ?? 'Error')
    .toString()
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');

/** Which part of the request an answer without fields is about: the path, the method, or the body. */
export function defaultField(status: number): string {
  if (status === 404) return 'path';
  if (status === 405) return 'method';
  if (status === 413 || status === 415 || status === 400 || status === 422) return 'body';
  if (status === 431) return 'headers';
  return 'request';
}

export function errorBody(status: number, message: string, errors?: FieldProblem[]): ErrorBody {
  return { statusCode: status, error: reason(status), message, errors: errors ?? [{ field: defaultField(status), problems: [message] }] };
}

const isFieldProblems = (x: unknown): x is FieldProblem[] =>
  Array.isArray(x) &&
  x.every(
    (p) =>
      typeof p === 'object' && p !== null && typeof (p as FieldProblem).field === 'string' && Array.isArray((p as FieldProblem).problems),
  );

const camel = (column: string) => column.trim().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The answer to any error a request met: HTTP exceptions keep their status and get the one shape;
 * database refusals caused by the input are 4xx (a race on a unique key is a 409); a database that is
 * away is a 503 with Retry-After; anything else is a 500 that says nothing about its cause.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const r = (typeof response === 'object' && response !== null ? response : { message: response }) as {
      message?: unknown;
      errors?: unknown;
    };
    const messages = Array.isArray(r.message) ? r.message.map(String) : [typeof r.message === 'string' ? r.message : error.message]; // never "[object Object]"
    const message = status >= 500 && status !== 503 ? 'internal error' : messages.join('; ');
    const errors = isFieldProblems(r.errors) ? r.errors : [{ field: defaultField(status), problems: status >= 500 ? [message] : messages }];
    // An exception that knows when to come back (a full import queue, say) says so; else the database's pause.
    const own = (error as { retryAfter?: unknown }).retryAfter;
    const retryAfter = typeof own === 'number' && own > 0 ? own : status === 503 ? DATABASE_RETRY_AFTER_S : undefined;
    // A refusal the service chose (a 503 for a full queue) is not a fault to log as an error.
    return {
      status,
      body: errorBody(status, message, errors),
      log: status >= 500 && !(status === 503 && typeof own === 'number'),
      retryAfter,
    };
  }
  if (isDatabaseUnavailable(error)) {
    const message = 'the database is unavailable for a moment; retry shortly';
    return {
      status: 503,
      body: errorBody(503, message, [{ field: 'database', problems: [message] }]),
      retryAfter: DATABASE_RETRY_AFTER_S,
      log: true,
    };
  }
  if (error instanceof QueryFailedError) {
    const code = sqlState(error);
    const { detail, column } = error as QueryFailedError & { detail?: string; column?: string };
    if (code === '23505' || code === '23503') {
      // Column names, never values: the detail's "Key (trust_id, urn)=(…)" gives the fields.
      const fields = /Key \(([^)]+)\)/
        .exec(detail ?? '')?.[1]
        .split(',')
        .map(camel) ?? ['body'];
      const field = fields.filter((f) => f !== 'trustId').join(',') || fields.join(',');
      const message =
        code === '23505'
          ? `${field} already exists (another request created it first)`
          : `${field} refers to something that does not exist (any more)`;
      return { status: 409, body: errorBody(409, message, [{ field, problems: [message] }]), log: false };
    }
    if (code && (code.startsWith('22') || code === '23502' || code === '23514')) {
      // A value the column refuses: validation should have caught it, so it is logged to be fixed there.
      const field = column ? camel(column) : 'body';
      const message = code === '23502' ? `${field} cannot be empty` : `${field} has a value that is out of range or malformed`;
      return { status: 400, body: errorBody(400, 'Validation failed', [{ field, problems: [message] }]), log: true };
    }
  }
  // body-parser's own errors (a body that is not JSON, too large, in an unknown charset) carry their status.
  const e = error as { status?: unknown; expose?: unknown; message?: unknown; type?: unknown } | null;
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    const message = e.type === 'entity.too.large' ? 'the body is too large' : String(e.message);
    return { status: e.status, body: errorBody(e.status, message), log: false };
  }
  return { status: 500, body: errorBody(500, 'internal error'), log: true };
}
