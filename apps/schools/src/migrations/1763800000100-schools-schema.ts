import { MigrationInterface, QueryRunner } from 'typeorm';

export class SchoolsSchema1763800000100 implements MigrationInterface {
  name = 'SchoolsSchema1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trusts (
        id uuid PRIMARY KEY,
        group_uid text UNIQUE,
        name text NOT NULL,
        companies_house_number text,
        group_type text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE schools (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL REFERENCES trusts(id),
        urn integer NOT NULL,
        name text NOT NULL,
        phase text NOT NULL,
        establishment_type text,
        status text,
        local_authority_code text,
        local_authority text,
        street text,
        town text,
        postcode text,
        easting integer,
        northing integer,
        pupils_on_roll integer,
        capacity integer,
        low_age integer,
        high_age integer,
        membership text NOT NULL,
        joined_trust_on date,
        left_trust_on date,
        join_route text,
        leadership_model text,
        predecessor_urn integer,
        opened_on date,
        closed_on date,
        gias_group_uid text,
        risk_level text,
        risk_reasons jsonb NOT NULL DEFAULT '[]',
        risk_evaluated_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trust_id, urn)
      )`);
    await q.query(`CREATE INDEX schools_trust_phase ON schools (trust_id, phase)`);
    await q.query(`CREATE INDEX schools_trust_risk ON schools (trust_id, risk_level)`);
    await q.query(`CREATE INDEX schools_trust_la ON schools (trust_id, local_authority_code)`);
    await q.query(`
      CREATE TABLE inspections (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL REFERENCES trusts(id),
        school_id uuid NOT NULL REFERENCES schools(id),
        urn integer NOT NULL,
        framework text NOT NULL,
        inspection_number text,
        inspection_type text,
        start_date date NOT NULL,
        publication_date date,
        overall_effectiveness smallint,
        category_of_concern text,
        safeguarding text,
        judgements jsonb NOT NULL DEFAULT '[]',
        source text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The same inspection imported twice is one inspection.
    await q.query(
      `CREATE UNIQUE INDEX inspections_identity ON inspections (trust_id, urn, framework, start_date, coalesce(inspection_number, ''))`,
    );
    await q.query(`CREATE INDEX inspections_school ON inspections (school_id, start_date DESC)`);
    await q.query(`
      CREATE TABLE measures (
        trust_id uuid NOT NULL REFERENCES trusts(id),
        school_id uuid NOT NULL REFERENCES schools(id),
        period text NOT NULL,
        name text NOT NULL,
        value double precision NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_id, period, name)
      )`);
    await q.query(`
      CREATE TABLE risk_rules (
        trust_id uuid PRIMARY KEY REFERENCES trusts(id),
        rules jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE import_jobs (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL REFERENCES trusts(id),
        kind text NOT NULL,
        scope text NOT NULL,
        file_name text,
        status text NOT NULL,
        total_bytes bigint NOT NULL DEFAULT 0,
        processed_bytes bigint NOT NULL DEFAULT 0,
        rows_read integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        skipped integer NOT NULL DEFAULT 0,
        error_count integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        message text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX import_jobs_trust ON import_jobs (trust_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['import_jobs', 'risk_rules', 'measures', 'inspections', 'schools', 'trusts']) await q.query(`DROP TABLE ${t}`);
  }
}
