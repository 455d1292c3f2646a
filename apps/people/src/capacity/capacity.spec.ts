import { describe, expect, it } from '@jest/globals';
import { capacity, capacityAnnouncements, classify, upsertDeployment, type CapacityStatus, type DeploymentDays } from './capacity';

const dep = (deploymentId: string, days: number, extra: Partial<DeploymentDays> = {}): DeploymentDays => ({
  deploymentId,
  leaderId: 'L1',
  academicYear: '2025/26',
  days,
  cancelled: false,
  ...extra,
});

describe('classify', () => {
  it.each<[number, number, CapacityStatus]>([
    [20, 25, 'over-committed'],
    [0, 3, 'over-committed'],
    [20, 20, 'fully-committed'],
    [20, 5, 'available'],
    [20, 0, 'idle'],
    [0, 0, 'no-release'],
  ])('%i available, %i committed: %s', (available, committed, status) => {
    expect(classify(available, committed)).toBe(status);
  });
});

describe('capacity per leader and year', () => {
  it("adds the days of the leader's live deployments in that year only", () => {
    const deployments = [
      dep('a', 10),
      dep('b', 8),
      dep('c', 5, { cancelled: true }),
      dep('d', 7, { academicYear: '2026/27' }),
      dep('e', 9, { leaderId: 'L2' }),
    ];
    expect(capacity('L1', '2025/26', 20, deployments)).toEqual({
      leaderId: 'L1',
      academicYear: '2025/26',
      availableDays: 20,
      committedDays: 18,
      remainingDays: 2,
      status: 'available',
    });
    expect(capacity('L1', '2025/26', 15, deployments)).toMatchObject({ remainingDays: -3, status: 'over-committed' });
  });

  it('a deployment announced again replaces its days instead of adding them', () => {
    let deployments = upsertDeployment([], dep('a', 10));
    deployments = upsertDeployment(deployments, dep('a', 10));
    deployments = upsertDeployment(deployments, dep('a', 12));
    expect(capacity('L1', '2025/26', 20, deployments).committedDays).toBe(12);
    deployments = upsertDeployment(deployments, dep('a', 12, { cancelled: true }));
    expect(capacity('L1', '2025/26', 20, deployments)).toMatchObject({ committedDays: 0, status: 'idle' });
  });
});

describe('what a change announces', () => {
  const at = (available: number, committed: number) => capacity('L1', '2025/26', available, committed === 0 ? [] : [dep('a', committed)]);

  it.each<[string, ReturnType<typeof at> | null, ReturnType<typeof at>, { changed: boolean; overCommitted: boolean }]>([
    ['first figures', null, at(20, 5), { changed: true, overCommitted: false }],
    ['first figures, already over', null, at(20, 25), { changed: true, overCommitted: true }],
    ['nothing changed', at(20, 5), at(20, 5), { changed: false, overCommitted: false }],
    ['more committed, still within', at(20, 5), at(20, 15), { changed: true, overCommitted: false }],
    ['becomes over-committed', at(20, 15), at(20, 25), { changed: true, overCommitted: true }],
    ['stays over-committed: not announced again', at(20, 25), at(20, 30), { changed: true, overCommitted: false }],
    ['release cut below commitments', at(20, 15), at(10, 15), { changed: true, overCommitted: true }],
  ])('%s', (_, before, after, expected) => {
    expect(capacityAnnouncements(before, after)).toEqual(expected);
  });
});
