/**
 * A designated leader's capacity in an academic year: the days their school releases them (from the
 * commitment) against the days deployments commit them to, decided in the improvement service and
 * learnt here from its events. Over-committed and idle leaders are what the CEO is shown.
 */

export const CAPACITY_STATUSES = ['over-committed', 'fully-committed', 'available', 'idle', 'no-release'] as const;
export type CapacityStatus = (typeof CAPACITY_STATUSES)[number];

/** A deployment as last announced: a later announcement of the same deployment replaces it. */
export interface DeploymentDays {
  readonly deploymentId: string;
  readonly leaderId: string;
  readonly academicYear: string;
  readonly days: number;
  readonly cancelled: boolean;
}

export interface Capacity {
  readonly leaderId: string;
  readonly academicYear: string;
  readonly availableDays: number;
  readonly committedDays: number;
  /** available − committed; negative when over-committed. */
  readonly remainingDays: number;
  readonly status: CapacityStatus;
}

/** Days committed to a leader in a year by the deployments that are not cancelled. */
export function committedDays(deployments: readonly DeploymentDays[], leaderId: string, academicYear: string): number {
  return deployments
    .filter((d) => d.leaderId === leaderId && d.academicYear === academicYear && !d.cancelled)
    .reduce((sum, d) => sum + d.days, 0);
}

/**
 * over-committed: more days committed than released; fully-committed: exactly all; idle: released
 * but nothing committed; available: some left; no-release: nothing released and nothing committed.
 */
export function classify(availableDays: number, committed: number): CapacityStatus {
  if (committed > availableDays) return 'over-committed';
  if (availableDays === 0) return 'no-release';
  if (committed === availableDays) return 'fully-committed';
  return committed === 0 ? 'idle' : 'available';
}

export function capacity(leaderId: string, academicYear: string, availableDays: number, deployments: readonly DeploymentDays[]): Capacity {
  const committed = committedDays(deployments, leaderId, academicYear);
  return {
    leaderId,
    academicYear,
    availableDays,
    committedDays: committed,
    remainingDays: availableDays - committed,
    status: classify(availableDays, committed),
  };
}

/** Records a deployment's latest announcement: the same id replaces its earlier days (redeliveries and amendments change nothing twice). */
export function upsertDeployment(deployments: readonly DeploymentDays[], next: DeploymentDays): DeploymentDays[] {
  return [...deployments.filter((d) => d.deploymentId !== next.deploymentId), next];
}

/** What to announce after a change: nothing when nothing changed; `overCommitted` only when it has just become so. */
export function capacityAnnouncements(before: Capacity | null, after: Capacity): { changed: boolean; overCommitted: boolean } {
  const changed = before === null || before.availableDays !== after.availableDays || before.committedDays !== after.committedDays;
  return { changed, overCommitted: changed && after.status === 'over-committed' && before?.status !== 'over-committed' };
}
