import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Platform } from './harness';
import { startPlatform } from './harness';

type Page<T> = { items: T[] };

/**
 * What `npm start` promises a first-time user (issue #13's demo): the demo trust loaded through the public API by
 * scripts/demo-trust.mjs, the very loader `npm start` runs, with schools, staff, designations, plans, agreements and
 * cohorts, and a trust overview that shows a mix of risks and alerts. Read as the CEO through the gateway. Other
 * browser suites act on the same demo at the same time, so this asserts what no test undoes.
 */
describe('the demo trust npm start loads', () => {
  let platform: Platform;
  const trust = () => `/trusts/${platform.trustId}`;

  beforeAll(async () => {
    platform = await startPlatform('demo');
  }, 600_000);

  it('shows the CEO an overview with schools at several risk levels, and alerts of several kinds', async () => {
    const overview = await platform.get<{
      totals: { schools: number; schoolsByRisk: Record<'red' | 'amber' | 'green' | 'unassessed', number>; pupils: number };
      schools: { name: string; risk: { level: string | null; reasons: unknown[] } }[];
    }>(`${trust()}/overview?limit=200`, 'ceo');
    expect(overview.totals.schools).toBeGreaterThanOrEqual(5);
    expect(overview.totals.pupils).toBeGreaterThan(0);
    const levels = (['red', 'amber', 'green'] as const).filter((level) => overview.totals.schoolsByRisk[level] > 0);
    expect(levels.length).toBeGreaterThanOrEqual(2);
    // A school at risk says why.
    const atRisk = overview.schools.filter((s) => s.risk.level === 'red' || s.risk.level === 'amber');
    expect(atRisk.length).toBeGreaterThan(0);
    for (const s of atRisk) expect(s.risk.reasons.length).toBeGreaterThan(0);

    const { alerts } = await platform.get<{ alerts: { kind: string; title: string; subject: { type: string; id: string } }[] }>(
      `${trust()}/alerts?limit=200`,
      'ceo',
    );
    const kinds = new Set(alerts.map((a) => a.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    for (const a of alerts) {
      expect(a.title).not.toBe('');
      expect(a.subject.id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('holds staff, designations, plans, support agreements in their lifecycle, and CPD cohorts', async () => {
    const [staff, designations, plans, agreements, cohorts] = await Promise.all([
      platform.get<Page<unknown>>(`${trust()}/staff?limit=200`, 'ceo'),
      platform.get<Page<{ status: string }>>(`${trust()}/designations?limit=200`, 'ceo'),
      platform.get<Page<unknown>>(`${trust()}/plans?limit=200`, 'ceo'),
      platform.get<Page<{ status: string }>>(`${trust()}/agreements?limit=200`, 'ceo'),
      platform.get<Page<{ placesLeft: number; waitlisted: number }>>(`${trust()}/cohorts?limit=200`, 'ceo'),
    ]);
    expect(staff.items.length).toBeGreaterThanOrEqual(5);
    // Designations in several states of their lifecycle (active, suspended, revoked, refused, applied…).
    expect(new Set(designations.items.map((d) => d.status)).size).toBeGreaterThanOrEqual(4);
    expect(plans.items.length).toBeGreaterThan(0);
    // Agreements from draft to completed and ended (a test may have moved the draft on since).
    const statuses = new Set(agreements.items.map((a) => a.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    expect([...statuses]).toEqual(expect.arrayContaining(['completed', 'ended']));
    // One cohort is full with people waiting (what the CPD page and the cohort-full alert show).
    expect(cohorts.items.some((c) => c.placesLeft === 0 && c.waitlisted > 0)).toBe(true);
  });
});
