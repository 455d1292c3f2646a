import { PayloadTooLargeException } from '@nestjs/common';

/**
 * An event larger than EVENT_MAX_BYTES, refused when it is recorded (so inside the request that would
 * make it, never later by the broker). A Nest HttpException already in the one 4xx shape: a request
 * that causes it gets a 413 naming the problem, with no filter of its own.
 */
export class EventTooLargeError extends PayloadTooLargeException {
  constructor(
    readonly eventType: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    const problem = `the event ${eventType} this change would publish is ${bytes} bytes; the limit is ${limit} (EVENT_MAX_BYTES)`;
    super({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'the change is too large to publish as an event',
      errors: [{ field: 'body', problems: [problem] }],
    });
    this.name = 'EventTooLargeError';
  }
}
