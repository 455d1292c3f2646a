import type { RoleSpellRow } from '../role-spell.entity';
import type { Staff } from '../staff.entity';

export interface RoleSpellResponse {
  id: string;
  role: string;
  schoolId: string | null;
  startedOn: string;
  endedOn: string | null;
}

export interface StaffResponse {
  id: string;
  trustId: string;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  schoolId: string | null;
  status: string;
  joinedOn: string;
  leftOn: string | null;
  version: number;
  /** Current roles (all roles on GET /staff/:id). */
  roles: RoleSpellResponse[];
}

export const mapRoleSpell = (r: RoleSpellRow): RoleSpellResponse => ({
  id: r.id,
  role: r.role,
  schoolId: r.schoolId,
  startedOn: r.startedOn,
  endedOn: r.endedOn,
});

export const mapStaff = (s: Staff, roles: RoleSpellRow[] = []): StaffResponse => ({
  id: s.id,
  trustId: s.trustId,
  firstName: s.firstName,
  lastName: s.lastName,
  workEmail: s.workEmail,
  schoolId: s.schoolId,
  status: s.status,
  joinedOn: s.joinedOn,
  leftOn: s.leftOn,
  version: s.version,
  roles: roles.map(mapRoleSpell),
});
