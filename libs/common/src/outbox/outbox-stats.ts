/** What the outbox holds right now: for /health, /metrics and the relay's own "stuck" warning. */
export interface OutboxStats {
  /** Rows waiting to be published (not parked; including those waiting behind a parked row). */
  unsent: number;
  /** Rows the broker refused for good, waiting for an operator (`npm run outbox -- list <service>`). */
  parked: number;
  /** Age of the oldest waiting row, in ms (0 when none waits). */
  oldestUnsentAgeMs: number;
}

export interface OutboxJudgement {
  status: 'up' | 'degraded';
  problems: string[];
}

/** Pure: a stuck outbox (something parked, or the oldest waiting row older than the threshold) is degraded. */
export function judgeOutbox(stats: OutboxStats, stuckAfterMs: number): OutboxJudgement {
  const problems: string[] = [];
  if (stats.parked > 0) problems.push(`${stats.parked} event(s) parked: the broker refused them (npm run outbox -- list)`);
  if (stats.unsent > 0 && stats.oldestUnsentAgeMs > stuckAfterMs) {
    problems.push(
      `the oldest unsent event is ${Math.round(stats.oldestUnsentAgeMs / 1000)} s old (more than ${Math.round(stuckAfterMs / 1000)} s)`,
    );
  }
  return { status: problems.length > 0 ? 'degraded' : 'up', problems };
}
