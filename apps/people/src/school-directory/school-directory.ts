import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SchoolDirectoryEntry } from '@trustwide/common';
import type { LatestInspection } from '../designations/inspection-standing';
import { SchoolInspectionRow } from './school-inspection.entity';

/** A school as people's use cases need it. */
export interface KnownSchool {
  schoolId: string;
  urn: number;
  name: string;
  /** member | former-member | not-member */
  membership: string;
}

/**
 * The port through which people asks "is this a school of the trust?", finds a school by URN (the
 * staff import) and reads a school's latest inspection. Injected by this abstract class, so the use
 * cases do not depend on where the answers come from.
 */
export abstract class SchoolDirectory {
  abstract isSchoolOfTrust(trustId: string, schoolId: string, manager?: EntityManager): Promise<boolean>;
  abstract byUrn(trustId: string, urn: number, manager?: EntityManager): Promise<KnownSchool | null>;
  abstract latestInspection(trustId: string, schoolId: string, manager?: EntityManager): Promise<LatestInspection | null>;
}

/**
 * The port over the shared school directory (`school_directory`, kept by `SchoolDirectoryModule`'s
 * consumer from the schools service's events) and people's own `school_inspections`. Reads go
 * through the caller's transaction when given one.
 */
@Injectable()
export class DirectorySchools extends SchoolDirectory {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async isSchoolOfTrust(trustId: string, schoolId: string, manager = this.dataSource.manager): Promise<boolean> {
    return (await manager.findOneBy(SchoolDirectoryEntry, { trustId, schoolId: schoolId.toLowerCase(), membership: 'member' })) !== null;
  }

  async byUrn(trustId: string, urn: number, manager = this.dataSource.manager): Promise<KnownSchool | null> {
    const row = await manager.findOneBy(SchoolDirectoryEntry, { trustId, urn });
    return row && { schoolId: row.schoolId, urn: row.urn, name: row.name, membership: row.membership };
  }

  async latestInspection(trustId: string, schoolId: string, manager = this.dataSource.manager): Promise<LatestInspection | null> {
    const row = await manager.findOne(SchoolInspectionRow, {
      where: { trustId, schoolId: schoolId.toLowerCase() },
      order: { startDate: 'DESC', asOf: 'DESC' },
    });
    return row?.inspection ?? null;
  }
}
