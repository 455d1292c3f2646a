import { ConflictException, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { invalidInput, ServiceOutbox } from '@trustwide/common';
import { RiskService } from '../risk/risk.service';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { frameworkProblems, RecordInspectionDto } from './dto/record-inspection.dto';
import { Inspection } from './inspection.entity';

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
    return this.dataSource.transaction(async (m) => {
      const school = await this.schools.find(m, trustId, urn, true);
      const inspection = await this.add(m, school, {
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
      if (!inspection) throw new ConflictException(`this inspection of school ${urn} (${dto.framework}, ${dto.startDate}) is already recorded`);
      await this.risk.rederive(m, school);
      return inspection;
    });
  }

  /**
   * Stores an inspection of a locked school and announces it; null when the same inspection is already
   * there (imports call this for every row, so a re-import changes nothing). The caller re-derives risk.
   */
  async add(m: EntityManager, school: School, data: NewInspection): Promise<Inspection | null> {
    const inspection: Inspection = { ...data, id: randomUUID(), trustId: school.trustId, schoolId: school.id, urn: school.urn, recordedAt: new Date() };
    const inserted = await m.query(
      `INSERT INTO inspections (id, trust_id, school_id, urn, framework, inspection_number, inspection_type, start_date, publication_date,
         overall_effectiveness, category_of_concern, safeguarding, judgements, source)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::jsonb,$14)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        inspection.id, inspection.trustId, inspection.schoolId, inspection.urn, inspection.framework, inspection.inspectionNumber,
        inspection.inspectionType, inspection.startDate, inspection.publicationDate, inspection.overallEffectiveness,
        inspection.categoryOfConcern, inspection.safeguarding, JSON.stringify(inspection.judgements), inspection.source,
      ],
    );
    if (inserted.length === 0) return null;
    await this.outbox.record(m, 'schools.inspection.recorded', {
      trustId: school.trustId,
      aggregateId: school.id,
      data: {
        inspectionId: inspection.id,
        schoolId: school.id,
        urn: school.urn,
        framework: inspection.framework,
        inspectionNumber: inspection.inspectionNumber,
        inspectionType: inspection.inspectionType,
        startDate: inspection.startDate,
        publicationDate: inspection.publicationDate,
        overallEffectiveness: inspection.overallEffectiveness,
        categoryOfConcern: inspection.categoryOfConcern,
        safeguarding: inspection.safeguarding,
        judgements: inspection.judgements,
      },
    });
    return inspection;
  }
}
