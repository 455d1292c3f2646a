import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { conflict, notFound, ServiceOutbox, unprocessable } from '@trustwide/common';
import { DesignationRow } from '../designations/designation.entity';
import { SchoolDirectory } from '../school-directory/school-directory';
import { EndRoleCommand, JoinStaffCommand, LeaveStaffCommand, MoveStaffCommand, StartRoleCommand } from './dto/staff.dto';
import { RoleSpellRow, toSpell } from './role-spell.entity';
import { roleSpellProblems, type RoleSpell } from './roles';
import { displayName, Staff } from './staff.entity';
import { StaffStore } from './staff.store';

/**
 * Staff use cases: one class, one `execute`, each a transaction that locks the person's row first and
 * writes the change with its events. The API calls them; a staff import would call the same.
 */

async function assertSchoolOfTrust(directory: SchoolDirectory, m: EntityManager, trustId: string, schoolId: string, field = 'schoolId') {
  if (!(await directory.isSchoolOfTrust(trustId, schoolId, m)))
    throw unprocessable(field, `school ${schoolId} is not a school of this trust`);
}

/** Adds a role spell after checking it against the person's history; announces it. */
async function addRole(
  m: EntityManager,
  outbox: ServiceOutbox,
  staff: Staff,
  history: RoleSpellRow[],
  spell: RoleSpell,
): Promise<RoleSpellRow> {
  const problems = roleSpellProblems(history.map(toSpell), spell);
  if (problems.length > 0) throw unprocessable('role', ...problems);
  const row = m.create(RoleSpellRow, { id: randomUUID(), trustId: staff.trustId, staffId: staff.id, ...spell });
  await m.insert(RoleSpellRow, row);
  const base = { staffId: staff.id, roleId: row.id, role: row.role, schoolId: row.schoolId };
  await outbox.record(m, 'people.role.started', {
    trustId: staff.trustId,
    aggregateId: staff.id,
    data: { ...base, startedOn: row.startedOn },
  });
  if (row.endedOn)
    await outbox.record(m, 'people.role.ended', { trustId: staff.trustId, aggregateId: staff.id, data: { ...base, endedOn: row.endedOn } });
  return row;
}

@Injectable()
export class JoinStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
  ) {}

  execute(trustId: string, command: JoinStaffCommand): Promise<{ staff: Staff; roles: RoleSpellRow[] }> {
    return this.dataSource.transaction(async (m) => {
      await assertSchoolOfTrust(this.directory, m, trustId, command.schoolId);
      if (command.workEmail && (await m.findOneBy(Staff, { trustId, workEmail: command.workEmail }))) {
        throw conflict('workEmail', 'a member of staff with this work email is already recorded in this trust');
      }
      const staff = m.create(Staff, {
        id: randomUUID(),
        trustId,
        firstName: command.firstName,
        lastName: command.lastName,
        workEmail: command.workEmail ?? null,
        schoolId: command.schoolId,
        status: 'employed',
        joinedOn: command.joinedOn,
        leftOn: null,
        erasedAt: null,
      });
      await m.insert(Staff, staff);
      await this.outbox.record(m, 'people.staff.joined', {
        trustId,
        aggregateId: staff.id,
        data: { staffId: staff.id, schoolId: command.schoolId, displayName: displayName(staff), joinedOn: command.joinedOn },
      });
      const roles = command.role
        ? [
            await addRole(m, this.outbox, staff, [], {
              role: command.role,
              schoolId: command.role === 'ceo' ? null : command.schoolId,
              startedOn: command.joinedOn,
              endedOn: null,
            }),
          ]
        : [];
      return { staff, roles };
    });
  }
}

@Injectable()
export class MoveStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
    private readonly store: StaffStore,
  ) {}

  /** Changes the employing school. Roles are the person's own history and change by their own commands. */
  execute(trustId: string, staffId: string, command: MoveStaffCommand): Promise<Staff> {
    return this.dataSource.transaction(async (m) => {
      const staff = await this.store.lockEmployed(m, trustId, staffId);
      if (staff.schoolId === command.schoolId) throw conflict('schoolId', 'this member of staff is already employed by that school');
      if (command.movedOn < staff.joinedOn) throw unprocessable('movedOn', `the move cannot be before they joined (${staff.joinedOn})`);
      await assertSchoolOfTrust(this.directory, m, trustId, command.schoolId);
      const from = staff.schoolId!;
      staff.schoolId = command.schoolId;
      await m.save(Staff, staff);
      await this.outbox.record(m, 'people.staff.moved', {
        trustId,
        aggregateId: staff.id,
        data: { staffId, fromSchoolId: from, toSchoolId: command.schoolId, movedOn: command.movedOn },
      });
      return staff;
    });
  }
}

@Injectable()
export class LeaveStaff {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: StaffStore,
  ) {}

  /**
   * The person leaves the trust: their open roles end that day. Refused (409) while they hold a live
   * designation: HR revokes it first, so the decision and its reason are HR's, not a side effect.
   */
  execute(trustId: string, staffId: string, command: LeaveStaffCommand): Promise<Staff> {
    return this.dataSource.transaction(async (m) => {
      const staff = await this.store.lockEmployed(m, trustId, staffId);
      if (command.leftOn < staff.joinedOn) throw unprocessable('leftOn', `leaving cannot be before they joined (${staff.joinedOn})`);
      const live = await m.findBy(DesignationRow, { staffId, status: In(['applied', 'approved', 'active', 'suspended']) });
      if (live.length > 0) {
        throw conflict(
          'designations',
          `this member of staff holds ${live.map((d) => `a ${d.status} ${d.type} designation`).join(' and ')}: revoke it before recording that they left`,
        );
      }
      const open = await m.find(RoleSpellRow, { where: { staffId, endedOn: IsNull() } });
      for (const spell of open) {
        // A role that starts after the leaving day never took place as recorded: end it where it starts.
        spell.endedOn = spell.startedOn > command.leftOn ? spell.startedOn : command.leftOn;
        await m.save(RoleSpellRow, spell);
        await this.outbox.record(m, 'people.role.ended', {
          trustId,
          aggregateId: staffId,
          data: { staffId, roleId: spell.id, role: spell.role, schoolId: spell.schoolId, endedOn: spell.endedOn },
        });
      }
      Object.assign(staff, { status: 'left', leftOn: command.leftOn });
      await m.save(Staff, staff);
      await this.outbox.record(m, 'people.staff.left', {
        trustId,
        aggregateId: staffId,
        data: { staffId, schoolId: staff.schoolId!, leftOn: command.leftOn },
      });
      return staff;
    });
  }
}

@Injectable()
export class StartRole {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
    private readonly store: StaffStore,
  ) {}

  /** Records a role, current or past (past spells build the years of headship; they may be at schools outside the trust). */
  execute(trustId: string, staffId: string, command: StartRoleCommand): Promise<RoleSpellRow> {
    return this.dataSource.transaction(async (m) => {
      const staff = await this.store.lockEmployed(m, trustId, staffId);
      const spell: RoleSpell = {
        role: command.role,
        schoolId: command.schoolId ?? null,
        startedOn: command.startedOn,
        endedOn: command.endedOn ?? null,
      };
      if (spell.endedOn === null && spell.schoolId !== null) await assertSchoolOfTrust(this.directory, m, trustId, spell.schoolId);
      return addRole(m, this.outbox, staff, await this.store.roles(m, staffId), spell);
    });
  }
}

@Injectable()
export class EndRole {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: StaffStore,
  ) {}

  execute(trustId: string, staffId: string, roleId: string, command: EndRoleCommand): Promise<RoleSpellRow> {
    return this.dataSource.transaction(async (m) => {
      await this.store.lockEmployed(m, trustId, staffId);
      const spell = await m.findOneBy(RoleSpellRow, { id: roleId, staffId });
      if (!spell) throw notFound('roleId', `no role ${roleId} for this member of staff`);
      if (spell.endedOn !== null) throw conflict('endedOn', `this role already ended on ${spell.endedOn}`);
      if (command.endedOn < spell.startedOn) throw unprocessable('endedOn', `the role cannot end before it started (${spell.startedOn})`);
      spell.endedOn = command.endedOn;
      await m.save(RoleSpellRow, spell);
      await this.outbox.record(m, 'people.role.ended', {
        trustId,
        aggregateId: staffId,
        data: { staffId, roleId, role: spell.role, schoolId: spell.schoolId, endedOn: command.endedOn },
      });
      return spell;
    });
  }
}
