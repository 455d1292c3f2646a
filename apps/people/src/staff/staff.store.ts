import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoleSpellRow } from './role-spell.entity';
import { Staff } from './staff.entity';
import { conflict, notFound } from '@trustwide/common';

/** Loading (and locking) a member of staff, shared by every use case that changes one. */
@Injectable()
export class StaffStore {
  async find(manager: EntityManager, trustId: string, staffId: string, lock = false): Promise<Staff> {
    const staff = await manager.findOne(Staff, {
      where: { trustId, id: staffId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!staff) throw notFound('staffId', `no member of staff ${staffId} in this trust`);
    return staff;
  }

  /** Locks the staff row first (the aggregate), then checks they are still employed. */
  async lockEmployed(manager: EntityManager, trustId: string, staffId: string): Promise<Staff> {
    const staff = await this.find(manager, trustId, staffId, true);
    if (staff.status !== 'employed')
      throw conflict('status', `this member of staff has ${staff.status === 'left' ? `left (${staff.leftOn})` : 'been erased'}`);
    return staff;
  }

  roles(manager: EntityManager, staffId: string): Promise<RoleSpellRow[]> {
    return manager.find(RoleSpellRow, { where: { staffId }, order: { startedOn: 'ASC', id: 'ASC' } });
  }
}
