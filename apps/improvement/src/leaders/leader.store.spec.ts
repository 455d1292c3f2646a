import { describe, expect, it } from '@jest/globals';
import type { LeaderCapacityRow, LeaderDesignationRow } from './leader.entity';
import { availableDaysByYear } from './leader.store';

const designation = (
  status: string,
  termStartsOn: string | null,
  termEndsOn: string | null,
  releaseDaysPerYear: number | null,
): LeaderDesignationRow => ({
  designationId: 'd',
  trustId: 't',
  staffId: 's',
  type: 'lle',
  status,
  termStartsOn,
  termEndsOn,
  releaseDaysPerYear,
});
const capacity = (academicYear: string, availableDays: number): LeaderCapacityRow => ({
  trustId: 't',
  staffId: 's',
  academicYear,
  availableDays,
  committedDays: 0,
  status: 'available',
});

describe("a leader's released days per academic year, from the people service's events", () => {
  it.each<[string, LeaderDesignationRow[], LeaderCapacityRow[], Record<string, number>]>([
    [
      'an active term over two years releases each year it touches',
      [designation('active', '2026-03-01', '2027-02-28', 20)],
      [],
      { '2025/26': 20, '2026/27': 20 },
    ],
    [
      'two designations add up',
      [designation('active', '2026-09-01', '2027-08-31', 20), designation('approved', '2026-09-01', '2027-08-31', 10)],
      [],
      { '2026/27': 30 },
    ],
    [
      'suspended, revoked or lapsed designations release nothing',
      [designation('suspended', '2026-09-01', '2027-08-31', 20), designation('revoked', '2026-09-01', '2027-08-31', 20)],
      [],
      {},
    ],
    ['an application without a term releases nothing', [designation('applied', null, null, null)], [], {}],
    [
      "the people service's own figure wins for its year",
      [designation('active', '2026-09-01', '2028-08-31', 20)],
      [capacity('2026/27', 12)],
      { '2026/27': 12, '2027/28': 20 },
    ],
  ])('%s', (_, designations, capacities, expected) => {
    expect(availableDaysByYear(designations, capacities)).toEqual(expected);
  });
});
