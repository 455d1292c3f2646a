import { ForbiddenException, HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { unauthorized } from '@trustwide/common';

export { unauthorized };

/** A 403 in the one error shape. */
export const forbidden = (message: string, field = 'authorization') =>
  new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, errors: [{ field, problems: [message] }] });

/** A 404 in the one error shape. */
export const notFound = (message: string, field: string) =>
  new NotFoundException({ statusCode: 404, error: 'Not Found', message, errors: [{ field, problems: [message] }] });

/** Too many sign-in attempts: a 429 in the one shape; `retryAfter` seconds go in the Retry-After header. */
export class TooManyAttempts extends HttpException {
  constructor(
    readonly retryAfter: number,
    field: string,
  ) {
    const message = `too many sign-in attempts: try again in ${retryAfter} s`;
    super({ statusCode: 429, error: 'Too Many Requests', message, errors: [{ field, problems: [message] }] }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** The trust's identity provider failed (unreachable, or answered what it should not): a 502 in the one shape; neither caller nor gateway is at fault. */
export const providerFailed = (message: string) =>
  new HttpException(
    { statusCode: 502, error: 'Bad Gateway', message, errors: [{ field: 'oidc.issuer', problems: [message] }] },
    HttpStatus.BAD_GATEWAY,
  );
