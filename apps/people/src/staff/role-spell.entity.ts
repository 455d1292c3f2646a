import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role, RoleSpell as RoleSpellValue } from './roles';

/** A role held over time (see roles.ts); an executive head of two schools has two open spells. */
@Entity({ name: 'role_spells' })
export class RoleSpellRow {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'trust_id', type: 'uuid' }) trustId: string;
  @Column({ name: 'staff_id', type: 'uuid' }) staffId: string;
  @Column({ type: 'text' }) role: Role;
  /** null for a trust-level role (CEO). */
  @Column({ name: 'school_id', type: 'uuid', nullable: true }) schoolId: string | null;
  @Column({ name: 'started_on', type: 'date' }) startedOn: string;
  @Column({ name: 'ended_on', type: 'date', nullable: true }) endedOn: string | null;
}

export const toSpell = (r: RoleSpellRow): RoleSpellValue => ({
  role: r.role,
  schoolId: r.schoolId,
  startedOn: r.startedOn,
  endedOn: r.endedOn,
});
