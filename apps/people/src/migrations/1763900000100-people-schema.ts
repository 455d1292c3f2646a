import { MigrationInterface, QueryRunner } from 'typeorm';

/** The people service's tables. Every row carries its trust; ids are uuids (PostgreSQL stores them canonical, lower case). */
export class PeopleSchema1763900000100 implements MigrationInterface {
  name = 'PeopleSchema1763900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE known_schools (
        trust_id uuid NOT NULL,
        school_id uuid NOT NULL,
        urn integer,
        member boolean NOT NULL,
        latest_inspection jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, school_id)
      )`);
    await q.query(`
      CREATE TABLE staff (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        first_name text,
        last_name text,
        work_email text,
        school_id uuid,
        status text NOT NULL CHECK (status IN ('employed', 'left', 'erased')),
        joined_on date NOT NULL,
        left_on date,
        erased_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_trust_email ON staff (trust_id, work_email) WHERE work_email IS NOT NULL`);
    await q.query(`CREATE INDEX staff_trust_school ON staff (trust_id, school_id)`);
    await q.query(`
      CREATE TABLE role_spells (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        role text NOT NULL,
        school_id uuid,
        started_on date NOT NULL,
        ended_on date,
        CHECK (ended_on IS NULL OR ended_on >= started_on)
      )`);
    await q.query(`CREATE INDEX role_spells_staff ON role_spells (staff_id)`);
    await q.query(`CREATE INDEX role_spells_trust_role ON role_spells (trust_id, role) WHERE ended_on IS NULL`);
    await q.query(`
      CREATE TABLE designations (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        type text NOT NULL,
        specialisms jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL,
        school_id uuid NOT NULL,
        term_starts_on date,
        term_ends_on date,
        release_days_per_year integer,
        renewal_flagged_for date,
        outcomes text,
        support_record text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live designation of a type per person: a second application races into a 409, not a duplicate.
    await q.query(
      `CREATE UNIQUE INDEX designations_one_live ON designations (staff_id, type) WHERE status IN ('applied', 'approved', 'active', 'suspended')`,
    );
    await q.query(`CREATE INDEX designations_trust_status ON designations (trust_id, status, type)`);
    await q.query(`CREATE INDEX designations_expiry ON designations (term_ends_on) WHERE status IN ('approved', 'active', 'suspended')`);
    await q.query(`
      CREATE TABLE designation_transitions (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        designation_id uuid NOT NULL REFERENCES designations(id),
        seq integer NOT NULL,
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        reason text NOT NULL,
        decided_by_kind text NOT NULL,
        decided_by text NOT NULL,
        decided_at timestamptz NOT NULL,
        effective_on date NOT NULL,
        UNIQUE (designation_id, seq)
      )`);
    await q.query(`
      CREATE TABLE release_commitments (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        designation_id uuid NOT NULL REFERENCES designations(id),
        school_id uuid NOT NULL,
        days_per_year integer NOT NULL,
        signed_by text NOT NULL,
        signed_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX release_commitments_designation ON release_commitments (designation_id)`);
    await q.query(`
      CREATE TABLE leader_capacity (
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        academic_year text NOT NULL,
        available_days integer NOT NULL,
        committed_days integer NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, staff_id, academic_year)
      )`);
    await q.query(`
      CREATE TABLE deployments (
        deployment_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        academic_year text NOT NULL,
        days integer NOT NULL CHECK (days >= 0),
        cancelled boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deployments_leader_year ON deployments (trust_id, staff_id, academic_year)`);
    await q.query(`
      CREATE TABLE skills_frameworks (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL UNIQUE,
        name text NOT NULL,
        source text NOT NULL,
        skills jsonb NOT NULL,
        importance jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE skills_assessments (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        framework_id uuid NOT NULL REFERENCES skills_frameworks(id),
        role text NOT NULL,
        aspiring boolean NOT NULL,
        assessed_on date NOT NULL,
        confidences jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX skills_assessments_staff ON skills_assessments (staff_id, role, assessed_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'skills_assessments',
      'skills_frameworks',
      'deployments',
      'leader_capacity',
      'release_commitments',
      'designation_transitions',
      'designations',
      'role_spells',
      'staff',
      'known_schools',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
