import { describe, expect, it } from '@jest/globals';
import {
  BadRequestException,
  ConflictException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { errorAnswer } from './error-response';

const pgError = (code: string, extra: Record<string, unknown> = {}) =>
  new QueryFailedError('SELECT secret FROM t', [], Object.assign(new Error(`relation "t" said something (${code})`), { code, ...extra }));

describe('errorAnswer', () => {
  it.each([
    ['Nest route miss', new NotFoundException('Cannot DELETE /trusts/x'), 404, 'path', undefined],
    ['a plain conflict', new ConflictException('already recorded'), 409, 'request', undefined],
    ['a plain 400', new BadRequestException('Unexpected end of JSON input'), 400, 'body', undefined],
    ['a 413', new PayloadTooLargeException('files over 512 MiB are refused'), 413, 'body', undefined],
    ['a unique key race', pgError('23505', { detail: 'Key (trust_id, urn)=(x, 140001) already exists.' }), 409, 'urn', undefined],
    [
      'a foreign key race',
      pgError('23503', { detail: 'Key (school_id)=(x) is not present in table "schools".' }),
      409,
      'schoolId',
      undefined,
    ],
    ['a value the column refuses', pgError('22P05', { column: 'risk_reasons' }), 400, 'riskReasons', undefined],
    ['a deadlock that outlived its retries', pgError('40P01'), 503, 'database', 5],
    ['admin shutdown', pgError('57P01'), 503, 'database', 5],
    ['starting up', pgError('57P03'), 503, 'database', 5],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 503, 'database', 5],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503, 'database', 5],
    ['both addresses refused', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), 503, 'database', 5],
    ['terminated mid-query', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')), 503, 'database', 5],
    ['pool wait timeout', new Error('timeout exceeded when trying to connect'), 503, 'database', 5],
    ['statement timeout', pgError('57014'), 503, 'database', 5],
    [
      'body-parser: too large',
      Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' }),
      413,
      'body',
      undefined,
    ],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 500, 'request', undefined],
    ['a database bug', pgError('42703'), 500, 'request', undefined],
    ['a thrown 503', new ServiceUnavailableException('import queue is full'), 503, 'request', 5],
  ])('%s', (_name, error, status, field, retryAfter) => {
    const answer = errorAnswer(error);
    expect(answer.status).toBe(status);
    expect(answer.body.statusCode).toBe(status);
    expect(answer.body.errors[0].field).toBe(field);
    expect(answer.body.errors[0].problems.length).toBeGreaterThan(0);
    expect(answer.retryAfter).toBe(retryAfter);
    // No database text, query or stack ever goes to the caller.
    expect(JSON.stringify(answer.body)).not.toMatch(/secret|relation|SELECT|ECONNREFUSED|at .*\.ts/);
  });

  it('keeps the fields of an error already in the shape', () => {
    const error = new BadRequestException({
      statusCode: 400,
      message: 'Validation failed',
      errors: [{ field: 'urn', problems: ['urn must be a whole number'] }],
    });
    expect(errorAnswer(error).body).toMatchObject({
      statusCode: 400,
      message: 'Validation failed',
      errors: [{ field: 'urn', problems: ['urn must be a whole number'] }],
    });
  });

  it("logs what is ours (5xx, values the database refused), not what is the caller's", () => {
    expect(errorAnswer(new NotFoundException()).log).toBe(false);
    expect(errorAnswer(pgError('23505')).log).toBe(false);
    expect(errorAnswer(new Error('bug')).log).toBe(true);
    expect(errorAnswer(pgError('57P01')).log).toBe(true);
  });
});
