import { describe, expect, it } from '@jest/globals';
import { staffLinkProblem, type StaffRecordSeen } from './staff-link';

const P = '3d2e1f00-5b6a-4c7d-8e9f-0a1b2c3d4e5f';

describe('staffLinkProblem', () => {
  it.each<[string, StaffRecordSeen | undefined, string | null]>([
    ['an employed member of staff', { status: 'employed', erased: null }, null],
    ['a leaver (their record is still theirs)', { status: 'left', erased: null }, null],
    ['a record seen only by a later event (no status yet)', { status: null, erased: null }, null],
    ['not in this trust', undefined, `no staff record ${P} in this trust (a record just added may take a moment to arrive: try again)`],
    ['erased', { status: 'erased', erased: true }, `staff record ${P} has been erased: it cannot sign in`],
    ['erased, status left behind', { status: 'left', erased: true }, `staff record ${P} has been erased: it cannot sign in`],
  ])('%s', (_, record, problem) => {
    expect(staffLinkProblem(P, record)).toBe(problem);
  });
});
