import type { EntityManager } from 'typeorm';
import type { OutboxItem, ServiceOutbox } from '@trustwide/common';
import type { Joining, Leaving } from './membership';
import { writeSchools } from './school-bulk-write';
import { changedFields, toProfile, type ProfileField, type ProfileValues } from './school-profile';
import type { School } from './school.entity';

/**
 * The one place a school's register entry changes: registering, updating, joining and leaving apply to
 * the (locked) rows and collect their events; `write` stores the rows in one statement and the events
 * with them, in the caller's transaction. The API (one school) and the importers (a batch) both use it.
 */
export class SchoolChanges {
  private readonly inserted = new Set<School>();
  /** Existing rows whose profile or membership changed: their version goes up once. */
  private readonly changed = new Set<School>();
  /** Existing rows with only bookkeeping to store (nothing announced). */
  private readonly touched = new Set<School>();
  private readonly events: OutboxItem[] = [];

  get created(): number {
    return this.inserted.size;
  }

  get updated(): number {
    return this.changed.size;
  }

  /** A new school (from `newSchool`); a member is announced as joining too. */
  register(school: School): void {
    this.inserted.add(school);
    this.events.push({
      type: 'schools.school.registered',
      trustId: school.trustId,
      aggregateId: school.id,
      data: { school: toProfile(school) },
    });
    if (school.membership === 'member') this.announceJoin(school);
  }

  /** Applies the fields of `next` that differ and announces them; returns which changed. */
  update(school: School, next: Partial<ProfileValues>): ProfileField[] {
    const fields = changedFields(school, next);
    if (fields.length === 0) return fields;
    for (const f of fields) (school as unknown as Record<string, unknown>)[f] = next[f] ?? null;
    this.markChanged(school);
    this.events.push({
      type: 'schools.school.updated',
      trustId: school.trustId,
      aggregateId: school.id,
      data: { school: toProfile(school), changedFields: fields },
    });
    return fields;
  }

  /** The school becomes a member (callers check `joinRefusal` or the register's rule first). */
  join(school: School, { joinedOn, route }: Joining): void {
    Object.assign(school, { membership: 'member', joinedTrustOn: joinedOn, joinRoute: route, leftTrustOn: null });
    this.markChanged(school);
    this.announceJoin(school);
  }

  /** The school leaves the trust (callers check `leaveRefusal` or the register's rule first). */
  leave(school: School, { leftOn, reason }: Leaving): void {
    Object.assign(school, { membership: 'former-member', leftTrustOn: leftOn });
    this.markChanged(school);
    this.events.push({
      type: 'schools.school.left-trust',
      trustId: school.trustId,
      aggregateId: school.id,
      data: { schoolId: school.id, urn: school.urn, leftOn, reason },
    });
  }

  /** Stores a row whose change is not announced (e.g. which trust GIAS last listed it under). */
  keep(school: School): void {
    if (!this.inserted.has(school)) this.touched.add(school);
  }

  async write(m: EntityManager, outbox: ServiceOutbox): Promise<void> {
    for (const school of this.changed) school.version++;
    const rows = new Set([...this.inserted, ...this.changed, ...this.touched]);
    await writeSchools(m, [...rows]);
    await outbox.recordMany(m, this.events);
  }

  private markChanged(school: School): void {
    if (!this.inserted.has(school)) this.changed.add(school);
  }

  private announceJoin(school: School): void {
    this.events.push({
      type: 'schools.school.joined-trust',
      trustId: school.trustId,
      aggregateId: school.id,
      data: { schoolId: school.id, urn: school.urn, joinedOn: school.joinedTrustOn!, route: school.joinRoute! },
    });
  }
}
