import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The CPD service's own tables. Every row carries its trust; ids are PostgreSQL uuids (always
 * written lower-case). The database backs the domain's two hard promises: a cohort never holds more
 * enrolled than places is kept by locking the cohort row, and a person holds at most one live
 * enrolment per programme (partial unique index); a commission's committed spending can never
 * exceed its budget (CHECK), whatever the code does.
 */
export class CpdSchema1763800000500 implements MigrationInterface {
  name = 'CpdSchema1763800000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        code text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('npq', 'trust')),
        name text NOT NULL,
        provider text NOT NULL,
        funding_source text NOT NULL,
        cost_per_place_pence integer NOT NULL CHECK (cost_per_place_pence >= 0),
        skills jsonb NOT NULL,
        prerequisites jsonb NOT NULL DEFAULT '[]',
        length_months integer NOT NULL CHECK (length_months BETWEEN 1 AND 36),
        contact_days integer CHECK (contact_days >= 1),
        assessed boolean NOT NULL,
        awards_qualification boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('published', 'retired')),
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (trust_id, code)
      )`);
    await q.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        programme_id uuid NOT NULL REFERENCES programmes(id),
        places integer NOT NULL CHECK (places >= 1),
        sessions jsonb NOT NULL,
        first_session date NOT NULL,
        last_session date NOT NULL CHECK (last_session >= first_session),
        venue_school_id uuid,
        venue_name text,
        facilitator_ids uuid[] NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
        next_arrival integer NOT NULL DEFAULT 1,
        cancelled_on date,
        cancel_reason text,
        version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (venue_school_id IS NOT NULL OR venue_name IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX cohorts_trust_programme ON cohorts (trust_id, programme_id, first_session)`);
    await q.query(`
      CREATE TABLE commissions (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        programme_id uuid NOT NULL REFERENCES programmes(id),
        school_ids uuid[] NOT NULL CHECK (cardinality(school_ids) >= 1),
        budget_pence integer NOT NULL CHECK (budget_pence > 0),
        cost_per_place_pence integer NOT NULL CHECK (cost_per_place_pence >= 0),
        committed_pence integer NOT NULL DEFAULT 0 CHECK (committed_pence >= 0 AND committed_pence <= budget_pence),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commissions_trust_programme ON commissions (trust_id, programme_id)`);
    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        cohort_id uuid NOT NULL REFERENCES cohorts(id),
        programme_id uuid NOT NULL REFERENCES programmes(id),
        staff_id uuid NOT NULL,
        school_id uuid NOT NULL,
        commission_id uuid REFERENCES commissions(id),
        status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn', 'completed', 'passed', 'not-passed')),
        arrival integer NOT NULL,
        withdrawal_reason text CHECK (withdrawal_reason IN ('requested', 'left-trust', 'cohort-cancelled')),
        charged_pence integer NOT NULL DEFAULT 0 CHECK (charged_pence >= 0),
        changed_on date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cohort_id, arrival),
        CHECK ((status = 'withdrawn') = (withdrawal_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX enrolments_one_live_per_programme ON enrolments (trust_id, programme_id, staff_id) WHERE status IN ('enrolled', 'waitlisted')`,
    );
    await q.query(`CREATE INDEX enrolments_cohort_status ON enrolments (cohort_id, status, arrival)`);
    await q.query(`CREATE INDEX enrolments_trust_staff ON enrolments (trust_id, staff_id)`);
    await q.query(`
      CREATE TABLE commission_charges (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        commission_id uuid NOT NULL REFERENCES commissions(id),
        enrolment_id uuid REFERENCES enrolments(id),
        kind text NOT NULL CHECK (kind IN ('place', 'cost', 'refund')),
        amount_pence integer NOT NULL CHECK ((kind = 'refund') = (amount_pence < 0)),
        description text NOT NULL,
        charged_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX commission_charges_commission ON commission_charges (commission_id, charged_at)`);
    await q.query(`
      CREATE TABLE feedback (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolments(id),
        cohort_id uuid NOT NULL REFERENCES cohorts(id),
        ratings jsonb NOT NULL,
        would_recommend boolean NOT NULL,
        given_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE evaluations (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        programme_id uuid NOT NULL REFERENCES programmes(id),
        cohort_id uuid REFERENCES cohorts(id),
        measure text NOT NULL,
        before_period text NOT NULL,
        after_period text NOT NULL,
        result jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE school_measures (
        school_id uuid NOT NULL,
        period text NOT NULL,
        name text NOT NULL,
        trust_id uuid NOT NULL,
        value double precision NOT NULL,
        PRIMARY KEY (school_id, period, name)
      )`);
    await q.query(`
      CREATE TABLE staff (
        staff_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        school_id uuid,
        left_on date
      )`);
    await q.query(`
      CREATE TABLE staff_roles (
        role_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        role text NOT NULL,
        school_id uuid,
        started_on date NOT NULL,
        ended_on date
      )`);
    await q.query(`CREATE INDEX staff_roles_staff ON staff_roles (trust_id, staff_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'staff_roles',
      'staff',
      'school_measures',
      'evaluations',
      'feedback',
      'commission_charges',
      'enrolments',
      'commissions',
      'cohorts',
      'programmes',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
