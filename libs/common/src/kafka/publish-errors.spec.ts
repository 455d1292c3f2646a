import { describe, expect, it } from '@jest/globals';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { classifyPublishError, PublishFailureKind } from './publish-errors';

const protocol = (type: string, retriable = false) =>
  new KafkaJSProtocolError({ message: `broker says ${type}`, type, code: 0, retriable } as never);

/** What kafkajs's retrier rejects with when it bails out of a non-retriable error. */
const bail = (e: Error) => Object.assign(new KafkaJSNonRetriableError(e), { cause: e });

describe('classifyPublishError', () => {
  const cases: [string, unknown, PublishFailureKind, string | undefined][] = [
    ['a batch over max.message.bytes, as kafkajs bails with it', bail(protocol('MESSAGE_TOO_LARGE')), 'refused', 'MESSAGE_TOO_LARGE'],
    ['the protocol error itself', protocol('MESSAGE_TOO_LARGE'), 'refused', 'MESSAGE_TOO_LARGE'],
    ['an invalid record', bail(protocol('INVALID_RECORD')), 'refused', 'INVALID_RECORD'],
    ['a record list too large', protocol('RECORD_LIST_TOO_LARGE'), 'refused', 'RECORD_LIST_TOO_LARGE'],
    ['a timestamp the topic refuses', protocol('INVALID_TIMESTAMP'), 'refused', 'INVALID_TIMESTAMP'],
    ['no authorisation on the topic: every row alike', protocol('TOPIC_AUTHORIZATION_FAILED'), 'setup', 'TOPIC_AUTHORIZATION_FAILED'],
    ['an unsupported version', bail(protocol('UNSUPPORTED_VERSION')), 'setup', 'UNSUPPORTED_VERSION'],
    [
      'leaders moving, retries spent',
      new KafkaJSNumberOfRetriesExceeded(protocol('NOT_LEADER_FOR_PARTITION', true), { retryCount: 3, retryTime: 100 }),
      'transient',
      undefined,
    ],
    ['a corrupt message (a CRC error in flight: Kafka retries it)', protocol('CORRUPT_MESSAGE', true), 'transient', 'CORRUPT_MESSAGE'],
    ['the broker is away', new KafkaJSConnectionError('Connection error: ECONNREFUSED'), 'transient', undefined],
    ['a plain timeout', new Error('timed out after 10000 ms'), 'transient', undefined],
    ['something that is not an error', 'boom', 'transient', undefined],
  ];

  it.each(cases)('%s', (_, err, kind, type) => {
    const failure = classifyPublishError(err);
    expect(failure.kind).toBe(kind);
    if (kind !== 'transient') expect(failure.type).toBe(type);
    expect(failure.message.length).toBeGreaterThan(0);
  });

  it('finds a refusal inside aggregated errors', () => {
    const aggregate = Object.assign(new Error('several'), { errors: [new KafkaJSConnectionError('x'), protocol('MESSAGE_TOO_LARGE')] });
    expect(classifyPublishError(aggregate)).toMatchObject({ kind: 'refused', type: 'MESSAGE_TOO_LARGE' });
  });
});
