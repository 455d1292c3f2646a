import { describe, expect, it } from '@jest/globals';
import { judgeOutbox, OutboxStats } from './outbox-stats';

describe('judgeOutbox', () => {
  const cases: [string, OutboxStats, 'up' | 'degraded', number][] = [
    ['empty', { unsent: 0, parked: 0, oldestUnsentAgeMs: 0 }, 'up', 0],
    ['a backlog that is moving', { unsent: 5000, parked: 0, oldestUnsentAgeMs: 2_000 }, 'up', 0],
    ['exactly at the threshold', { unsent: 1, parked: 0, oldestUnsentAgeMs: 60_000 }, 'up', 0],
    ['the oldest row is too old (Kafka away, say)', { unsent: 3, parked: 0, oldestUnsentAgeMs: 61_000 }, 'degraded', 1],
    ['a parked row', { unsent: 0, parked: 1, oldestUnsentAgeMs: 0 }, 'degraded', 1],
    ['both', { unsent: 2, parked: 1, oldestUnsentAgeMs: 120_000 }, 'degraded', 2],
  ];
  it.each(cases)('%s', (_, stats, status, problems) => {
    const judged = judgeOutbox(stats, 60_000);
    expect(judged.status).toBe(status);
    expect(judged.problems).toHaveLength(problems);
  });
});
