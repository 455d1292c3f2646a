import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { invalidField, MEASURE_NAMES, ServiceOutbox, writeToTrustPart } from '@trustwide/common';
import type { MeasureName } from '@trustwide/common';
import { RiskService } from '../risk/risk.service';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { RecordMeasuresDto } from './dto/record-measures.dto';
import type { RecordMeasuresResponseDto } from './dto/measure.response';

@Injectable()
export class MeasuresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly schools: SchoolsService,
    private readonly risk: RiskService,
  ) {}

  async record(trustId: string, urn: number, dto: RecordMeasuresDto): Promise<RecordMeasuresResponseDto> {
    const values = MEASURE_NAMES.filter((n) => dto.values[n] !== undefined && dto.values[n] !== null).map((name) => ({
      name,
      value: dto.values[name]!,
    }));
    if (values.length === 0) {
      throw invalidField('values', 'give at least one measure');
    }
    // A measure's write decides about its school alone (and the successors it locks after it): it runs beside
    // the trust's other schools' writes, under the trust's lock shared (see writeToTrustPart).
    return writeToTrustPart(this.dataSource, trustId, `school:${urn}`, async (m) => {
      const school = await this.schools.find(m, trustId, urn, true);
      const changed = await this.add(m, school, dto.period, values);
      if (changed.length > 0) await this.risk.rederive(m, school);
      return { urn, period: dto.period, changed, unchanged: values.length - changed.length };
    });
  }

  /** Writes the values that differ from what is stored for that period and announces only those. */
  async add(m: EntityManager, school: School, period: string, values: { name: MeasureName; value: number }[]) {
    // One statement: the given values that differ from the stored ones are written and come back.
    const written: { name: MeasureName }[] = await m.query(
      `INSERT INTO measures (trust_id, school_id, period, name, value)
       SELECT $1, $2, $3, v.name, v.value FROM unnest($4::text[], $5::float8[]) AS v(name, value)
        WHERE NOT EXISTS (SELECT 1 FROM measures x WHERE x.school_id = $2 AND x.period = $3 AND x.name = v.name AND x.value = v.value)
       ON CONFLICT (school_id, period, name) DO UPDATE SET value = EXCLUDED.value, recorded_at = now()
       RETURNING name`,
      [school.trustId, school.id, period, values.map((c) => c.name), values.map((c) => c.value)],
    );
    const names = new Set(written.map((w) => w.name));
    const changed = values.filter((v) => names.has(v.name)); // in the order given, as announced before
    if (changed.length === 0) return [];
    await this.outbox.record(m, 'schools.measures.recorded', {
      trustId: school.trustId,
      aggregateId: school.id,
      data: { schoolId: school.id, urn: school.urn, period, measures: changed },
    });
    return changed;
  }
}
