import { describe, expect, it } from '@jest/globals';
import type { StaffRow } from '../staff/staff-csv';
import { planStaffRow, type RecordedStaff } from './staff-import-plan';

const row = (extra: Partial<StaffRow> = {}): StaffRow => ({
  staffNumber: 'E100',
  firstName: 'Grace',
  lastName: 'Hopper',
  workEmail: 'g.hopper@abbey.sch.uk',
  schoolUrn: 140001,
  role: 'headteacher',
  roleStartedOn: '2018-09-01',
  roleEndedOn: null,
  ...extra,
});
const recorded = (extra: Partial<RecordedStaff> = {}): RecordedStaff => ({
  id: 'p1',
  status: 'employed',
  schoolId: 'A',
  leftOn: null,
  roles: [{ id: 'r1', role: 'headteacher', schoolId: 'A', startedOn: '2018-09-01', endedOn: null }],
  ...extra,
});
const today = '2026-11-23';

describe('planStaffRow', () => {
  it.each<[string, StaffRow, string | null, RecordedStaff | null, ReturnType<typeof planStaffRow>]>([
    [
      'a new person joins in their open role',
      row(),
      'A',
      null,
      {
        ok: true,
        changes: [
          {
            kind: 'join',
            firstName: 'Grace',
            lastName: 'Hopper',
            workEmail: 'g.hopper@abbey.sch.uk',
            schoolId: 'A',
            joinedOn: '2018-09-01',
            role: 'headteacher',
          },
        ],
      },
    ],
    [
      'a new person with a past role joins, then the past spell is recorded',
      row({ role: 'deputy-headteacher', roleEndedOn: '2020-08-31' }),
      'A',
      null,
      {
        ok: true,
        changes: [
          {
            kind: 'join',
            firstName: 'Grace',
            lastName: 'Hopper',
            workEmail: 'g.hopper@abbey.sch.uk',
            schoolId: 'A',
            joinedOn: '2018-09-01',
          },
          { kind: 'start-role', role: 'deputy-headteacher', schoolId: 'A', startedOn: '2018-09-01', endedOn: '2020-08-31' },
        ],
      },
    ],
    ['the same row again changes nothing', row(), 'A', recorded(), { ok: true, changes: [] }],
    [
      'an open spell with another start date in the file is the same spell',
      row({ roleStartedOn: '2019-01-01' }),
      'A',
      recorded(),
      { ok: true, changes: [] },
    ],
    [
      'a new school is a move dated today',
      row(),
      'B',
      recorded({ roles: [] }),
      {
        ok: true,
        changes: [
          { kind: 'move', schoolId: 'B', movedOn: today },
          { kind: 'start-role', role: 'headteacher', schoolId: 'B', startedOn: '2018-09-01', endedOn: null },
        ],
      },
    ],
    [
      'an end date for the open spell ends it',
      row({ roleEndedOn: '2026-08-31' }),
      'A',
      recorded(),
      { ok: true, changes: [{ kind: 'end-role', roleId: 'r1', endedOn: '2026-08-31' }] },
    ],
    [
      'a new role is a new spell',
      row({ role: 'executive-headteacher', roleStartedOn: '2025-09-01' }),
      'A',
      recorded(),
      { ok: true, changes: [{ kind: 'start-role', role: 'executive-headteacher', schoolId: 'A', startedOn: '2025-09-01', endedOn: null }] },
    ],
    [
      'a CEO holds a trust-level role (no school)',
      row({ role: 'ceo' }),
      'A',
      null,
      {
        ok: true,
        changes: [
          {
            kind: 'join',
            firstName: 'Grace',
            lastName: 'Hopper',
            workEmail: 'g.hopper@abbey.sch.uk',
            schoolId: 'A',
            joinedOn: '2018-09-01',
            role: 'ceo',
          },
        ],
      },
    ],
    [
      'no work email: cannot be matched',
      row({ workEmail: null }),
      'A',
      null,
      { ok: false, reason: 'the row has no work email: staff are matched by work email, so it cannot be imported' },
    ],
    [
      'a URN not of the trust',
      row(),
      null,
      null,
      { ok: false, reason: 'URN 140001 is not a school of this trust (as the school directory knows it)' },
    ],
    [
      'someone who left is not re-employed',
      row(),
      'A',
      recorded({ status: 'left', leftOn: '2025-08-31' }),
      { ok: false, reason: 'this member of staff left on 2025-08-31; an import does not re-employ them' },
    ],
  ])('%s', (_name, r, school, existing, expected) => {
    expect(planStaffRow(r, school, existing, today)).toEqual(expected);
  });
});
