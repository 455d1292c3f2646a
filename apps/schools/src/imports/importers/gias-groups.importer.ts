import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ServiceOutbox } from '@trustwide/common';
import type { OutboxItem } from '@trustwide/common';
import { companiesHouseNumberKey } from '../../formats/gias/codes';
import { giasGroupLinksImport, giasGroupsImport } from '../../formats/gias/groups';
import type { GiasGroupLink } from '../../formats/gias/groups';
import { toProfile } from '../../schools/school-profile';
import { School } from '../../schools/school.entity';
import { normaliseCompanyNumber, Trust, trustProfile } from '../../trusts/trust.entity';
import type { ImportError } from '../import-job.entity';
import { Importer, importInBatches, ImportRun } from './importer';

/**
 * GIAS groups file: updates the trust's own details (name, Companies House number, group type). A trust
 * registered without its group UID is found by its Companies House number and gets the UID. Other
 * groups are not tenants here and are skipped.
 */
@Injectable()
export class GiasGroupsImporter implements Importer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  async run(run: ImportRun): Promise<void> {
    const { job, trust } = run;
    await importInBatches(
      run,
      this.dataSource,
      giasGroupsImport,
      (g, line) => {
        const ours =
          (trust.groupUid !== null && g.groupUid === trust.groupUid) ||
          (trust.groupUid === null && trust.companiesHouseNumber !== null && companiesHouseNumberKey(g.companiesHouseNumber) === companiesHouseNumberKey(trust.companiesHouseNumber));
        if (ours) return [{ line, group: g }];
        job.skipped++;
        return [];
      },
      async (m, rows, errors) => {
        const current = await m.findOneOrFail(Trust, { where: { id: trust.id }, lock: { mode: 'pessimistic_write' } });
        for (const { line, group: g } of rows) {
          const next = {
            groupUid: g.groupUid,
            name: g.name,
            companiesHouseNumber: normaliseCompanyNumber(g.companiesHouseNumber) ?? current.companiesHouseNumber,
            groupType: g.groupType ?? current.groupType,
          };
          const changed = (['groupUid', 'name', 'companiesHouseNumber', 'groupType'] as const).filter((f) => next[f] !== current[f]);
          if (changed.length === 0) {
            job.unchanged++;
            continue;
          }
          const taken = next.groupUid !== current.groupUid ? await m.findOneBy(Trust, { groupUid: next.groupUid }) : null;
          if (taken) {
            errors.push({ line, groupUid: g.groupUid, reason: `group UID ${g.groupUid} belongs to another registered trust (${taken.name})` });
            continue;
          }
          Object.assign(current, next);
          await m.save(Trust, current);
          Object.assign(trust, next);
          await this.outbox.record(m, 'schools.trust.updated', { trustId: trust.id, aggregateId: trust.id, data: { ...trustProfile(current), changedFields: changed } });
          job.updated++;
        }
      },
    );
  }
}

/**
 * GIAS group links: which schools belong to the trust and since when. Sets the join date of schools
 * in the register (and their membership); links to schools not yet registered are skipped with a note.
 */
@Injectable()
export class GiasLinksImporter implements Importer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  async run(run: ImportRun): Promise<void> {
    const { job, trust } = run;
    await importInBatches(
      run,
      this.dataSource,
      giasGroupLinksImport,
      (link, line) => {
        if (trust.groupUid !== null && link.groupUid === trust.groupUid) return [{ line, link }];
        job.skipped++;
        return [];
      },
      (m, rows, errors) => this.applyBatch(m, job, trust.id, rows, errors),
    );
  }

  private async applyBatch(
    m: EntityManager,
    job: ImportRun['job'],
    trustId: string,
    rows: { line: number; link: GiasGroupLink }[],
    errors: ImportError[],
  ) {
    const schools = new Map(
      (await m.find(School, { where: { trustId, urn: In(rows.map((r) => r.link.urn)) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } })).map(
        (s) => [s.urn, s],
      ),
    );
    const events: OutboxItem[] = [];
    for (const { line, link } of rows) {
      const school = schools.get(link.urn);
      if (!school) {
        job.skipped++;
        errors.push({ line, urn: link.urn, reason: `school ${link.urn} is not in the register: import the GIAS establishments file first` });
        continue;
      }
      const joinedOn = link.joinedOn ?? school.joinedTrustOn;
      if (school.membership === 'member' && school.joinedTrustOn === joinedOn) {
        job.unchanged++;
        continue;
      }
      const wasMember = school.membership === 'member';
      const before = school.joinedTrustOn;
      Object.assign(school, { membership: 'member', joinedTrustOn: joinedOn, leftTrustOn: null, joinRoute: school.joinRoute ?? 'other', version: school.version + 1 });
      await m.save(School, school);
      if (wasMember) {
        if (before !== joinedOn) {
          events.push({ type: 'schools.school.updated', trustId, aggregateId: school.id, data: { school: toProfile(school), changedFields: ['joinedTrustOn'] } });
        }
      } else {
        events.push({
          type: 'schools.school.joined-trust',
          trustId,
          aggregateId: school.id,
          data: { schoolId: school.id, urn: school.urn, joinedOn: school.joinedTrustOn!, route: school.joinRoute! },
        });
      }
      job.updated++;
    }
    await this.outbox.recordMany(m, events);
  }
}
