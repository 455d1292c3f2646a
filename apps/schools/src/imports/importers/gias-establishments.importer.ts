import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ServiceOutbox, todayInEngland as today } from '@trustwide/common';
import type { OutboxItem } from '@trustwide/common';
import { giasEstablishmentsImport } from '../../formats/gias/establishments';
import type { GiasEstablishment } from '../../formats/gias/establishments';
import { changedFields, newSchool, ProfileValues, toProfile } from '../../schools/school-profile';
import { writeSchools } from '../../schools/school-bulk-write';
import { School } from '../../schools/school.entity';
import { Importer, importInBatches, ImportRun } from './importer';

/** The profile fields GIAS is the source of; the trust's own (leadership model, predecessor) are left alone. */
function giasProfile(e: GiasEstablishment): Partial<ProfileValues> {
  return {
    name: e.name,
    phase: e.phase,
    establishmentType: e.establishmentType,
    status: e.status,
    localAuthorityCode: e.localAuthorityCode,
    localAuthority: e.localAuthority,
    street: e.street,
    town: e.town,
    postcode: e.postcode,
    easting: e.easting,
    northing: e.northing,
    pupilsOnRoll: e.pupilsOnRoll,
    capacity: e.capacity,
    lowAge: e.lowAge,
    highAge: e.highAge,
    openedOn: e.openedOn,
    closedOn: e.closedOn,
  };
}

/**
 * GIAS establishments: registers new schools, updates only what changed, and follows trust membership
 * from "Trusts (code)". Importing the same file twice writes and announces nothing.
 */
@Injectable()
export class GiasEstablishmentsImporter implements Importer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  async run(run: ImportRun): Promise<void> {
    const { job, trust } = run;
    const seen = new Set<number>();
    // Schools GIAS last put in this trust: a trust-scoped import must still see them to notice they left.
    const giasMembers = new Set<number>(
      trust.groupUid === null
        ? []
        : (await this.dataSource.query(`SELECT urn FROM schools WHERE trust_id = $1 AND gias_group_uid = $2`, [trust.id, trust.groupUid])).map(
            (r: { urn: number }) => r.urn,
          ),
    );
    await importInBatches(
      run,
      this.dataSource,
      giasEstablishmentsImport,
      (e, line, errors) => {
        if (job.scope === 'trust' && e.trustGroupUid !== trust.groupUid && !giasMembers.has(e.urn)) {
          job.skipped++;
          return [];
        }
        if (seen.has(e.urn)) {
          errors.push({ line, urn: e.urn, reason: `URN ${e.urn} appears more than once in the file; the first row was kept` });
          return [];
        }
        seen.add(e.urn);
        return [e];
      },
      (m, rows) => this.applyBatch(m, job, trust.id, trust.groupUid, rows),
    );
  }

  private async applyBatch(m: EntityManager, job: ImportRun['job'], trustId: string, groupUid: string | null, rows: GiasEstablishment[]) {
    const existing = new Map(
      (await m.find(School, { where: { trustId, urn: In(rows.map((r) => r.urn)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })).map((s) => [
        s.urn,
        s,
      ]),
    );
    const inserts: School[] = [];
    const updates: School[] = [];
    const quiet: School[] = [];
    const events: OutboxItem[] = [];
    for (const e of rows) {
      const isMember = groupUid !== null && e.trustGroupUid === groupUid;
      const current = existing.get(e.urn);
      if (!current) {
        const school = newSchool(trustId, e.urn, {
          ...giasProfile(e),
          name: e.name,
          phase: e.phase,
          membership: isMember ? 'member' : 'not-member',
          joinedTrustOn: isMember ? (e.openedOn ?? today()) : null,
          joinRoute: isMember ? (e.joinRoute ?? 'other') : null,
          giasGroupUid: e.trustGroupUid,
        });
        inserts.push(school);
        events.push({ type: 'schools.school.registered', trustId, aggregateId: school.id, data: { school: toProfile(school) } });
        if (isMember) {
          events.push({
            type: 'schools.school.joined-trust',
            trustId,
            aggregateId: school.id,
            data: { schoolId: school.id, urn: school.urn, joinedOn: school.joinedTrustOn!, route: school.joinRoute! },
          });
        }
        continue;
      }
      const next = giasProfile(e);
      const fields = changedFields(current, next);
      for (const f of fields) (current as unknown as Record<string, unknown>)[f] = next[f] ?? null;
      const wasGiasMember = groupUid !== null && current.giasGroupUid === groupUid;
      const membershipEvents: OutboxItem[] = [];
      // Membership follows GIAS only when GIAS changes its mind: a leave or join made in Trustwide stands
      // until the register says something new.
      if (isMember && !wasGiasMember && current.membership !== 'member') {
        Object.assign(current, { membership: 'member', joinedTrustOn: today(), leftTrustOn: null, joinRoute: e.joinRoute ?? 'transfer' }); // the links file's Joined date corrects the date
        membershipEvents.push({
          type: 'schools.school.joined-trust',
          trustId,
          aggregateId: current.id,
          data: { schoolId: current.id, urn: current.urn, joinedOn: current.joinedTrustOn!, route: current.joinRoute! },
        });
      } else if (!isMember && wasGiasMember && current.membership === 'member') {
        // GIAS moved the school out of the trust: it left (on the day the new file says so).
        Object.assign(current, { membership: 'former-member', leftTrustOn: today() });
        membershipEvents.push({
          type: 'schools.school.left-trust',
          trustId,
          aggregateId: current.id,
          data: { schoolId: current.id, urn: current.urn, leftOn: current.leftTrustOn!, reason: `GIAS lists it under ${e.trustName ?? 'no trust'}` },
        });
      }
      const giasTrustChanged = current.giasGroupUid !== e.trustGroupUid;
      current.giasGroupUid = e.trustGroupUid;
      if (fields.length === 0 && membershipEvents.length === 0) {
        if (giasTrustChanged) quiet.push(current); // bookkeeping only: nothing to announce
        job.unchanged++;
        continue;
      }
      current.version++;
      updates.push(current);
      if (fields.length > 0) {
        events.push({ type: 'schools.school.updated', trustId, aggregateId: current.id, data: { school: toProfile(current), changedFields: fields } });
      }
      events.push(...membershipEvents);
    }
    await writeSchools(m, [...inserts, ...updates, ...quiet]);
    await this.outbox.recordMany(m, events);
    job.created += inserts.length;
    job.updated += updates.length;
  }
}
