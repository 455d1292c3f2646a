import { ArgumentsHost, BadRequestException, Catch, INestApplication, ValidationPipe } from '@nestjs/common';
import { FieldProblem, fieldProblems } from '../validation/problems';
import { BaseExceptionFilter } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { requestContext } from '../logging/request-context';

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

/** What every service's HTTP side shares: correlation ids, validation. */
export function configureHttp(app: INestApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && /^[\w.-]{1,200}$/.test(header) ? header : randomUUID();
    res.setHeader('x-correlation-id', correlationId);
    requestContext.run({ correlationId }, next);
  });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new DatabaseConflictFilter(app.getHttpAdapter()));
}

/**
 * A unique constraint hit by a race between two requests is a conflict the caller can act on, not a
 * server error.
 */
@Catch(QueryFailedError)
export class DatabaseConflictFilter extends BaseExceptionFilter {
  override catch(error: QueryFailedError & { code?: string; detail?: string }, host: ArgumentsHost) {
    if (error.code === '23505') {
      const res = host.switchToHttp().getResponse<Response>();
      res.status(409).json({ statusCode: 409, error: 'Conflict', message: `already exists${error.detail ? `: ${error.detail}` : ''}` });
      return;
    }
    super.catch(error, host);
  }
}
