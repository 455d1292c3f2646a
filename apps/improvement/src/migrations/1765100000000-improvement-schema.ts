import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The improvement service's tables. Every row carries its trust; ids are uuids (PostgreSQL stores them
 * canonical, lower case). Projections of the people service's facts (leaders, their designations,
 * roles and capacity) are tables of their own, rebuilt from the log on a consumer reset.
 */
export class ImprovementSchema1765100000000 implements MigrationInterface {
  name = 'ImprovementSchema1765100000000';

  async up(q: QueryRunner): Promise<void> {
    // --- Improvement plans
    await q.query(`
      CREATE TABLE plans (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        school_id uuid NOT NULL,
        academic_year text NOT NULL,
        status text NOT NULL CHECK (status IN ('live', 'closed')),
        at_risk_since date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One live plan per school and academic year, whatever the race.
    await q.query(`CREATE UNIQUE INDEX plans_one_live ON plans (trust_id, school_id, academic_year) WHERE status = 'live'`);
    await q.query(`
      CREATE TABLE priorities (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        plan_id uuid NOT NULL REFERENCES plans(id),
        position integer NOT NULL,
        title text NOT NULL,
        link jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX priorities_plan ON priorities (plan_id, position)`);
    await q.query(`
      CREATE TABLE actions (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        plan_id uuid NOT NULL REFERENCES plans(id),
        priority_id uuid NOT NULL REFERENCES priorities(id),
        position integer NOT NULL,
        title text NOT NULL,
        owner_id uuid NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('not-started', 'on-track', 'at-risk', 'off-track', 'done')),
        evidence jsonb NOT NULL DEFAULT '[]',
        overdue_flagged_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX actions_plan ON actions (plan_id, priority_id, position)`);
    await q.query(`CREATE INDEX actions_overdue ON actions (due_on) WHERE status <> 'done' AND overdue_flagged_on IS NULL`);

    // --- Support agreements
    await q.query(`
      CREATE TABLE agreements (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'agreed', 'active', 'completed', 'ended')),
        priority_areas jsonb NOT NULL DEFAULT '[]',
        responsibilities jsonb NOT NULL DEFAULT '[]',
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        interim_reports_due jsonb NOT NULL DEFAULT '[]',
        final_report_due date NOT NULL,
        funding_source text NOT NULL,
        funding_amount_pence integer NOT NULL CHECK (funding_amount_pence >= 0),
        funding_spent_pence integer NOT NULL DEFAULT 0,
        qa_lead_id uuid,
        ended_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The funding cap holds in the database too, whatever a writer does.
        CHECK (funding_spent_pence >= 0 AND funding_spent_pence <= funding_amount_pence)
      )`);
    await q.query(`CREATE INDEX agreements_trust_status ON agreements (trust_id, status)`);
    await q.query(`CREATE INDEX agreements_qa_lead ON agreements (trust_id, qa_lead_id)`);
    // The parties: each school on one side of an agreement.
    await q.query(`
      CREATE TABLE agreement_schools (
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        school_id uuid NOT NULL,
        side text NOT NULL CHECK (side IN ('supported', 'supporting')),
        position integer NOT NULL,
        PRIMARY KEY (agreement_id, school_id)
      )`);
    await q.query(`CREATE INDEX agreement_schools_school ON agreement_schools (trust_id, school_id, side)`);
    await q.query(`
      CREATE TABLE deployments (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        leader_id uuid NOT NULL,
        days integer NOT NULL CHECK (days >= 1),
        days_by_year jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agreement_id, leader_id)
      )`);
    await q.query(`CREATE INDEX deployments_leader ON deployments (trust_id, leader_id)`);
    await q.query(`
      CREATE TABLE impact_criteria (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        position integer NOT NULL,
        measure text NOT NULL,
        baseline double precision NOT NULL,
        target double precision NOT NULL,
        by_when date NOT NULL
      )`);
    await q.query(`CREATE INDEX impact_criteria_agreement ON impact_criteria (agreement_id, position)`);
    await q.query(`
      CREATE TABLE agreement_transitions (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        action text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id text NOT NULL,
        reason text,
        effective_on date NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX agreement_transitions_agreement ON agreement_transitions (agreement_id, at)`);
    await q.query(`
      CREATE TABLE agreement_flags (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        staff_id uuid,
        role text NOT NULL,
        cause text NOT NULL,
        reason text NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolved_by text
      )`);
    await q.query(`CREATE INDEX agreement_flags_open ON agreement_flags (trust_id, agreement_id) WHERE resolved_at IS NULL`);
    await q.query(`
      CREATE TABLE funding_spends (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        amount_pence integer NOT NULL CHECK (amount_pence >= 1),
        spent_on date NOT NULL,
        description text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX funding_spends_agreement ON funding_spends (agreement_id)`);
    await q.query(`
      CREATE TABLE impact_reports (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        agreement_id uuid NOT NULL REFERENCES agreements(id),
        kind text NOT NULL CHECK (kind IN ('interim', 'final')),
        sequence integer NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('due', 'submitted', 'signed-off')),
        submitted_on date,
        judgements jsonb NOT NULL DEFAULT '[]',
        overall text,
        narrative text,
        signed_off_by uuid,
        signed_off_on date,
        reminded boolean NOT NULL DEFAULT false,
        flagged_overdue boolean NOT NULL DEFAULT false,
        UNIQUE (agreement_id, kind, sequence)
      )`);
    await q.query(`CREATE INDEX impact_reports_due ON impact_reports (trust_id, due_on) WHERE status = 'due'`);
    await q.query(`
      CREATE TABLE support_settings (
        trust_id uuid PRIMARY KEY,
        max_concurrent_supporting integer NOT NULL CHECK (max_concurrent_supporting BETWEEN 1 AND 50),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    // --- Reviews
    await q.query(`
      CREATE TABLE reviewers (
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        trained_for jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trust_id, staff_id)
      )`);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        school_id uuid NOT NULL,
        kind text NOT NULL,
        reviewer_id uuid NOT NULL,
        commissioned_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL CHECK (status IN ('commissioned', 'completed', 'cancelled')),
        completed_on date,
        summary text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open review of a kind per school, whatever the race.
    await q.query(`CREATE UNIQUE INDEX reviews_one_open ON reviews (trust_id, school_id, kind) WHERE status = 'commissioned'`);

    // --- The people projection (from trustwide.people; never asked, only told)
    await q.query(`
      CREATE TABLE leaders (
        trust_id uuid NOT NULL,
        staff_id uuid PRIMARY KEY,
        school_id uuid,
        employed boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leaders_trust_school ON leaders (trust_id, school_id)`);
    await q.query(`
      CREATE TABLE leader_designations (
        designation_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        type text NOT NULL,
        status text NOT NULL,
        term_starts_on date,
        term_ends_on date,
        release_days_per_year integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leader_designations_staff ON leader_designations (trust_id, staff_id)`);
    await q.query(`
      CREATE TABLE leader_roles (
        role_id uuid PRIMARY KEY,
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        role text NOT NULL,
        school_id uuid,
        started_on date NOT NULL,
        ended_on date
      )`);
    await q.query(`CREATE INDEX leader_roles_open ON leader_roles (trust_id, role) WHERE ended_on IS NULL`);
    await q.query(`
      CREATE TABLE leader_capacity (
        trust_id uuid NOT NULL,
        staff_id uuid NOT NULL,
        academic_year text NOT NULL,
        available_days integer NOT NULL,
        committed_days integer NOT NULL,
        status text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (staff_id, academic_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'leader_capacity',
      'leader_roles',
      'leader_designations',
      'leaders',
      'reviews',
      'reviewers',
      'support_settings',
      'impact_reports',
      'funding_spends',
      'agreement_flags',
      'agreement_transitions',
      'impact_criteria',
      'deployments',
      'agreement_schools',
      'agreements',
      'actions',
      'priorities',
      'plans',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
