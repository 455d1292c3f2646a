import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ServiceOutbox, todayInEngland as today } from '@trustwide/common';
import { giasEstablishmentsImport } from '../../formats/gias/establishments';
import type { GiasEstablishment } from '../../formats/gias/establishments';
import { giasMembershipChange } from '../../schools/membership';
import { SchoolChanges } from '../../schools/school-changes';
import { newSchool, type ProfileValues } from '../../schools/school-profile';
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
    const listed: { urn: number }[] =
      trust.groupUid === null
        ? []
        : await this.dataSource.query(`SELECT urn FROM schools WHERE trust_id = $1 AND gias_group_uid = $2`, [trust.id, trust.groupUid]);
    const giasMembers = new Set(listed.map((r) => r.urn));
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
      (
        await m.find(School, {
          where: { trustId, urn: In(rows.map((r) => r.urn)) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      ).map((s) => [s.urn, s]),
    );
    const changes = new SchoolChanges();
    for (const e of rows) {
      const listedInTrust = groupUid !== null && e.trustGroupUid === groupUid;
      const current = existing.get(e.urn);
      if (!current) {
        changes.register(
          newSchool(trustId, e.urn, {
            ...giasProfile(e),
            name: e.name,
            phase: e.phase,
            membership: listedInTrust ? 'member' : 'not-member',
            joinedTrustOn: listedInTrust ? (e.openedOn ?? today()) : null,
            joinRoute: listedInTrust ? (e.joinRoute ?? 'other') : null,
            giasGroupUid: e.trustGroupUid,
          }),
        );
        continue;
      }
      const fields = changes.update(current, giasProfile(e));
      const membership = giasMembershipChange(current, {
        listedInTrust,
        listedInTrustBefore: groupUid !== null && current.giasGroupUid === groupUid,
      });
      // The links file's Joined date corrects the date; GIAS moved a school out on the day the new file says so.
      if (membership === 'join') changes.join(current, { joinedOn: today(), route: e.joinRoute ?? 'transfer' });
      else if (membership === 'leave')
        changes.leave(current, { leftOn: today(), reason: `GIAS lists it under ${e.trustName ?? 'no trust'}` });
      if (fields.length === 0 && membership === null) {
        job.unchanged++;
        if (current.giasGroupUid !== e.trustGroupUid) changes.keep(current); // bookkeeping only: nothing to announce
      }
      current.giasGroupUid = e.trustGroupUid;
    }
    await changes.write(m, this.outbox);
    job.created += changes.created;
    job.updated += changes.updated;
  }
}
