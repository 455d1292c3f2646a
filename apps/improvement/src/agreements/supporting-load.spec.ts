import { describe, expect, it } from '@jest/globals';
import type { AgreementStatus } from './agreement';
import { DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS, supportingLoadRefusals } from './supporting-load';
import { agreement, ELSEWHERE, SUPPORTING } from './test-fixtures';

const running = (id: string, startsOn: string, endsOn: string, status: AgreementStatus = 'active', supporting = [SUPPORTING]) =>
  agreement({ id, status, supportingSchoolIds: supporting, schedule: { startsOn, endsOn, interimReportsDue: [], finalReportDue: endsOn } });

// The candidate runs 1 Sept 2026 – 20 July 2027 with SUPPORTING as its supporting school.
const candidate = agreement({ id: 'new' });

describe(`a supporting school's concurrent agreements (default limit ${DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS})`, () => {
  it.each<[string, ReturnType<typeof running>[], number | undefined, string[]]>([
    ['no other agreement', [], undefined, []],
    ['one running alongside', [running('a', '2026-01-01', '2026-12-31')], undefined, []],
    [
      'two running alongside on the same day',
      [running('a', '2026-01-01', '2026-12-31'), running('b', '2026-11-01', '2027-03-31', 'agreed')],
      undefined,
      [`School ${SUPPORTING} would be supporting in 3 agreements at once on 1 November 2026 (with a, b); the trust's limit is 2.`],
    ],
    [
      'two overlapping the new one but never each other',
      [running('a', '2026-01-01', '2026-10-31'), running('b', '2026-11-01', '2027-03-31')],
      undefined,
      [],
    ],
    [
      'ending the day before it starts does not overlap',
      [running('a', '2026-01-01', '2026-08-31'), running('b', '2026-11-01', '2027-03-31')],
      undefined,
      [],
    ],
    [
      'drafts, completed and ended agreements do not count',
      [
        running('a', '2026-01-01', '2026-12-31', 'draft'),
        running('b', '2026-01-01', '2026-12-31', 'completed'),
        running('c', '2026-01-01', '2026-12-31', 'ended'),
      ],
      1,
      [],
    ],
    [
      'another school’s agreements do not count',
      [running('a', '2026-01-01', '2026-12-31', 'active', [ELSEWHERE]), running('b', '2026-01-01', '2026-12-31', 'active', [ELSEWHERE])],
      1,
      [],
    ],
    [
      'a trust limit of 1',
      [running('a', '2027-07-20', '2027-12-31')],
      1,
      [`School ${SUPPORTING} would be supporting in 2 agreements at once on 20 July 2027 (with a); the trust's limit is 1.`],
    ],
    ['a trust limit of 3', [running('a', '2026-01-01', '2026-12-31'), running('b', '2026-11-01', '2027-03-31')], 3, []],
    ['the agreement itself, redecided, does not count', [running('new', '2026-09-01', '2027-07-20')], 1, []],
  ])('%s', (_, others, limit, messages) => {
    expect(supportingLoadRefusals(candidate, others, limit).map((r) => r.message)).toEqual(messages);
  });

  it('checks every supporting school of the agreement', () => {
    const both = agreement({ id: 'new', supportingSchoolIds: [SUPPORTING, ELSEWHERE] });
    const others = [running('a', '2026-01-01', '2026-12-31', 'active', [ELSEWHERE])];
    expect(supportingLoadRefusals(both, others, 1).map((r) => r.message)).toEqual([
      `School ${ELSEWHERE} would be supporting in 2 agreements at once on 1 September 2026 (with a); the trust's limit is 1.`,
    ]);
  });

  it('refuses a limit that is not a whole number of at least 1', () => {
    expect(() => supportingLoadRefusals(candidate, [], 0)).toThrow(
      'the concurrent agreement limit must be a whole number of at least 1, not 0',
    );
  });
});
