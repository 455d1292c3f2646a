import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchoolDirectoryEntry } from './school-directory.entity';

/** A school as the directory knows it (what a service reads; the entity stays inside). */
export interface DirectorySchool {
  trustId: string;
  schoolId: string;
  urn: number;
  name: string;
  phase: string;
  membership: string;
  joinedTrustOn: string | null;
  leftTrustOn: string | null;
  leadershipModel: string | null;
  location: { easting: number | null; northing: number | null; localAuthorityCode: string | null; localAuthority: string | null };
  risk: { level: string | null; reasons: string[] };
}

export const toDirectorySchool = (e: SchoolDirectoryEntry): DirectorySchool => ({
  trustId: e.trustId,
  schoolId: e.schoolId,
  urn: e.urn,
  name: e.name,
  phase: e.phase,
  membership: e.membership,
  joinedTrustOn: e.joinedTrustOn,
  leftTrustOn: e.leftTrustOn,
  leadershipModel: e.leadershipModel,
  location: { easting: e.easting, northing: e.northing, localAuthorityCode: e.localAuthorityCode, localAuthority: e.localAuthority },
  risk: { level: e.riskLevel, reasons: e.riskReasons },
});

/** What a service asks its school directory: a trust's schools, one school. No call to the schools service. */
@Injectable()
export class SchoolDirectory {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(SchoolDirectoryEntry);
  }

  /** The schools on a trust's register (members by default; `membership: 'any'` for all), by name. */
  async schoolsOfTrust(
    trustId: string,
    { membership = 'member' }: { membership?: 'member' | 'former-member' | 'not-member' | 'any' } = {},
  ): Promise<DirectorySchool[]> {
    const rows = await this.repo.find({
      where: membership === 'any' ? { trustId } : { trustId, membership },
      order: { name: 'ASC', urn: 'ASC' },
    });
    return rows.map(toDirectorySchool);
  }

  async get(trustId: string, schoolId: string): Promise<DirectorySchool | null> {
    const row = await this.repo.findOneBy({ trustId, schoolId });
    return row ? toDirectorySchool(row) : null;
  }

  async byUrn(trustId: string, urn: number): Promise<DirectorySchool | null> {
    const row = await this.repo.findOneBy({ trustId, urn });
    return row ? toDirectorySchool(row) : null;
  }
}
