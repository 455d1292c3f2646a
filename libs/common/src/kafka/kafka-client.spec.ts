import { describe, expect, it, jest } from '@jest/globals';
import { LoggerService } from '@nestjs/common';
import { KafkaClient } from './kafka-client';

/** kafkajs's error lines that our own code judges (and retries or accepts) reach the log as warnings. */
describe('KafkaClient log levels', () => {
  const cases: { line: string; extra: Record<string, unknown>; level: 'error' | 'warn' }[] = [
    { line: 'Response CreateTopics(key: 19, version: 3)', extra: { error: 'Topic with this name already exists' }, level: 'warn' },
    { line: 'Response Metadata(key: 3, version: 6)', extra: { error: 'This server does not host this topic-partition' }, level: 'warn' },
    { line: 'Response Metadata(key: 3, version: 6)', extra: { error: 'Not authorized to access topics' }, level: 'error' },
    { line: 'Connection error: connect ECONNREFUSED 127.0.0.1:1', extra: {}, level: 'error' },
  ];

  it.each(cases)('$line ($extra.error) is logged as $level', ({ line, extra, level }) => {
    const logger = { log: jest.fn(), error: jest.fn(), warn: jest.fn(), debug: jest.fn() } satisfies LoggerService;
    const client = new KafkaClient({ clientId: 't', brokers: ['127.0.0.1:1'], logger, partitions: 1 });
    client.kafka.logger().error(line, extra);
    expect(logger[level]).toHaveBeenCalledWith(expect.objectContaining({ msg: `kafka: ${line}` }), 'Kafka');
    expect(logger[level === 'error' ? 'warn' : 'error']).not.toHaveBeenCalled();
  });
});
