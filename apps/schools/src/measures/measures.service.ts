import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { invalidField, MEASURE_NAMES, ServiceOutbox, writeToTrust } from '@trustwide/common';
import type { MeasureName } from '@trustwide/common';
import { RiskService } from '../risk/risk.service';
import { School } from '../schools/school.entity';
import { SchoolsService } from '../schools/schools.service';
import { RecordMeasuresDto } from './dto/record-measures.dto';
import type { RecordMeasuresResponseDto } from './dto/measure.response';
import { Measure } from './measure.entity';

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
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const school = await this.schools.find(m, trustId, urn, true);
      const changed = await this.add(m, school, dto.period, values);
      if (changed.length > 0) await this.risk.rederive(m, school);
      return { urn, period: dto.period, changed, unchanged: values.length - changed.length };
    });
  }

  /** Writes the values that differ from what is stored for that period and announces only those. */
  async add(m: EntityManager, school: School, period: string, values: { name: MeasureName; value: number }[]) {
    const stored = await m.find(Measure, { where: { schoolId: school.id, period } });
    const current = new Map(stored.map((s) => [s.name, s.value]));
    const changed = values.filter((v) => current.get(v.name) !== v.value);
    if (changed.length === 0) return [];
    await m.query(
      `INSERT INTO measures (trust_id, school_id, period, name, value)
       SELECT $1, $2, $3, v.name, v.value FROM unnest($4::text[], $5::float8[]) AS v(name, value)
       ON CONFLICT (school_id, period, name) DO UPDATE SET value = EXCLUDED.value, recorded_at = now()`,
      [school.trustId, school.id, period, changed.map((c) => c.name), changed.map((c) => c.value)],
    );
    await this.outbox.record(m, 'schools.measures.recorded', {
      trustId: school.trustId,
      aggregateId: school.id,
      data: { schoolId: school.id, urn: school.urn, period, measures: changed },
    });
    return changed;
  }
}
