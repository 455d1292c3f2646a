import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ConflictException,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  INestApplication,
  Logger,
  NotFoundException,
  Param,
  PipeTransform,
  ValidationPipe,
} from '@nestjs/common';
import type { ArgumentMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { sqlState } from '../database/transaction';
import { ACTOR_HEADER, parseActorHeader, requestContext } from '../logging/request-context';
import { canonicaliseUuids, conversionProblems } from '../validation/dto-guards';
import { inputProblems } from '../validation/input-walk';
import { FieldProblem, fieldProblems } from '../validation/problems';
import { JsonLogger } from '../logging/json-logger';
import { Metrics } from '../metrics/metrics';
import type { ServiceModuleOptions } from '../module/service-options';
import { SERVICE_CONFIG, SERVICE_OPTIONS } from '../module/tokens';
import type { ServiceConfig } from '../config/service-config';
import { withSpan } from '../tracing/tracing';
import { ErrorBody, errorAnswer, errorBody } from './error-response';
import { observeRequests, requestSpan } from './observe-requests';

export { errorAnswer, errorBody } from './error-response';
export type { ErrorAnswer, ErrorBody } from './error-response';

/** The one shape of a 400: each field and what is wrong with it. */
export function invalidInput(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException(errorBody(400, 'Validation failed', problems));
}

/** A 400 about one field (for rules that span fields or need the database). */
export const invalidField = (field: string, ...problems: string[]) => invalidInput([{ field, problems }]);

/** A 404 naming what was not found (`trustId`, `urn`, `id`). */
export const notFound = (field: string, message: string) =>
  new NotFoundException(errorBody(404, message, [{ field, problems: [message] }]));

/** A 409 naming the field whose value conflicts with what is stored. */
export const conflict = (field: string, message: string) =>
  new ConflictException(errorBody(409, message, [{ field, problems: [message] }]));

/** A 422: the request is well-formed, but a rule refuses it as made; each field with its problems. */
export const unprocessableFields = (problems: FieldProblem[]) =>
  new HttpException(errorBody(422, problems.flatMap((p) => p.problems).join('; '), problems), HttpStatus.UNPROCESSABLE_ENTITY);

/** A 422 about one field. */
export const unprocessable = (field: string, ...problems: string[]) =>
  new HttpException(errorBody(422, problems.join(' '), [{ field, problems }]), HttpStatus.UNPROCESSABLE_ENTITY);

const STATUS_RULE: ReadonlySet<string> = new Set(['status']);

/**
 * A domain decision's refusals (a stable rule id and a sentence with the numbers) as one answer, each rule
 * a field: 409 when one of `conflictRules` said no (the current state: read it again before retrying),
 * else 422 (it will not succeed until the request changes).
 */
export function refusedBy(
  refusals: readonly { rule: string; message: string }[],
  conflictRules: ReadonlySet<string> = STATUS_RULE,
): HttpException {
  const byRule = new Map<string, string[]>();
  for (const r of refusals) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r.message]);
  const status = refusals.some((r) => conflictRules.has(r.rule)) ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_ENTITY;
  return new HttpException(
    errorBody(
      status,
      refusals.map((r) => r.message).join(' '),
      [...byRule].map(([field, problems]) => ({ field, problems })),
    ),
    status,
  );
}

/** Paging every list shares. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** What a user typed, for an ILIKE that finds it anywhere: `%` and `_` match themselves. */
export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

const PRIMITIVE_TYPES: unknown[] = [String, Boolean, Number, Array, Object];

/**
 * class-validator with what every DTO needs and none should have to ask for: an object is never
 * converted where a value belongs (a 400, not the TypeError of `Number({toString: "x"})`), and UUIDs
 * (`@IsUUID` fields, nested ones too) come out lower-cased, the one spelling rows and events use.
 */
export class TrustwideValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const { metatype } = metadata;
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof metatype === 'function' && !PRIMITIVE_TYPES.includes(metatype)) {
      const problems = conversionProblems(metatype, value);
      if (problems.length > 0) throw invalidInput(problems);
    }
    const result: unknown = await super.transform(value, metadata);
    canonicaliseUuids(result);
    return result;
  }
}

/** Bad input gets a 400 that names each field and what is wrong with it. */
export const validationPipe = new TrustwideValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => invalidInput(fieldProblems(errors)),
});

const sendError = (res: Response, body: ErrorBody) => res.status(body.statusCode).json(body);

/**
 * What every service's HTTP side shares: correlation ids, validation, one error shape. Apps are created
 * with `bodyParser: false`: JSON bodies are parsed here, anything else (an uploaded CSV file, whatever its
 * content type) stays a stream for the handler; the gateway passes `parseJson: false` to forward bodies
 * untouched.
 */
export function configureHttp(app: INestApplication, options: HttpOptions = {}): void {
  const { parseJson = true, streamedBodies, actorHeader = true } = options;
  // First, so that every answer (a 415 or 400 below too) is counted and traced.
  const service = provided<ServiceModuleOptions>(app, SERVICE_OPTIONS)?.service ?? 'service';
  // /metrics on the app's port only when it has no port of its own (METRICS_PORT).
  const metricsHere = provided<ServiceConfig>(app, SERVICE_CONFIG)?.METRICS_PORT === undefined;
  app.use(observeRequests(service, provided(app, Metrics), provided(app, JsonLogger), metricsHere));
  if (parseJson) {
    // A body that is neither JSON nor one a handler streams would be silently ignored: refuse it instead.
    app.use((req: Request, res: Response, next: NextFunction) => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      const json = /^application\/([\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');
      if (!hasBody || json || streamedBodies?.test(req.path)) return next();
      sendError(res, errorBody(415, 'send the body as JSON (content-type: application/json)'));
    });
    (app as NestExpressApplication).useBodyParser('json', { limit: '1mb' });
    // Every body and query, whatever the handler and its DTO: no NUL characters (PostgreSQL refuses
    // them), no nesting deep enough to exhaust a call stack further in.
    app.use((req: Request, res: Response, next: NextFunction) => {
      const problems = [...inputProblems(req.body, 'body'), ...inputProblems(req.query, 'query')];
      if (problems.length === 0) return next();
      sendError(res, errorBody(400, 'Validation failed', problems));
    });
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && /^[\w.-]{1,200}$/.test(header) ? header : randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    // Who did it goes into every event the request causes; a malformed claim is refused, not dropped.
    // The gateway takes no one's word for it: it drops the client's header and passes the verified caller.
    const actor = actorHeader ? parseActorHeader(req.headers[ACTOR_HEADER]) : undefined;
    if (actor === 'invalid') {
      const problem = `${ACTOR_HEADER} must be <user|service|system>:<id>, the id 1 to 128 letters, digits or ._@+-`;
      res.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: [{ field: ACTOR_HEADER, problems: [problem] }],
      });
      return;
    }
    const run = () => requestContext.run({ correlationId, actor }, next);
    // The request's span made active here, after the body was read, so the handler's logs and events carry it.
    const span = requestSpan(req);
    if (span) withSpan(span, run);
    else run();
  });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpErrorFilter());
}

/** A provider of the app's TrustwideModule, or undefined for an app without one. */
function provided<T>(app: INestApplication, token: unknown): T | undefined {
  try {
    return app.get<T>(token as never, { strict: false });
  } catch {
    return undefined;
  }
}

export interface HttpOptions {
  /** Parse JSON bodies (every service but the gateway, which forwards bodies untouched). */
  parseJson?: boolean;
  /** Paths whose handlers read the body as a stream, in any content type (file uploads). */
  streamedBodies?: RegExp;
  /** Read `x-trustwide-actor` as who made the request (services; not the gateway, which strips it). */
  actorHeader?: boolean;
}

/** The gateway's HTTP side: bodies forwarded untouched, no client claim of who is acting. */
export const GATEWAY_HTTP: HttpOptions = { parseJson: false, actorHeader: false };

/** A path parameter that must be a UUID; a bad one is a 400 naming it. The value is lower-cased (canonical). */
class CanonicalUuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !isUUID(value)) throw invalidField(this.name, `${this.name} must be a UUID`);
    return value.toLowerCase();
  }
}

export const UuidParam = (name: string) => Param(name, new CanonicalUuidPipe(name));

class IntegerRangePipe implements PipeTransform<string, number> {
  constructor(
    private readonly name: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n)) throw invalidField(this.name, `${this.name} must be a whole number (from ${this.min} to ${this.max})`);
    if (n < this.min || n > this.max) throw invalidField(this.name, `${this.name} must be from ${this.min} to ${this.max}`);
    return n;
  }
}

/** A path parameter that must be a whole number in a range (a URN, say); otherwise a 400 naming it. */
export const IntParam = (name: string, min: number, max: number) => Param(name, new IntegerRangePipe(name, min, max));

/**
 * Every error in the one shape (`{ statusCode, message, errors: [{ field, problems }] }`), see
 * `errorAnswer`. A 5xx body says nothing of its cause; the cause (database text, stack) is logged here.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw error;
    const answer = errorAnswer(error);
    const req = host.switchToHttp().getRequest<Request>();
    if (answer.log) {
      const e = error as Error;
      this.logger.error({
        msg: 'request failed',
        status: answer.status,
        method: req.method,
        path: req.path,
        error: e?.message,
        code: sqlState(error),
        stack: e?.stack,
      });
    }
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) {
      res.destroy(); // a response already under way cannot change its status: end it so the client sees it failed
      return;
    }
    // A handler that said when to come back (a full import queue) knows better than the default.
    if (answer.retryAfter !== undefined && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', String(answer.retryAfter));
    res.status(answer.status).json(answer.body);
  }
}
