import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { createOfstedImport } from '../../formats/ofsted/ofsted-mi';
import type { ParsedInspection } from '../../formats/ofsted/inspections';
import { inspectionFacts } from '../../inspections/inspection.entity';
import { InspectionsService } from '../../inspections/inspections.service';
import { RiskService } from '../../risk/risk.service';
import { School } from '../../schools/school.entity';
import { Importer, importInBatches, ImportRun } from './importer';

/**
 * Ofsted management information (legacy OEIF, report-card and most-recent layouts): adds the inspections
 * of schools in the register by URN, once each, and re-derives their risk.
 */
@Injectable()
export class OfstedImporter implements Importer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inspections: InspectionsService,
    private readonly risk: RiskService,
  ) {}

  async run(run: ImportRun): Promise<void> {
    await importInBatches(
      run,
      this.dataSource,
      createOfstedImport(),
      (inspections) => [...inspections],
      (m, rows) => this.applyBatch(m, run.job, run.trust.id, rows),
    );
  }

  private async applyBatch(m: EntityManager, job: ImportRun['job'], trustId: string, rows: ParsedInspection[]) {
    const schools = new Map(
      (
        await m.find(School, {
          where: { trustId, urn: In([...new Set(rows.map((r) => r.urn))]) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      ).map((s) => [s.urn, s]),
    );
    const touched = new Set<School>();
    for (const inspection of rows) {
      const school = schools.get(inspection.urn);
      if (!school || (job.scope === 'trust' && school.membership !== 'member')) {
        job.skipped++;
        continue;
      }
      const { outcome } = await this.inspections.add(m, school, { ...inspectionFacts(inspection), source: `import:${job.id}` }, 'correct');
      if (outcome === 'unchanged') job.unchanged++;
      else {
        if (outcome === 'added') job.created++;
        else job.updated++;
        touched.add(school);
      }
    }
    if (touched.size === 0) return;
    const { rules } = await this.risk.rules(trustId, m); // once for the batch, not once per school
    for (const school of touched) await this.risk.rederive(m, school, rules);
  }
}
