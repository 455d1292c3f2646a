import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trust-wide read model (apps/gateway/src/read-model): one table per thing the overview shows, every row with
 * its trust, filled from the four services' events by the `read-model` consumer. No foreign keys between them:
 * events arrive in any order across topics, so a row keyed by its id is written whenever its first event comes
 * and filled in by the others. `rm_alert_acks` is the only table not rebuilt from the log (who acknowledged what).
 */
export class ReadModel1766000000000 implements MigrationInterface {
  name = 'ReadModel1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_trusts (trust_id uuid PRIMARY KEY, name text, group_uid text)`);
    await q.query(`CREATE TABLE rm_schools (
      trust_id uuid NOT NULL, school_id uuid NOT NULL, urn int, name text, phase text, leadership_model text,
      membership text, joined_on date, left_on date, local_authority text, easting int, northing int, pupils_on_roll int,
      risk_level text, risk_reasons text[], risk_changed_at timestamptz,
      PRIMARY KEY (trust_id, school_id))`);
    await q.query(`CREATE TABLE rm_risk_changes (
      trust_id uuid NOT NULL, event_id uuid PRIMARY KEY, school_id uuid NOT NULL, from_level text, to_level text NOT NULL,
      reasons text[] NOT NULL, changed_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX rm_risk_changes_school ON rm_risk_changes (trust_id, school_id, changed_at)`);
    await q.query(`CREATE TABLE rm_inspections (
      trust_id uuid NOT NULL, inspection_id uuid NOT NULL, school_id uuid NOT NULL, framework text NOT NULL, start_date date NOT NULL,
      publication_date date, overall int, safeguarding text, category_of_concern text, judgements jsonb NOT NULL,
      PRIMARY KEY (trust_id, inspection_id))`);
    await q.query(`CREATE INDEX rm_inspections_school ON rm_inspections (trust_id, school_id, framework, start_date DESC)`);
    await q.query(`CREATE TABLE rm_measures (
      trust_id uuid NOT NULL, school_id uuid NOT NULL, name text NOT NULL, period text NOT NULL, period_key int NOT NULL, value double precision NOT NULL,
      PRIMARY KEY (trust_id, school_id, name, period))`);
    await q.query(`CREATE TABLE rm_people (
      trust_id uuid NOT NULL, staff_id uuid NOT NULL, display_name text, school_id uuid, status text, joined_on date, left_on date,
      erased boolean, PRIMARY KEY (trust_id, staff_id))`);
    await q.query(`CREATE INDEX rm_people_school ON rm_people (trust_id, school_id)`);
    await q.query(`CREATE TABLE rm_roles (
      trust_id uuid NOT NULL, role_id uuid NOT NULL, staff_id uuid NOT NULL, role text NOT NULL, school_id uuid, started_on date, ended_on date,
      PRIMARY KEY (trust_id, role_id))`);
    await q.query(`CREATE INDEX rm_roles_staff ON rm_roles (trust_id, staff_id)`);
    await q.query(`CREATE TABLE rm_designations (
      trust_id uuid NOT NULL, designation_id uuid NOT NULL, staff_id uuid NOT NULL, designation_type text NOT NULL, specialisms text[],
      school_id uuid, status text, term_starts_on date, term_ends_on date, release_days_per_year int,
      due_for_renewal boolean, status_since date, PRIMARY KEY (trust_id, designation_id))`);
    await q.query(`CREATE INDEX rm_designations_staff ON rm_designations (trust_id, staff_id)`);
    await q.query(`CREATE TABLE rm_capacity (
      trust_id uuid NOT NULL, staff_id uuid NOT NULL, academic_year text NOT NULL, available_days int NOT NULL, committed_days int NOT NULL,
      status text NOT NULL, PRIMARY KEY (trust_id, staff_id, academic_year))`);
    await q.query(`CREATE TABLE rm_assessments (
      trust_id uuid NOT NULL, assessment_id uuid NOT NULL, staff_id uuid NOT NULL, role text NOT NULL, aspiring boolean NOT NULL, assessed_on date NOT NULL,
      PRIMARY KEY (trust_id, assessment_id))`);
    await q.query(`CREATE TABLE rm_plans (
      trust_id uuid NOT NULL, plan_id uuid NOT NULL, school_id uuid, academic_year text, at_risk boolean, at_risk_reasons text[],
      completion int, PRIMARY KEY (trust_id, plan_id))`);
    await q.query(`CREATE TABLE rm_plan_priorities (
      trust_id uuid NOT NULL, priority_id uuid NOT NULL, plan_id uuid NOT NULL, link jsonb NOT NULL, PRIMARY KEY (trust_id, priority_id))`);
    await q.query(`CREATE TABLE rm_plan_actions (
      trust_id uuid NOT NULL, action_id uuid NOT NULL, plan_id uuid NOT NULL, priority_id uuid, status text NOT NULL, due_on date, overdue boolean,
      PRIMARY KEY (trust_id, action_id))`);
    await q.query(`CREATE INDEX rm_plan_actions_plan ON rm_plan_actions (trust_id, plan_id)`);
    await q.query(`CREATE TABLE rm_agreements (
      trust_id uuid NOT NULL, agreement_id uuid NOT NULL, status text, supported_school_ids uuid[], supporting_school_ids uuid[],
      starts_on date, ends_on date, funding_source text, funding_amount_pence bigint, remaining_pence bigint, qa_lead_id uuid,
      status_since date, PRIMARY KEY (trust_id, agreement_id))`);
    await q.query(`CREATE INDEX rm_agreements_supported ON rm_agreements USING gin (supported_school_ids)`);
    await q.query(`CREATE INDEX rm_agreements_supporting ON rm_agreements USING gin (supporting_school_ids)`);
    await q.query(`CREATE TABLE rm_agreement_flags (
      trust_id uuid NOT NULL, event_id uuid NOT NULL, position int NOT NULL, agreement_id uuid NOT NULL, staff_id uuid NOT NULL,
      flagged_as text NOT NULL, cause text NOT NULL, reason text NOT NULL, flagged_at timestamptz NOT NULL, PRIMARY KEY (event_id, position))`);
    await q.query(`CREATE INDEX rm_agreement_flags_agreement ON rm_agreement_flags (trust_id, agreement_id)`);
    await q.query(`CREATE TABLE rm_deployments (
      trust_id uuid NOT NULL, deployment_id uuid NOT NULL, agreement_id uuid NOT NULL, staff_id uuid NOT NULL, total_days int,
      days_by_year jsonb, released boolean, PRIMARY KEY (trust_id, deployment_id))`);
    await q.query(`CREATE INDEX rm_deployments_staff ON rm_deployments (trust_id, staff_id)`);
    await q.query(`CREATE INDEX rm_deployments_agreement ON rm_deployments (trust_id, agreement_id)`);
    await q.query(`CREATE TABLE rm_impact_reports (
      trust_id uuid NOT NULL, report_id uuid NOT NULL, agreement_id uuid NOT NULL, kind text NOT NULL, due_on date NOT NULL,
      status text NOT NULL, overall text, days_overdue int, PRIMARY KEY (trust_id, report_id))`);
    await q.query(`CREATE TABLE rm_reviews (
      trust_id uuid NOT NULL, review_id uuid NOT NULL, school_id uuid NOT NULL, kind text NOT NULL, due_on date, completed_on date,
      PRIMARY KEY (trust_id, review_id))`);
    await q.query(`CREATE TABLE rm_programmes (
      trust_id uuid NOT NULL, programme_id uuid NOT NULL, code text, name text, kind text, skills text[], retired boolean,
      PRIMARY KEY (trust_id, programme_id))`);
    await q.query(`CREATE TABLE rm_cohorts (
      trust_id uuid NOT NULL, cohort_id uuid NOT NULL, programme_id uuid, programme_code text, places int, first_session date,
      venue_school_id uuid, full_at timestamptz, cancelled boolean, PRIMARY KEY (trust_id, cohort_id))`);
    await q.query(`CREATE TABLE rm_enrolments (
      trust_id uuid NOT NULL, enrolment_id uuid NOT NULL, cohort_id uuid NOT NULL, programme_id uuid, staff_id uuid, school_id uuid,
      status text NOT NULL, position int, passed boolean, PRIMARY KEY (trust_id, enrolment_id))`);
    await q.query(`CREATE INDEX rm_enrolments_school ON rm_enrolments (trust_id, school_id)`);
    await q.query(`CREATE INDEX rm_enrolments_cohort ON rm_enrolments (trust_id, cohort_id)`);
    await q.query(`CREATE INDEX rm_enrolments_staff ON rm_enrolments (trust_id, staff_id)`);
    await q.query(`CREATE TABLE rm_commissions (
      trust_id uuid NOT NULL, commission_id uuid NOT NULL, programme_id uuid, programme_code text, school_ids uuid[], budget_pence bigint,
      committed_pence bigint, near_budget boolean, spent boolean, PRIMARY KEY (trust_id, commission_id))`);
    await q.query(`CREATE TABLE rm_qualifications (
      trust_id uuid NOT NULL, enrolment_id uuid NOT NULL, staff_id uuid NOT NULL, programme_code text, qualification text, awarded_on date,
      PRIMARY KEY (trust_id, enrolment_id))`);
    // seq orders the live stream (Last-Event-ID); alert_id is derived from the event, so a rebuild raises the same ids.
    await q.query(`CREATE TABLE rm_alerts (
      seq bigserial UNIQUE, alert_id uuid PRIMARY KEY, trust_id uuid NOT NULL, kind text NOT NULL, severity text NOT NULL,
      subject_type text NOT NULL, subject_id uuid NOT NULL, school_ids uuid[] NOT NULL, title text NOT NULL, detail jsonb NOT NULL,
      raised_at timestamptz NOT NULL, event_id uuid NOT NULL)`);
    await q.query(`CREATE INDEX rm_alerts_trust ON rm_alerts (trust_id, seq)`);
    await q.query(`CREATE TABLE rm_alert_acks (
      alert_id uuid PRIMARY KEY, trust_id uuid NOT NULL, acknowledged_by text NOT NULL, acknowledged_at timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE rm_audit (
      event_id uuid PRIMARY KEY, trust_id uuid NOT NULL, type text NOT NULL, occurred_at timestamptz NOT NULL, actor_kind text NOT NULL,
      actor_id text NOT NULL, aggregate_type text NOT NULL, aggregate_id uuid NOT NULL, subject_ids uuid[] NOT NULL, data jsonb NOT NULL)`);
    await q.query(`CREATE INDEX rm_audit_subjects ON rm_audit USING gin (subject_ids)`);
    await q.query(`CREATE INDEX rm_audit_trust ON rm_audit (trust_id, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'audit',
      'alert_acks',
      'alerts',
      'qualifications',
      'commissions',
      'enrolments',
      'cohorts',
      'programmes',
      'reviews',
      'impact_reports',
      'deployments',
      'agreement_flags',
      'agreements',
      'plan_actions',
      'plan_priorities',
      'plans',
      'assessments',
      'capacity',
      'designations',
      'roles',
      'people',
      'measures',
      'inspections',
      'risk_changes',
      'schools',
      'trusts',
    ])
      await q.query(`DROP TABLE IF EXISTS rm_${t}`);
  }
}
