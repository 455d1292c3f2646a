import { describe, expect, it } from '@jest/globals';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthDetails } from './health-details';
import { databaseReason } from './health.controller';

describe('databaseReason: a short public reason, never the database error text', () => {
  const cases: [string, unknown, string][] = [
    ['no answer in time', new Error('timed out after 2000 ms'), 'no answer within 2000 ms'],
    ['server away', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'unreachable'],
    [
      'server shutting down',
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      'not accepting connections',
    ],
    ['too many clients', Object.assign(new Error('sorry, too many clients already'), { code: '53300' }), 'not accepting connections'],
    ['anything else', Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' }), 'query failed'],
  ];
  it.each(cases)('%s', (_, err, reason) => expect(databaseReason(err)).toBe(reason));
});

describe('HealthDetails', () => {
  it('reports detail as up or degraded, never down, whatever the source does', async () => {
    const details = new HealthDetails(new HealthIndicatorService());
    details.register('fine', () => Promise.resolve({ status: 'up', lag: 0 }));
    details.register('stuck', () => Promise.resolve({ status: 'degraded', reason: 'behind' }));
    details.register('broken', () => Promise.reject(new Error('password authentication failed for user "postgres"')));
    const results = await Promise.all(details.indicators(500).map((indicator) => (indicator as () => Promise<object>)()));
    expect(Object.assign({}, ...results)).toEqual({
      fine: { status: 'up', lag: 0 },
      stuck: { status: 'degraded', reason: 'behind' },
      broken: { status: 'degraded', reason: 'could not be read' },
    });
  });
});
