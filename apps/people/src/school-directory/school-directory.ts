import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LatestInspection } from '../designations/inspection-standing';
import { KnownSchool } from './known-school.entity';

/**
 * The port through which people asks "is this a school of the trust?" and reads a school's latest
 * inspection. Injected by this abstract class, so the backbone's school directory projection can
 * replace `KnownSchools` without touching the use cases.
 */
export abstract class SchoolDirectory {
  abstract isSchoolOfTrust(trustId: string, schoolId: string, manager?: EntityManager): Promise<boolean>;
  abstract latestInspection(trustId: string, schoolId: string, manager?: EntityManager): Promise<LatestInspection | null>;
}

export interface KnownSchoolFact {
  trustId: string;
  schoolId: string;
  urn?: number | null;
  /** true while the school is a member of the trust. */
  member: boolean;
}

/**
 * The directory on a small local table. `record` and `recordInspection` are what the future consumer
 * of `schools.school.registered` / `joined-trust` / `left-trust` and `schools.inspection.recorded`
 * calls, inside its own transaction; until then tests and the demo call them directly.
 */
@Injectable()
export class KnownSchools extends SchoolDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isSchoolOfTrust(trustId: string, schoolId: string, manager = this.dataSource.manager): Promise<boolean> {
    return (await manager.findOneBy(KnownSchool, { trustId, schoolId, member: true })) !== null;
  }

  async latestInspection(trustId: string, schoolId: string, manager = this.dataSource.manager): Promise<LatestInspection | null> {
    return (await manager.findOneBy(KnownSchool, { trustId, schoolId }))?.latestInspection ?? null;
  }

  /** Upserts what a schools event said about a school (membership); idempotent. */
  async record(manager: EntityManager, fact: KnownSchoolFact): Promise<void> {
    await manager.query(
      `INSERT INTO known_schools (trust_id, school_id, urn, member) VALUES ($1, $2, $3, $4)
       ON CONFLICT (trust_id, school_id) DO UPDATE SET urn = COALESCE(EXCLUDED.urn, known_schools.urn), member = EXCLUDED.member, updated_at = now()`,
      [fact.trustId, fact.schoolId.toLowerCase(), fact.urn ?? null, fact.member],
    );
  }

  /** Keeps the newest inspection of a school (an older or equal one announced late changes nothing). */
  async recordInspection(manager: EntityManager, trustId: string, schoolId: string, inspection: LatestInspection): Promise<void> {
    await manager.query(
      `INSERT INTO known_schools (trust_id, school_id, member, latest_inspection) VALUES ($1, $2, false, $3)
       ON CONFLICT (trust_id, school_id) DO UPDATE SET latest_inspection = EXCLUDED.latest_inspection, updated_at = now()
       WHERE known_schools.latest_inspection IS NULL OR known_schools.latest_inspection->>'startDate' <= EXCLUDED.latest_inspection->>'startDate'`,
      [trustId, schoolId.toLowerCase(), JSON.stringify(inspection)],
    );
  }
}
