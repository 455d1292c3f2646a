import type { OwnLedger, TrustwideEvent } from '@trustwide/common';
import { AlertDraft, InspectionFacts, nameUuid, riskWorsened } from './alert-rules';
import { APPEND_ONLY, type TableName } from './tables';

export type Row = Record<string, unknown>;

/** What a run of events does to the read model, before it is written: one multi-row statement per table. */
export interface Folded {
  /** Per keyed table, one merged row per key (later events' values over earlier ones'). */
  rows: Map<TableName, Map<string, Row>>;
  riskChanges: Row[];
  flags: Row[];
  alerts: AlertDraft[];
  /** Inspections in the order recorded, per school: checked against the stored ones for grades that fell. */
  inspections: { trustId: string; schoolId: string; facts: InspectionFacts; eventId: string; occurredAt: string }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERMS: Record<string, number> = { autumn: 1, spring: 2, summer: 3 };

/** Sort key of an academic period: `2024/25-autumn` < `-spring` < `-summer` < the year `2024/25` itself. */
export function periodKey(period: string): number {
  const m = /^(\d{4})\/\d{2}(?:-(autumn|spring|summer))?$/.exec(period);
  return m ? Number(m[1]) * 10 + (m[2] ? TERMS[m[2]] : 4) : 0;
}

/** Every id an event names (its aggregate, ids in its data, one level of nesting): what the audit trail finds it by. */
export function subjectIds(event: TrustwideEvent): string[] {
  const ids = new Set<string>([event.aggregateId.toLowerCase()]);
  collectIds(event.data, 0, ids);
  ids.delete(event.trustId);
  return [...ids].slice(0, 64);
}

function collectIds(value: unknown, depth: number, ids: Set<string>): void {
  if (typeof value === 'string') {
    // The length first: most strings (names, dates, periods) are not 36 characters long.
    if (value.length === 36 && UUID.test(value)) ids.add(value.toLowerCase());
  } else if (Array.isArray(value)) {
    if (depth < 3) for (const v of value) collectIds(v, depth + 1, ids);
  } else if (value && typeof value === 'object' && depth < 3) {
    for (const key in value) collectIds((value as Record<string, unknown>)[key], depth + 1, ids);
  }
}

/** Data kept in the audit trail: what changed, without names of people (erasure must not leave them here). */
function auditData(event: TrustwideEvent): unknown {
  if (event.type === 'people.staff.joined') {
    const { displayName: _name, ...rest } = event.data;
    return rest;
  }
  return event.data;
}

/** An event's row in the audit trail (who changed what and when, and what it names). */
export function auditRow(e: TrustwideEvent): Row {
  return {
    event_id: e.eventId,
    trust_id: e.trustId,
    type: e.type,
    occurred_at: e.occurredAt,
    actor_kind: e.actor.kind,
    actor_id: e.actor.id,
    aggregate_type: e.aggregateType,
    aggregate_id: e.aggregateId,
    subject_ids: subjectIds(e),
    data: auditData(e),
  };
}

/**
 * The read-model consumer's ledger: the audit trail, whose row of every event applied is written by the consumer as
 * it records the run (see OwnLedger), in `table` (a rebuild's copy is schema-qualified).
 */
export function auditLedger(table: string = APPEND_ONLY.audit.table): OwnLedger {
  return { table, columns: APPEND_ONLY.audit.columns, row: auditRow };
}

export function emptyFold(): Folded {
  return { rows: new Map(), riskChanges: [], flags: [], alerts: [], inspections: [] };
}

/**
 * Folds events of one partition, in order, into rows to upsert, rows to append and alerts to raise. Pure: the
 * writer does the I/O. Each event only sets the columns it knows; a key's later events win.
 */
export function foldEvents(events: readonly TrustwideEvent[], into: Folded = emptyFold()): Folded {
  const put = (table: TableName, key: string, values: Row) => {
    let rows = into.rows.get(table);
    if (!rows) into.rows.set(table, (rows = new Map<string, Row>()));
    const row = rows.get(key);
    if (!row) rows.set(key, values);
    else for (const [k, v] of Object.entries(values)) if (v !== undefined) row[k] = v;
  };
  for (const e of events) {
    const trust_id = e.trustId;
    const at = e.occurredAt;
    const alert = (a: Omit<AlertDraft, 'trust_id' | 'raised_at' | 'event_id' | 'alert_id'> & { alertKey?: string }) => {
      const { alertKey, ...rest } = a;
      into.alerts.push({ ...rest, alert_id: nameUuid(alertKey ?? `${a.kind}:${e.eventId}`), trust_id, raised_at: at, event_id: e.eventId });
    };
    // Every enrolment event names the enrolment, its cohort, programme and person; each says its status.
    const enrolment = (
      d: { enrolmentId: string; cohortId: string; programmeId: string; staffId: string },
      status: string,
      more: Row = {},
    ) =>
      put('enrolments', `${trust_id}:${d.enrolmentId}`, {
        trust_id,
        enrolment_id: d.enrolmentId,
        cohort_id: d.cohortId,
        programme_id: d.programmeId,
        staff_id: d.staffId,
        status,
        ...more,
      });
    switch (e.type) {
      // ---- schools
      case 'schools.trust.registered':
      case 'schools.trust.updated':
        put('trusts', trust_id, { trust_id, name: e.data.name, group_uid: e.data.groupUid ?? undefined });
        break;
      case 'schools.school.registered':
      case 'schools.school.updated': {
        const s = e.data.school;
        put('schools', `${trust_id}:${s.schoolId}`, {
          trust_id,
          school_id: s.schoolId,
          urn: s.urn,
          name: s.name,
          phase: s.phase,
          leadership_model: s.leadershipModel ?? undefined,
          membership: s.membership,
          joined_on: s.joinedTrustOn ?? undefined,
          left_on: s.leftTrustOn ?? undefined,
          local_authority: s.localAuthority ?? undefined,
          easting: s.easting ?? undefined,
          northing: s.northing ?? undefined,
          pupils_on_roll: s.pupilsOnRoll ?? undefined,
        });
        break;
      }
      case 'schools.school.joined-trust':
        put('schools', `${trust_id}:${e.data.schoolId}`, {
          trust_id,
          school_id: e.data.schoolId,
          urn: e.data.urn,
          membership: 'member',
          joined_on: e.data.joinedOn,
        });
        break;
      case 'schools.school.left-trust':
        put('schools', `${trust_id}:${e.data.schoolId}`, {
          trust_id,
          school_id: e.data.schoolId,
          urn: e.data.urn,
          membership: 'former-member',
          left_on: e.data.leftOn,
        });
        break;
      case 'schools.inspection.recorded': {
        const d = e.data;
        put('inspections', `${trust_id}:${d.inspectionId}`, {
          trust_id,
          inspection_id: d.inspectionId,
          school_id: d.schoolId,
          framework: d.framework,
          start_date: d.startDate,
          publication_date: d.publicationDate ?? undefined,
          overall: d.overallEffectiveness ?? undefined,
          safeguarding: d.safeguarding ?? undefined,
          category_of_concern: d.categoryOfConcern ?? undefined,
          judgements: d.judgements,
        });
        into.inspections.push({
          trustId: trust_id,
          schoolId: d.schoolId,
          eventId: e.eventId,
          occurredAt: at,
          facts: {
            inspectionId: d.inspectionId,
            framework: d.framework,
            startDate: d.startDate,
            overall: d.overallEffectiveness,
            safeguarding: d.safeguarding,
            judgements: d.judgements,
          },
        });
        break;
      }
      case 'schools.measures.recorded':
        for (const m of e.data.measures)
          put('measures', `${trust_id}:${e.data.schoolId}:${m.name}:${e.data.period}`, {
            trust_id,
            school_id: e.data.schoolId,
            name: m.name,
            period: e.data.period,
            period_key: periodKey(e.data.period),
            value: m.value,
          });
        break;
      case 'schools.risk-status.changed': {
        const d = e.data;
        put('schools', `${trust_id}:${d.schoolId}`, {
          trust_id,
          school_id: d.schoolId,
          urn: d.urn,
          risk_level: d.to,
          risk_reasons: d.reasons,
          risk_changed_at: at,
        });
        into.riskChanges.push({
          trust_id,
          event_id: e.eventId,
          school_id: d.schoolId,
          from_level: d.from ?? null,
          to_level: d.to,
          reasons: d.reasons,
          changed_at: at,
        });
        if (riskWorsened(d.from, d.to))
          alert({
            kind: 'risk-worsened',
            severity: d.to === 'red' ? 'high' : 'medium',
            subject_type: 'school',
            subject_id: d.schoolId,
            school_ids: [d.schoolId],
            title: `Risk ${d.from ?? 'unassessed'} → ${d.to}`,
            detail: { from: d.from ?? null, to: d.to, reasons: d.reasons },
          });
        break;
      }
      case 'schools.risk-rules.changed':
        break;
      // ---- people
      case 'people.staff.joined':
        put('people', `${trust_id}:${e.data.staffId}`, {
          trust_id,
          staff_id: e.data.staffId,
          display_name: e.data.displayName,
          school_id: e.data.schoolId,
          status: 'employed',
          joined_on: e.data.joinedOn,
        });
        break;
      case 'people.staff.moved':
        put('people', `${trust_id}:${e.data.staffId}`, { trust_id, staff_id: e.data.staffId, school_id: e.data.toSchoolId });
        break;
      case 'people.staff.left':
        put('people', `${trust_id}:${e.data.staffId}`, { trust_id, staff_id: e.data.staffId, status: 'left', left_on: e.data.leftOn });
        break;
      case 'people.staff.erased':
        put('people', `${trust_id}:${e.data.staffId}`, {
          trust_id,
          staff_id: e.data.staffId,
          display_name: null,
          status: 'erased',
          erased: true,
        });
        break;
      case 'people.role.started':
        put('roles', `${trust_id}:${e.data.roleId}`, {
          trust_id,
          role_id: e.data.roleId,
          staff_id: e.data.staffId,
          role: e.data.role,
          school_id: e.data.schoolId ?? undefined,
          started_on: e.data.startedOn,
        });
        break;
      case 'people.role.ended':
        put('roles', `${trust_id}:${e.data.roleId}`, {
          trust_id,
          role_id: e.data.roleId,
          staff_id: e.data.staffId,
          role: e.data.role,
          school_id: e.data.schoolId ?? undefined,
          ended_on: e.data.endedOn,
        });
        break;
      case 'people.designation.applied':
        put('designations', `${trust_id}:${e.data.designationId}`, {
          trust_id,
          designation_id: e.data.designationId,
          staff_id: e.data.staffId,
          designation_type: e.data.designationType,
          specialisms: e.data.specialisms,
          school_id: e.data.schoolId,
          status: 'applied',
        });
        break;
      case 'people.designation.approved':
      case 'people.designation.renewed':
        put('designations', `${trust_id}:${e.data.designationId}`, {
          trust_id,
          designation_id: e.data.designationId,
          staff_id: e.data.staffId,
          designation_type: e.data.designationType,
          status: e.data.to,
          status_since: e.data.effectiveOn,
          term_starts_on: e.data.termStartsOn,
          term_ends_on: e.data.termEndsOn,
          release_days_per_year: e.data.releaseDaysPerYear,
          due_for_renewal: e.type === 'people.designation.renewed' ? false : undefined,
        });
        break;
      case 'people.designation.activated':
      case 'people.designation.refused':
      case 'people.designation.suspended':
      case 'people.designation.reinstated':
      case 'people.designation.revoked':
      case 'people.designation.lapsed':
        put('designations', `${trust_id}:${e.data.designationId}`, {
          trust_id,
          designation_id: e.data.designationId,
          staff_id: e.data.staffId,
          designation_type: e.data.designationType,
          status: e.data.to,
          status_since: e.data.effectiveOn,
        });
        break;
      case 'people.designation.due-for-renewal':
        put('designations', `${trust_id}:${e.data.designationId}`, {
          trust_id,
          designation_id: e.data.designationId,
          staff_id: e.data.staffId,
          designation_type: e.data.designationType,
          term_ends_on: e.data.termEndsOn,
          due_for_renewal: true,
        });
        alert({
          kind: 'designation-lapsing',
          severity: 'medium',
          subject_type: 'designation',
          subject_id: e.data.designationId,
          school_ids: [],
          title: `${e.data.designationType.toUpperCase()} designation lapses in ${e.data.daysLeft} days without renewal`,
          detail: {
            staffId: e.data.staffId,
            designationType: e.data.designationType,
            termEndsOn: e.data.termEndsOn,
            daysLeft: e.data.daysLeft,
          },
        });
        break;
      case 'people.capacity.changed':
        put('capacity', `${trust_id}:${e.data.staffId}:${e.data.academicYear}`, {
          trust_id,
          staff_id: e.data.staffId,
          academic_year: e.data.academicYear,
          available_days: e.data.availableDays,
          committed_days: e.data.committedDays,
          status: e.data.status,
        });
        break;
      case 'people.capacity.over-committed':
        put('capacity', `${trust_id}:${e.data.staffId}:${e.data.academicYear}`, {
          trust_id,
          staff_id: e.data.staffId,
          academic_year: e.data.academicYear,
          available_days: e.data.availableDays,
          committed_days: e.data.committedDays,
          status: 'over-committed',
        });
        alert({
          kind: 'leader-over-committed',
          severity: 'high',
          subject_type: 'staff',
          subject_id: e.data.staffId,
          school_ids: [],
          title: `Leader committed to ${e.data.committedDays} of ${e.data.availableDays} released days in ${e.data.academicYear}`,
          detail: {
            academicYear: e.data.academicYear,
            availableDays: e.data.availableDays,
            committedDays: e.data.committedDays,
            overByDays: e.data.overByDays,
          },
        });
        break;
      case 'people.skills.assessment-recorded':
        put('assessments', `${trust_id}:${e.data.assessmentId}`, {
          trust_id,
          assessment_id: e.data.assessmentId,
          staff_id: e.data.staffId,
          role: e.data.role,
          aspiring: e.data.aspiring,
          assessed_on: e.data.assessedOn,
        });
        break;
      // ---- improvement
      case 'improvement.plan.created':
        put('plans', `${trust_id}:${e.data.planId}`, {
          trust_id,
          plan_id: e.data.planId,
          school_id: e.data.schoolId,
          academic_year: e.data.academicYear,
        });
        break;
      case 'improvement.plan.priority-added':
        put('plans', `${trust_id}:${e.data.planId}`, { trust_id, plan_id: e.data.planId, school_id: e.data.schoolId });
        put('priorities', `${trust_id}:${e.data.priorityId}`, {
          trust_id,
          priority_id: e.data.priorityId,
          plan_id: e.data.planId,
          link: e.data.link,
        });
        break;
      case 'improvement.plan.action-status-changed':
        put('plans', `${trust_id}:${e.data.planId}`, { trust_id, plan_id: e.data.planId, school_id: e.data.schoolId });
        put('actions', `${trust_id}:${e.data.actionId}`, {
          trust_id,
          action_id: e.data.actionId,
          plan_id: e.data.planId,
          priority_id: e.data.priorityId,
          status: e.data.to,
          due_on: e.data.dueOn,
          overdue: e.data.overdue ?? (e.data.to === 'done' ? false : undefined),
        });
        break;
      case 'improvement.plan.at-risk':
        put('plans', `${trust_id}:${e.data.planId}`, {
          trust_id,
          plan_id: e.data.planId,
          school_id: e.data.schoolId,
          academic_year: e.data.academicYear,
          at_risk: true,
          at_risk_reasons: e.data.reasons,
          completion: e.data.completion,
        });
        alert({
          kind: 'plan-at-risk',
          severity: 'medium',
          subject_type: 'plan',
          subject_id: e.data.planId,
          school_ids: [e.data.schoolId],
          title: `Improvement plan ${e.data.academicYear} at risk (${e.data.completion}% done)`,
          detail: { reasons: e.data.reasons, completion: e.data.completion },
        });
        break;
      case 'improvement.agreement.drafted':
        put('agreements', `${trust_id}:${e.data.agreementId}`, {
          trust_id,
          agreement_id: e.data.agreementId,
          status: 'draft',
          supported_school_ids: e.data.supportedSchoolIds,
          supporting_school_ids: e.data.supportingSchoolIds,
          starts_on: e.data.startsOn,
          ends_on: e.data.endsOn,
          funding_source: e.data.fundingSource,
          funding_amount_pence: e.data.fundingAmountPence,
          qa_lead_id: e.data.qaLeadId ?? undefined,
          status_since: at.slice(0, 10),
        });
        break;
      case 'improvement.agreement.agreed':
      case 'improvement.agreement.started':
      case 'improvement.agreement.completed':
      case 'improvement.agreement.ended':
        put('agreements', `${trust_id}:${e.data.agreementId}`, {
          trust_id,
          agreement_id: e.data.agreementId,
          status: e.data.to,
          status_since: e.data.effectiveOn,
          qa_lead_id: 'qaLeadId' in e.data ? e.data.qaLeadId : undefined,
        });
        break;
      case 'improvement.agreement.flagged':
        put('agreements', `${trust_id}:${e.data.agreementId}`, { trust_id, agreement_id: e.data.agreementId, status: e.data.status });
        e.data.flags.forEach((f, position) =>
          into.flags.push({
            trust_id,
            event_id: e.eventId,
            position,
            agreement_id: e.data.agreementId,
            staff_id: f.staffId,
            flagged_as: f.as,
            cause: f.cause,
            reason: f.reason,
            flagged_at: at,
          }),
        );
        alert({
          kind: 'support-flagged',
          severity: 'high',
          subject_type: 'agreement',
          subject_id: e.data.agreementId,
          school_ids: [],
          title: `Support agreement flagged: ${[...new Set(e.data.flags.map((f) => f.cause))].join(', ')}`,
          detail: {
            status: e.data.status,
            flags: e.data.flags.map((f) => ({ staffId: f.staffId, as: f.as, cause: f.cause, reason: f.reason })),
          },
        });
        break;
      case 'improvement.deployment.leader-deployed':
        put('deployments', `${trust_id}:${e.data.deploymentId}`, {
          trust_id,
          deployment_id: e.data.deploymentId,
          agreement_id: e.data.agreementId,
          staff_id: e.data.staffId,
          total_days: e.data.totalDays,
          days_by_year: e.data.daysByYear,
          released: false,
        });
        break;
      case 'improvement.deployment.leader-released':
        put('deployments', `${trust_id}:${e.data.deploymentId}`, {
          trust_id,
          deployment_id: e.data.deploymentId,
          agreement_id: e.data.agreementId,
          staff_id: e.data.staffId,
          released: true,
        });
        break;
      case 'improvement.impact-report.due':
      case 'improvement.impact-report.submitted':
      case 'improvement.impact-report.overdue':
      case 'improvement.impact-report.signed-off': {
        const d = e.data;
        const status = {
          'improvement.impact-report.due': 'due',
          'improvement.impact-report.submitted': 'submitted',
          'improvement.impact-report.overdue': 'overdue',
          'improvement.impact-report.signed-off': 'signed-off',
        }[e.type];
        put('reports', `${trust_id}:${d.reportId}`, {
          trust_id,
          report_id: d.reportId,
          agreement_id: d.agreementId,
          kind: d.kind,
          due_on: d.dueOn,
          status,
          overall: 'overall' in d ? d.overall : undefined,
          days_overdue: 'daysOverdue' in d ? d.daysOverdue : undefined,
        });
        if (e.type === 'improvement.impact-report.overdue')
          alert({
            kind: 'impact-report-overdue',
            severity: 'medium',
            subject_type: 'agreement',
            subject_id: d.agreementId,
            school_ids: [],
            alertKey: `impact-report-overdue:${d.reportId}`,
            title: `${d.kind === 'final' ? 'Final' : 'Interim'} impact report overdue (due ${d.dueOn})`,
            detail: { reportId: d.reportId, kind: d.kind, dueOn: d.dueOn, daysOverdue: e.data.daysOverdue },
          });
        break;
      }
      case 'improvement.funding.spent':
        put('agreements', `${trust_id}:${e.data.agreementId}`, {
          trust_id,
          agreement_id: e.data.agreementId,
          remaining_pence: e.data.remainingPence,
        });
        break;
      case 'improvement.review.commissioned':
        put('reviews', `${trust_id}:${e.data.reviewId}`, {
          trust_id,
          review_id: e.data.reviewId,
          school_id: e.data.schoolId,
          kind: e.data.kind,
          due_on: e.data.dueOn,
        });
        break;
      case 'improvement.review.completed':
        put('reviews', `${trust_id}:${e.data.reviewId}`, {
          trust_id,
          review_id: e.data.reviewId,
          school_id: e.data.schoolId,
          kind: e.data.kind,
          completed_on: e.data.completedOn,
        });
        break;
      // ---- cpd
      case 'cpd.programme.published':
      case 'cpd.programme.changed':
        put('programmes', `${trust_id}:${e.data.programmeId}`, {
          trust_id,
          programme_id: e.data.programmeId,
          code: e.data.code,
          name: e.data.name,
          kind: e.data.kind,
          skills: e.data.skills,
          retired: false,
        });
        break;
      case 'cpd.programme.retired':
        put('programmes', `${trust_id}:${e.data.programmeId}`, {
          trust_id,
          programme_id: e.data.programmeId,
          code: e.data.code,
          retired: true,
        });
        break;
      case 'cpd.cohort.scheduled':
        put('cohorts', `${trust_id}:${e.data.cohortId}`, {
          trust_id,
          cohort_id: e.data.cohortId,
          programme_id: e.data.programmeId,
          programme_code: e.data.programmeCode,
          places: e.data.places,
          first_session: [...e.data.sessionDates].sort()[0],
          venue_school_id: e.data.venueSchoolId ?? undefined,
          cancelled: false,
        });
        break;
      case 'cpd.cohort.full':
        put('cohorts', `${trust_id}:${e.data.cohortId}`, {
          trust_id,
          cohort_id: e.data.cohortId,
          programme_id: e.data.programmeId,
          places: e.data.places,
          full_at: at,
        });
        if (e.data.waitlisted > 0)
          alert({
            kind: 'cohort-waitlist',
            severity: 'low',
            subject_type: 'cohort',
            subject_id: e.data.cohortId,
            school_ids: [],
            alertKey: `cohort-waitlist:${e.data.cohortId}`,
            title: 'Cohort full with a waitlist',
            detail: { places: e.data.places, programmeId: e.data.programmeId },
          });
        break;
      case 'cpd.cohort.cancelled':
        put('cohorts', `${trust_id}:${e.data.cohortId}`, {
          trust_id,
          cohort_id: e.data.cohortId,
          programme_id: e.data.programmeId,
          cancelled: true,
        });
        break;
      case 'cpd.enrolment.created':
        enrolment(e.data, 'enrolled', { school_id: e.data.schoolId });
        break;
      case 'cpd.enrolment.waitlisted':
        enrolment(e.data, 'waitlisted', { school_id: e.data.schoolId, position: e.data.position });
        // A waitlist exists only once the cohort is full: one alert per cohort, the same whichever event says so first.
        alert({
          kind: 'cohort-waitlist',
          severity: 'low',
          subject_type: 'cohort',
          subject_id: e.data.cohortId,
          school_ids: [],
          alertKey: `cohort-waitlist:${e.data.cohortId}`,
          title: 'Cohort full with a waitlist',
          detail: { programmeId: e.data.programmeId },
        });
        break;
      case 'cpd.enrolment.promoted':
        enrolment(e.data, 'enrolled');
        break;
      case 'cpd.enrolment.withdrawn':
        enrolment(e.data, 'withdrawn');
        break;
      case 'cpd.enrolment.completed':
        enrolment(e.data, 'completed');
        break;
      case 'cpd.enrolment.assessed':
        enrolment(e.data, 'completed', { passed: e.data.passed });
        break;
      case 'cpd.commission.created':
        put('commissions', `${trust_id}:${e.data.commissionId}`, {
          trust_id,
          commission_id: e.data.commissionId,
          programme_id: e.data.programmeId,
          programme_code: e.data.programmeCode,
          school_ids: e.data.schoolIds,
          budget_pence: e.data.budgetPence,
          committed_pence: 0,
        });
        break;
      case 'cpd.commission.near-budget':
        put('commissions', `${trust_id}:${e.data.commissionId}`, {
          trust_id,
          commission_id: e.data.commissionId,
          budget_pence: e.data.budgetPence,
          committed_pence: e.data.committedPence,
          near_budget: true,
        });
        alert({
          kind: 'commission-near-budget',
          severity: 'low',
          subject_type: 'commission',
          subject_id: e.data.commissionId,
          school_ids: [],
          title: `Commission at ${Math.round((100 * e.data.committedPence) / e.data.budgetPence)}% of its budget`,
          detail: { budgetPence: e.data.budgetPence, committedPence: e.data.committedPence, thresholdPercent: e.data.thresholdPercent },
        });
        break;
      case 'cpd.commission.spent':
        put('commissions', `${trust_id}:${e.data.commissionId}`, {
          trust_id,
          commission_id: e.data.commissionId,
          budget_pence: e.data.budgetPence,
          committed_pence: e.data.committedPence,
          spent: true,
        });
        break;
      case 'cpd.evaluation.recorded':
        break;
      case 'cpd.qualification.awarded':
        put('qualifications', `${trust_id}:${e.data.enrolmentId}`, {
          trust_id,
          enrolment_id: e.data.enrolmentId,
          staff_id: e.data.staffId,
          programme_code: e.data.programmeCode,
          qualification: e.data.qualification,
          awarded_on: e.data.awardedOn,
        });
        break;
      default:
        break;
    }
  }
  return into;
}

/** The event types the read model takes: every event of the four services (the gateway's sign-in audit is not its business). */
export const READ_MODEL_TOPICS = ['trustwide.schools', 'trustwide.people', 'trustwide.improvement', 'trustwide.cpd'] as const;
