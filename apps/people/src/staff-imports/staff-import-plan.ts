import type { IsoDate } from '@trustwide/common/util/calendar';
import type { Role } from '../staff/roles';
import type { StaffRow } from '../staff/staff-csv';

/**
 * What one row of a staff list changes, decided apart from I/O. Staff are matched by work email within
 * the trust; a row of someone already recorded changes only what differs (employing school, the role
 * spell), so importing the same file twice changes nothing the second time. Each change is one of the
 * use cases the API calls.
 */

/** A member of staff as the import compares them with a row. */
export interface RecordedStaff {
  id: string;
  status: 'employed' | 'left' | 'erased';
  schoolId: string | null;
  leftOn: IsoDate | null;
  roles: ReadonlyArray<{ id: string; role: Role; schoolId: string | null; startedOn: IsoDate; endedOn: IsoDate | null }>;
}

export type StaffChange =
  | { kind: 'join'; firstName: string; lastName: string; workEmail: string; schoolId: string; joinedOn: IsoDate; role?: Role }
  | { kind: 'move'; schoolId: string; movedOn: IsoDate }
  | { kind: 'start-role'; role: Role; schoolId: string | null; startedOn: IsoDate; endedOn: IsoDate | null }
  | { kind: 'end-role'; roleId: string; endedOn: IsoDate };

export type StaffRowPlan = { ok: true; changes: StaffChange[] } | { ok: false; reason: string };

/**
 * `schoolId` is the row's school as the directory knows it (null: not a school of the trust); `today`
 * dates a move (an export says where someone works now, not since when).
 */
export function planStaffRow(row: StaffRow, schoolId: string | null, existing: RecordedStaff | null, today: IsoDate): StaffRowPlan {
  if (row.workEmail === null)
    return { ok: false, reason: 'the row has no work email: staff are matched by work email, so it cannot be imported' };
  if (schoolId === null)
    return { ok: false, reason: `URN ${row.schoolUrn} is not a school of this trust (as the school directory knows it)` };
  const spellSchool = row.role === 'ceo' ? null : schoolId;
  const spell = { role: row.role, schoolId: spellSchool, startedOn: row.roleStartedOn, endedOn: row.roleEndedOn };

  if (existing === null) {
    const join = {
      kind: 'join' as const,
      firstName: row.firstName,
      lastName: row.lastName,
      workEmail: row.workEmail,
      schoolId,
      joinedOn: row.roleStartedOn,
    };
    // An open role starts with the joining (one transaction); a past one is recorded as its own spell.
    return { ok: true, changes: row.roleEndedOn === null ? [{ ...join, role: row.role }] : [join, { kind: 'start-role', ...spell }] };
  }
  if (existing.status !== 'employed') {
    return {
      ok: false,
      reason:
        existing.status === 'left'
          ? `this member of staff left on ${existing.leftOn}; an import does not re-employ them`
          : 'this member of staff has been erased',
    };
  }
  const changes: StaffChange[] = [];
  if (existing.schoolId !== schoolId) changes.push({ kind: 'move', schoolId, movedOn: today });
  // The same spell: same role at the same school, starting the same day, or both still open.
  const same = existing.roles.find(
    (r) =>
      r.role === spell.role &&
      r.schoolId === spell.schoolId &&
      (r.startedOn === spell.startedOn || (r.endedOn === null && spell.endedOn === null)),
  );
  if (!same) changes.push({ kind: 'start-role', ...spell });
  else if (same.endedOn === null && spell.endedOn !== null) changes.push({ kind: 'end-role', roleId: same.id, endedOn: spell.endedOn });
  return { ok: true, changes };
}
