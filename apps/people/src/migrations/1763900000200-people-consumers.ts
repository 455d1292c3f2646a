import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What people keeps from other services' events: the schools' inspections (the shared school
 * directory, with its own migration, replaces the interim `known_schools`), deployments per academic
 * year (an announcement carries days for several years), and qualifications the cpd service awarded.
 */
export class PeopleConsumers1763900000200 implements MigrationInterface {
  name = 'PeopleConsumers1763900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE known_schools`);
    await q.query(`
      CREATE TABLE school_inspections (
        inspection_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        school_id uuid NOT NULL,
        start_date date NOT NULL,
        inspection jsonb NOT NULL,
        as_of timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX school_inspections_latest ON school_inspections (trust_id, school_id, start_date DESC)`);
    await q.query(`ALTER TABLE deployments DROP CONSTRAINT deployments_pkey, ADD PRIMARY KEY (deployment_id, academic_year)`);
    await q.query(`
      CREATE TABLE staff_qualifications (
        enrolment_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL REFERENCES staff(id),
        programme_id uuid NOT NULL,
        programme_code text NOT NULL,
        qualification text NOT NULL,
        awarded_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX staff_qualifications_staff ON staff_qualifications (staff_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_qualifications`);
    await q.query(`ALTER TABLE deployments DROP CONSTRAINT deployments_pkey, ADD PRIMARY KEY (deployment_id)`);
    await q.query(`DROP TABLE school_inspections`);
    await q.query(`
      CREATE TABLE known_schools (
        trust_id uuid NOT NULL, school_id uuid NOT NULL, urn integer, member boolean NOT NULL, latest_inspection jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (trust_id, school_id)
      )`);
  }
}
