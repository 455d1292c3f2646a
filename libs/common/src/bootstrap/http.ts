import { ArgumentsHost, BadRequestException, Catch, INestApplication, Param, ParseUUIDPipe, PipeTransform, ValidationPipe } from '@nestjs/common';
import { FieldProblem, fieldProblems } from '../validation/problems';
import { BaseExceptionFilter } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { QueryFailedError } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ACTOR_HEADER, parseActorHeader, requestContext } from '../logging/request-context';

/** The one shape of a 400: each field and what is wrong with it. */
export function invalidInput(problems: FieldProblem[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: problems });
}

/** A 400 about one field (for rules that span fields or need the database). */
export const invalidField = (field: string, ...problems: string[]) => invalidInput([{ field, problems }]);

/** Bad input gets a 400 that names each field and what is wrong with it. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => invalidInput(fieldProblems(errors)),
});

/**
 * What every service's HTTP side shares: correlation ids, validation, one error shape. Apps are created
 * with `bodyParser: false`: JSON bodies are parsed here, anything else (an uploaded CSV file, whatever its
 * content type) stays a stream for the handler; the gateway passes `parseJson: false` to forward bodies
 * untouched.
 */
export function configureHttp(app: INestApplication, options: HttpOptions = {}): void {
  const { parseJson = true, streamedBodies } = options;
  if (parseJson) {
    // A body that is neither JSON nor one a handler streams would be silently ignored: refuse it instead.
    app.use((req: Request, res: Response, next: NextFunction) => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      const json = /^application\/([\w.+-]+\+)?json\b/i.test(req.headers['content-type'] ?? '');
      if (!hasBody || json || streamedBodies?.test(req.path)) return next();
      res.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: 'send the body as JSON (content-type: application/json)' });
    });
    (app as NestExpressApplication).useBodyParser('json', { limit: '1mb' });
  }
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && /^[\w.-]{1,200}$/.test(header) ? header : randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    // Who did it goes into every event the request causes; a malformed claim is refused, not dropped.
    const actor = parseActorHeader(req.headers[ACTOR_HEADER]);
    if (actor === 'invalid') {
      const problem = `${ACTOR_HEADER} must be <user|service|system>:<id>, the id 1 to 128 letters, digits or ._@+-`;
      res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors: [{ field: ACTOR_HEADER, problems: [problem] }] });
      return;
    }
    requestContext.run({ correlationId, actor }, next);
  });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new HttpErrorFilter(app.getHttpAdapter()));
}

export interface HttpOptions {
  /** Parse JSON bodies (every service but the gateway, which forwards bodies untouched). */
  parseJson?: boolean;
  /** Paths whose handlers read the body as a stream, in any content type (file uploads). */
  streamedBodies?: RegExp;
}

/** A path parameter that must be a UUID; a bad one is a 400 naming it. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, `${name} must be a UUID`) }));

class IntegerRangePipe implements PipeTransform<string, number> {
  constructor(
    private readonly name: string,
    private readonly min: number,
    private readonly max: number,
  ) {}

  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < this.min || n > this.max) throw invalidField(this.name, `${this.name} must be a whole number from ${this.min} to ${this.max}`);
    return n;
  }
}

/** A path parameter that must be a whole number in a range (a URN, say); otherwise a 400 naming it. */
export const IntParam = (name: string, min: number, max: number) => Param(name, new IntegerRangePipe(name, min, max));

/**
 * Every 4xx in the one shape (`errors: [{ field, problems }]`), and database refusals that are the
 * caller's doing answered as such: a unique key hit by a race is a 409, a value the column refuses a 400.
 */
@Catch()
export class HttpErrorFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') throw error; // an event consumer's failure: the consumer retries or dead-letters it
    if (error instanceof QueryFailedError) {
      const { code, detail, column } = error as QueryFailedError & { code?: string; detail?: string; column?: string };
      if (code === '23505') return this.reply(host, 409, { statusCode: 409, error: 'Conflict', message: `already exists${detail ? `: ${detail}` : ''}` });
      if (code === '23502' || code === '22003' || code === '22P02' || code === '22007') {
        return super.catch(invalidField(column ?? 'body', code === '23502' ? `${column ?? 'a value'} cannot be empty` : 'a value is out of range or malformed'), host);
      }
    }
    if (error instanceof BadRequestException) {
      const body = error.getResponse() as { errors?: unknown; message?: unknown };
      // Nest's own 400s (a body that is not JSON, say) get the same shape as validation errors.
      if (typeof body === 'object' && !body.errors) return super.catch(invalidField('body', String(body.message ?? error.message)), host);
    }
    return super.catch(error, host);
  }

  private reply(host: ArgumentsHost, status: number, body: object) {
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
