import { describe, expect, it, jest } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import type { JsonLogger } from '@trustwide/common';
import { PeopleConfig } from '../people.config';
import { DesignationExpiryJob } from './designation-expiry.job';
import type { DesignationRow } from './designation.entity';
import type { DesignationTransitions } from './designation-transitions';

const row = (
  id: string,
  status: DesignationRow['status'],
  termStartsOn: string,
  termEndsOn: string,
  renewalFlaggedFor: string | null = null,
) => ({ id, trustId: 't', status, termStartsOn, termEndsOn, renewalFlaggedFor }) as DesignationRow;

function setUp(locked: boolean, rows: DesignationRow[]) {
  const manager = {
    query: jest.fn(() => Promise.resolve([{ locked }])),
    find: jest.fn(() => Promise.resolve(rows)),
  } as unknown as EntityManager;
  const dataSource = { transaction: (fn: (m: EntityManager) => unknown) => fn(manager) } as unknown as DataSource;
  const byId = new Map(rows.map((r) => [r.id, { ...r }]));
  const transitions = {
    lock: jest.fn((_m: EntityManager, _t: string, id: string) => Promise.resolve(byId.get(id)!)),
    tryTransition: jest.fn((_m: EntityManager, _row: DesignationRow, _command: { action: string; decidedBy: unknown }) =>
      Promise.resolve({ ok: true }),
    ),
    flagForRenewal: jest.fn((_m: EntityManager, _row: DesignationRow, _daysLeft: number) => Promise.resolve(undefined)),
  };
  const config = Object.assign(new PeopleConfig(), { PEOPLE_EXPIRY_INTERVAL_MS: 0, PEOPLE_RENEWAL_WINDOW_DAYS: 90 });
  const job = new DesignationExpiryJob(dataSource, transitions as unknown as DesignationTransitions, config, {} as JsonLogger);
  return { job, transitions };
}

describe('DesignationExpiryJob.runOnce', () => {
  it('does nothing when another replica holds the lock', async () => {
    const { job, transitions } = setUp(false, [row('a', 'active', '2021-09-01', '2025-08-31')]);
    expect(await job.runOnce('2025-09-10')).toEqual({ ran: false, lapsed: 0, activated: 0, flagged: 0 });
    expect(transitions.lock).not.toHaveBeenCalled();
  });

  it('lapses ended terms, starts begun ones and flags those near their end, as the scheduler', async () => {
    const { job, transitions } = setUp(true, [
      row('ended', 'active', '2021-09-01', '2025-08-31'),
      row('begun', 'approved', '2025-09-01', '2029-08-31'),
      row('ending', 'active', '2022-01-01', '2025-10-31'),
      row('flagged', 'active', '2022-01-01', '2025-10-31', '2025-10-31'),
      row('far', 'active', '2024-09-01', '2028-08-31'),
    ]);
    expect(await job.runOnce('2025-09-10')).toEqual({ ran: true, lapsed: 1, activated: 1, flagged: 1 });
    const actions = transitions.tryTransition.mock.calls.map((c) => [c[1].id, c[2].action]);
    expect(actions).toEqual([
      ['ended', 'lapse'],
      ['begun', 'activate'],
    ]);
    expect(transitions.tryTransition.mock.calls[0][2].decidedBy).toEqual({ kind: 'system', id: 'designation-expiry' });
    expect(transitions.flagForRenewal.mock.calls.map((c) => [c[1].id, c[2]])).toEqual([['ending', 51]]);
  });
});
