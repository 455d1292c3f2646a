import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StaffRole } from '../shared/roles';

/**
 * The people service's staff and roles, projected from its events: who is current staff (and where)
 * and the role history prerequisites read. Names are not kept: the CPD service needs none.
 */
@Entity({ name: 'staff' })
export class StaffRow {
  @PrimaryColumn({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'left_on', type: 'date', nullable: true }) leftOn: string | null;
}

@Entity({ name: 'staff_roles' })
export class StaffRoleRow {
  @PrimaryColumn({ name: 'role_id', type: 'uuid' }) roleId: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column('text') role: StaffRole;
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
}
