import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ServiceOutbox, todayInEngland as today } from '@trustwide/common';
import { companiesHouseNumberKey } from '../../formats/gias/codes';
import { giasGroupLinksImport, giasGroupsImport } from '../../formats/gias/groups';
import type { GiasGroupLink } from '../../formats/gias/groups';
import { SchoolChanges } from '../../schools/school-changes';
import { School } from '../../schools/school.entity';
import { normaliseCompanyNumber } from '../../trusts/trust.entity';
import { TrustsService } from '../../trusts/trusts.service';
import type { CsvRowError } from '@trustwide/common';
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
    private readonly trusts: TrustsService,
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
          (trust.groupUid === null &&
            trust.companiesHouseNumber !== null &&
            companiesHouseNumberKey(g.companiesHouseNumber) === companiesHouseNumberKey(trust.companiesHouseNumber));
        if (ours) return [{ line, group: g }];
        job.skipped++;
        return [];
      },
      async (m, rows, errors) => {
        const current = await this.trusts.lock(m, trust.id);
        for (const { line, group: g } of rows) {
          const change = await this.trusts.change(m, current, {
            groupUid: g.groupUid,
            name: g.name,
            companiesHouseNumber: normaliseCompanyNumber(g.companiesHouseNumber) ?? current.companiesHouseNumber,
            groupType: g.groupType ?? current.groupType,
          });
          if ('taken' in change) {
            errors.push({
              line,
              groupUid: g.groupUid,
              reason: `group UID ${g.groupUid} belongs to another registered trust (${change.taken.name})`,
            });
            continue;
          }
          if (change.changed.length === 0) {
            job.unchanged++;
            continue;
          }
          Object.assign(trust, current);
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
    errors: CsvRowError[],
  ) {
    const schools = new Map(
      (
        await m.find(School, {
          where: { trustId, urn: In(rows.map((r) => r.link.urn)) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      ).map((s) => [s.urn, s]),
    );
    const changes = new SchoolChanges();
    for (const { line, link } of rows) {
      const school = schools.get(link.urn);
      if (!school) {
        job.skipped++;
        errors.push({
          line,
          urn: link.urn,
          reason: `school ${link.urn} is not in the register: import the GIAS establishments file first`,
        });
        continue;
      }
      // The register restates who is in the trust since when: a member's join date is corrected, any other school joins.
      const joinedOn = link.joinedOn ?? school.joinedTrustOn ?? today();
      if (school.membership === 'member') {
        if (changes.update(school, { joinedTrustOn: joinedOn }).length === 0) {
          job.unchanged++;
          continue;
        }
      } else changes.join(school, { joinedOn, route: school.joinRoute ?? 'other' });
      job.updated++;
    }
    await changes.write(m, this.outbox);
  }
}
