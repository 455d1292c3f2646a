import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, invalidInput, ServiceOutbox, writeToTrust } from '@trustwide/common';
import { RiskService } from '../risk/risk.service';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { frameworkProblems, RecordInspectionDto } from './dto/record-inspection.dto';
import { Inspection, inspectionFacts } from './inspection.entity';

export type NewInspection = Omit<Inspection, 'id' | 'trustId' | 'schoolId' | 'urn' | 'recordedAt'>;

@Injectable()
export class InspectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly schools: SchoolsService,
    private readonly risk: RiskService,
  ) {}

  async record(trustId: string, urn: number, dto: RecordInspectionDto): Promise<Inspection> {
    const problems = frameworkProblems(dto);
    if (problems.length) throw invalidInput(problems);
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.schools.find(m, trustId, urn, true);
      const { outcome, inspection } = await this.add(m, school, {
        framework: dto.framework,
        inspectionNumber: dto.inspectionNumber ?? null,
        inspectionType: dto.inspectionType ?? null,
        startDate: dto.startDate,
        publicationDate: dto.publicationDate ?? null,
        overallEffectiveness: dto.overallEffectiveness ?? null,
        categoryOfConcern: dto.categoryOfConcern ?? null,
        safeguarding: dto.safeguarding ?? null,
        judgements: (dto.judgements ?? []).map((j) => ({ area: j.area, grade: j.grade })),
        source: 'api',
      });
      if (outcome === 'unchanged')
        throw conflict('startDate', `this inspection of school ${urn} (${dto.framework}, ${dto.startDate}) is already recorded`);
      await this.risk.rederive(m, school);
      return inspection;
    });
  }

  /**
   * Stores an inspection of a locked school and announces it. The same inspection again is `unchanged`
   * (imports call this for every row, so a re-import changes nothing); with `correct`, one whose details
   * differ (a publication date filled in, a grade amended) is updated and announced again under its
   * inspectionId. The caller re-derives risk.
   */
  async add(
    m: EntityManager,
    school: School,
    data: NewInspection,
    existing: 'ignore' | 'correct' = 'ignore',
  ): Promise<{ outcome: 'added' | 'corrected' | 'unchanged'; inspection: Inspection }> {
    let inspection: Inspection = {
      ...data,
      id: randomUUID(),
      trustId: school.trustId,
      schoolId: school.id,
      urn: school.urn,
      recordedAt: new Date(),
    };
    const onConflict =
      existing === 'ignore'
        ? 'DO NOTHING'
        : `DO UPDATE SET inspection_type = EXCLUDED.inspection_type, publication_date = EXCLUDED.publication_date,
             overall_effectiveness = EXCLUDED.overall_effectiveness, category_of_concern = EXCLUDED.category_of_concern,
             safeguarding = EXCLUDED.safeguarding, judgements = EXCLUDED.judgements, source = EXCLUDED.source, recorded_at = now()
           WHERE (inspections.inspection_type, inspections.publication_date, inspections.overall_effectiveness,
                  inspections.category_of_concern, inspections.safeguarding, inspections.judgements)
             IS DISTINCT FROM (EXCLUDED.inspection_type, EXCLUDED.publication_date, EXCLUDED.overall_effectiveness,
                  EXCLUDED.category_of_concern, EXCLUDED.safeguarding, EXCLUDED.judgements)`;
    const written: { id: string; added: boolean; recordedAt: Date }[] = await m.query(
      `INSERT INTO inspections (id, trust_id, school_id, urn, framework, inspection_number, inspection_type, start_date, publication_date,
         overall_effectiveness, category_of_concern, safeguarding, judgements, source)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14)
       ON CONFLICT (trust_id, urn, framework, start_date, coalesce(inspection_number, '')) ${onConflict}
       RETURNING id, (xmax = 0) AS added, recorded_at AS "recordedAt"`,
      [
        inspection.id,
        inspection.trustId,
        inspection.schoolId,
        inspection.urn,
        inspection.framework,
        inspection.inspectionNumber,
        inspection.inspectionType,
        inspection.startDate,
        inspection.publicationDate,
        inspection.overallEffectiveness,
        inspection.categoryOfConcern,
        inspection.safeguarding,
        JSON.stringify(inspection.judgements),
        inspection.source,
      ],
    );
    if (written.length === 0) return { outcome: 'unchanged', inspection };
    inspection = { ...inspection, id: written[0].id, recordedAt: written[0].recordedAt };
    await this.outbox.record(m, 'schools.inspection.recorded', {
      trustId: school.trustId,
      aggregateId: school.id,
      data: {
        inspectionId: inspection.id,
        schoolId: school.id,
        urn: school.urn,
        ...inspectionFacts(inspection),
      },
    });
    return { outcome: written[0].added ? 'added' : 'corrected', inspection };
  }
}
