import { MigrationInterface, QueryRunner } from 'typeorm';

/** The school directory's table; an app that includes SchoolDirectoryModule lists this in its migrations. */
export class CreateSchoolDirectory1764000000000 implements MigrationInterface {
  name = 'CreateSchoolDirectory1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE school_directory (
      trust_id uuid NOT NULL,
      school_id uuid NOT NULL,
      urn int NOT NULL,
      name text NOT NULL,
      phase text NOT NULL,
      membership text NOT NULL,
      joined_trust_on date,
      left_trust_on date,
      leadership_model text,
      local_authority_code text,
      local_authority text,
      easting int,
      northing int,
      risk_level text,
      risk_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
      as_of timestamptz NOT NULL,
      PRIMARY KEY (trust_id, school_id)
    )`);
    await q.query(`CREATE INDEX school_directory_trust_urn ON school_directory (trust_id, urn)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE school_directory`);
  }
}
