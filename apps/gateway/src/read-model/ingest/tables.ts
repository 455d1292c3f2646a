/**
 * The read model's keyed tables as the ingest writes them: each column's SQL type (for jsonb_to_recordset) and
 * how a new value meets the stored one. `coalesce`: a value the events gave wins, a missing one keeps what is
 * stored, so rows written first by one topic (a deployment naming a leader) are filled in by another later.
 */
export type Merge = 'coalesce' | 'keep';

export interface TableSpec {
  table: string;
  key: string[];
  columns: Record<string, string>;
  /** Columns that keep their first value (or a custom SQL expression of `t` and `EXCLUDED`). */
  merge?: Record<string, Merge | { sql: string }>;
}

const spec = (table: string, key: string[], columns: Record<string, string>, merge?: TableSpec['merge']): TableSpec => ({
  table,
  key,
  columns,
  merge,
});

export const TABLES = {
  trusts: spec('rm_trusts', ['trust_id'], { trust_id: 'uuid', name: 'text', group_uid: 'text' }),
  schools: spec('rm_schools', ['trust_id', 'school_id'], {
    trust_id: 'uuid',
    school_id: 'uuid',
    urn: 'int',
    name: 'text',
    phase: 'text',
    leadership_model: 'text',
    membership: 'text',
    joined_on: 'date',
    left_on: 'date',
    local_authority: 'text',
    easting: 'int',
    northing: 'int',
    pupils_on_roll: 'int',
    risk_level: 'text',
    risk_reasons: 'text[]',
    risk_changed_at: 'timestamptz',
  }),
  inspections: spec('rm_inspections', ['trust_id', 'inspection_id'], {
    trust_id: 'uuid',
    inspection_id: 'uuid',
    school_id: 'uuid',
    framework: 'text',
    start_date: 'date',
    publication_date: 'date',
    overall: 'int',
    safeguarding: 'text',
    category_of_concern: 'text',
    judgements: 'jsonb',
  }),
  measures: spec('rm_measures', ['trust_id', 'school_id', 'name', 'period'], {
    trust_id: 'uuid',
    school_id: 'uuid',
    name: 'text',
    period: 'text',
    period_key: 'int',
    value: 'double precision',
  }),
  people: spec(
    'rm_people',
    ['trust_id', 'staff_id'],
    {
      trust_id: 'uuid',
      staff_id: 'uuid',
      display_name: 'text',
      school_id: 'uuid',
      status: 'text',
      joined_on: 'date',
      left_on: 'date',
      erased: 'boolean',
    },
    {
      // Erasure is final: once erased, no name comes back (an event replayed from the log still carries it).
      display_name: {
        sql: 'CASE WHEN coalesce(t.erased, false) OR coalesce(EXCLUDED.erased, false) THEN NULL ELSE coalesce(EXCLUDED.display_name, t.display_name) END',
      },
      erased: { sql: 'coalesce(t.erased, false) OR coalesce(EXCLUDED.erased, false)' },
      status: {
        sql: "CASE WHEN coalesce(t.erased, false) OR coalesce(EXCLUDED.erased, false) THEN 'erased' ELSE coalesce(EXCLUDED.status, t.status) END",
      },
    },
  ),
  roles: spec('rm_roles', ['trust_id', 'role_id'], {
    trust_id: 'uuid',
    role_id: 'uuid',
    staff_id: 'uuid',
    role: 'text',
    school_id: 'uuid',
    started_on: 'date',
    ended_on: 'date',
  }),
  designations: spec('rm_designations', ['trust_id', 'designation_id'], {
    trust_id: 'uuid',
    designation_id: 'uuid',
    staff_id: 'uuid',
    designation_type: 'text',
    specialisms: 'text[]',
    school_id: 'uuid',
    status: 'text',
    term_starts_on: 'date',
    term_ends_on: 'date',
    release_days_per_year: 'int',
    due_for_renewal: 'boolean',
    status_since: 'date',
  }),
  capacity: spec('rm_capacity', ['trust_id', 'staff_id', 'academic_year'], {
    trust_id: 'uuid',
    staff_id: 'uuid',
    academic_year: 'text',
    available_days: 'int',
    committed_days: 'int',
    status: 'text',
  }),
  assessments: spec('rm_assessments', ['trust_id', 'assessment_id'], {
    trust_id: 'uuid',
    assessment_id: 'uuid',
    staff_id: 'uuid',
    role: 'text',
    aspiring: 'boolean',
    assessed_on: 'date',
  }),
  plans: spec('rm_plans', ['trust_id', 'plan_id'], {
    trust_id: 'uuid',
    plan_id: 'uuid',
    school_id: 'uuid',
    academic_year: 'text',
    at_risk: 'boolean',
    at_risk_reasons: 'text[]',
    completion: 'int',
  }),
  priorities: spec('rm_plan_priorities', ['trust_id', 'priority_id'], {
    trust_id: 'uuid',
    priority_id: 'uuid',
    plan_id: 'uuid',
    link: 'jsonb',
  }),
  actions: spec('rm_plan_actions', ['trust_id', 'action_id'], {
    trust_id: 'uuid',
    action_id: 'uuid',
    plan_id: 'uuid',
    priority_id: 'uuid',
    status: 'text',
    due_on: 'date',
    overdue: 'boolean',
  }),
  agreements: spec('rm_agreements', ['trust_id', 'agreement_id'], {
    trust_id: 'uuid',
    agreement_id: 'uuid',
    status: 'text',
    supported_school_ids: 'uuid[]',
    supporting_school_ids: 'uuid[]',
    starts_on: 'date',
    ends_on: 'date',
    funding_source: 'text',
    funding_amount_pence: 'bigint',
    remaining_pence: 'bigint',
    qa_lead_id: 'uuid',
    status_since: 'date',
  }),
  deployments: spec('rm_deployments', ['trust_id', 'deployment_id'], {
    trust_id: 'uuid',
    deployment_id: 'uuid',
    agreement_id: 'uuid',
    staff_id: 'uuid',
    total_days: 'int',
    days_by_year: 'jsonb',
    released: 'boolean',
  }),
  reports: spec('rm_impact_reports', ['trust_id', 'report_id'], {
    trust_id: 'uuid',
    report_id: 'uuid',
    agreement_id: 'uuid',
    kind: 'text',
    due_on: 'date',
    status: 'text',
    overall: 'text',
    days_overdue: 'int',
  }),
  reviews: spec('rm_reviews', ['trust_id', 'review_id'], {
    trust_id: 'uuid',
    review_id: 'uuid',
    school_id: 'uuid',
    kind: 'text',
    due_on: 'date',
    completed_on: 'date',
  }),
  programmes: spec('rm_programmes', ['trust_id', 'programme_id'], {
    trust_id: 'uuid',
    programme_id: 'uuid',
    code: 'text',
    name: 'text',
    kind: 'text',
    skills: 'text[]',
    retired: 'boolean',
  }),
  cohorts: spec(
    'rm_cohorts',
    ['trust_id', 'cohort_id'],
    {
      trust_id: 'uuid',
      cohort_id: 'uuid',
      programme_id: 'uuid',
      programme_code: 'text',
      places: 'int',
      first_session: 'date',
      venue_school_id: 'uuid',
      full_at: 'timestamptz',
      cancelled: 'boolean',
    },
    { full_at: 'keep' },
  ),
  enrolments: spec('rm_enrolments', ['trust_id', 'enrolment_id'], {
    trust_id: 'uuid',
    enrolment_id: 'uuid',
    cohort_id: 'uuid',
    programme_id: 'uuid',
    staff_id: 'uuid',
    school_id: 'uuid',
    status: 'text',
    position: 'int',
    passed: 'boolean',
  }),
  commissions: spec('rm_commissions', ['trust_id', 'commission_id'], {
    trust_id: 'uuid',
    commission_id: 'uuid',
    programme_id: 'uuid',
    programme_code: 'text',
    school_ids: 'uuid[]',
    budget_pence: 'bigint',
    committed_pence: 'bigint',
    near_budget: 'boolean',
    spent: 'boolean',
  }),
  qualifications: spec('rm_qualifications', ['trust_id', 'enrolment_id'], {
    trust_id: 'uuid',
    enrolment_id: 'uuid',
    staff_id: 'uuid',
    programme_code: 'text',
    qualification: 'text',
    awarded_on: 'date',
  }),
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** Rows only ever added (one per event), never updated: ON CONFLICT DO NOTHING keeps a redelivery harmless. */
export const APPEND_ONLY = {
  riskChanges: spec('rm_risk_changes', ['event_id'], {
    trust_id: 'uuid',
    event_id: 'uuid',
    school_id: 'uuid',
    from_level: 'text',
    to_level: 'text',
    reasons: 'text[]',
    changed_at: 'timestamptz',
  }),
  flags: spec('rm_agreement_flags', ['event_id', 'position'], {
    trust_id: 'uuid',
    event_id: 'uuid',
    position: 'int',
    agreement_id: 'uuid',
    staff_id: 'uuid',
    flagged_as: 'text',
    cause: 'text',
    reason: 'text',
    flagged_at: 'timestamptz',
  }),
  alerts: spec('rm_alerts', ['alert_id'], {
    alert_id: 'uuid',
    trust_id: 'uuid',
    kind: 'text',
    severity: 'text',
    subject_type: 'text',
    subject_id: 'uuid',
    school_ids: 'uuid[]',
    title: 'text',
    detail: 'jsonb',
    raised_at: 'timestamptz',
    event_id: 'uuid',
  }),
  // Written by the consumer as it records a run, not by the writer: the audit trail is the read model's ledger (auditLedger).
  audit: spec('rm_audit', ['event_id'], {
    event_id: 'uuid',
    trust_id: 'uuid',
    type: 'text',
    occurred_at: 'timestamptz',
    actor_kind: 'text',
    actor_id: 'text',
    aggregate_type: 'text',
    aggregate_id: 'uuid',
    subject_ids: 'uuid[]',
    data: 'jsonb',
  }),
} satisfies Record<string, TableSpec>;

/** Tables a rebuild fills beside the live ones and swaps in (everything the log makes, the ledger rm_audit among them; not the acknowledgements). */
export const REBUILT_TABLES = [...Object.values(TABLES), ...Object.values(APPEND_ONLY)].map((t) => t.table);
