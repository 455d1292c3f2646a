/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   Rows of raw SQL (json_agg, row_to_json) are untyped; each is mapped to its response shape here. */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { academicYearOf } from './academic-year';
import type { Scope } from './access';
import { userIdOf, userIds, userName, type UserRow } from './actor-names';
import type {
  AgreementView,
  AlertView,
  AuditEntryView,
  InspectionView,
  LatestInspections,
  LeadershipResponse,
  MeasureNow,
  OverviewResponse,
  PipelinePerson,
  SystemLeaderView,
  SchoolPageResponse,
  SupportNamesResponse,
  TrustTotals,
} from './read-model.responses';
import { span } from './travel';

export const SORTS = ['name', '-name', 'urn', 'risk', '-risk', 'pupils', '-pupils', 'phase'] as const;
export type Sort = (typeof SORTS)[number];
const ORDER: Record<Sort, string> = {
  name: 's.name ASC NULLS LAST, s.school_id',
  '-name': 's.name DESC NULLS LAST, s.school_id',
  urn: 's.urn ASC, s.school_id',
  risk: `CASE s.risk_level WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END, s.name, s.school_id`,
  '-risk': `CASE s.risk_level WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 ELSE 3 END DESC, s.name, s.school_id`,
  pupils: 'pupils ASC NULLS LAST, s.school_id',
  '-pupils': 'pupils DESC NULLS LAST, s.school_id',
  phase: 's.phase, s.name, s.school_id',
};

export interface OverviewFilter {
  membership?: string;
  phase?: string;
  risk?: string;
  leadershipModel?: string;
  q?: string;
  sort: Sort;
  limit: number;
  offset: number;
}

const LIVE_SUPPORT = `('draft','agreed','active')`;
const LIVE_DESIGNATION = `('approved','active','suspended')`;
const likeEscape = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);
const date = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : (d as string | null));
/** A date of a NOT NULL column. */
const day = (d: unknown) => String(date(d));
const name = (erased: boolean | null, displayName: string | null) => (erased ? '[erased]' : displayName);

/** Reads of the trust-wide read model; every query is bounded to the caller's scope (trust and, for a headteacher, schools). */
@Injectable()
export class ReadModelQueries {
  constructor(private readonly db: DataSource) {}

  private q<T = Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.query(sql, params);
  }

  async overview(scope: Scope, f: OverviewFilter, all = false): Promise<OverviewResponse> {
    const params: unknown[] = [
      scope.trustId,
      f.membership ?? null,
      f.phase ?? null,
      f.risk ?? null,
      f.leadershipModel ?? null,
      f.q ? likeEscape(f.q) : null,
      scope.schoolIds,
    ];
    // The totals don't depend on the page: asked at the same time, on another connection (fewer round trips in a row).
    const totals = this.totals(scope);
    totals.catch(() => undefined); // awaited below; a rejection before then is not unhandled
    const rows = await this.q<Record<string, any>>(
      `SELECT s.*, coalesce(pm.value::int, s.pupils_on_roll) AS pupils, count(*) OVER () AS total
         FROM rm_schools s
         LEFT JOIN LATERAL (SELECT value FROM rm_measures m WHERE m.trust_id = s.trust_id AND m.school_id = s.school_id AND m.name = 'pupilsOnRoll' ORDER BY period_key DESC LIMIT 1) pm ON true
        WHERE s.trust_id = $1 AND s.name IS NOT NULL AND ($2::text IS NULL OR s.membership = $2) AND ($3::text IS NULL OR s.phase = $3)
          AND ($4::text IS NULL OR coalesce(s.risk_level, 'unassessed') = $4) AND ($5::text IS NULL OR s.leadership_model = $5)
          AND ($6::text IS NULL OR s.name ILIKE '%' || $6 || '%' OR s.urn::text = $6 OR s.local_authority ILIKE '%' || $6 || '%')
          AND ($7::uuid[] IS NULL OR s.school_id = ANY($7))
        ORDER BY ${ORDER[f.sort]} ${all ? '' : `LIMIT ${f.limit} OFFSET ${f.offset}`}`,
      params,
    );
    const ids = rows.map((r) => r.school_id as string);
    const [inspections, measures, support, leaders, cpd] = await Promise.all([
      this.latestInspections(scope.trustId, ids),
      this.latestMeasures(scope.trustId, ids),
      this.q<Record<string, any>>(
        `SELECT a.agreement_id, a.status, a.supported_school_ids, a.supporting_school_ids,
                (SELECT count(*)::int FROM rm_agreement_flags fl WHERE fl.trust_id = a.trust_id AND fl.agreement_id = a.agreement_id) AS flags,
                (SELECT count(*)::int FROM rm_impact_reports r WHERE r.trust_id = a.trust_id AND r.agreement_id = a.agreement_id AND r.status = 'overdue') AS overdue_reports
           FROM rm_agreements a WHERE a.trust_id = $1 AND a.status IN ${LIVE_SUPPORT} AND (a.supported_school_ids && $2::uuid[] OR a.supporting_school_ids && $2::uuid[])`,
        [scope.trustId, ids],
      ),
      this.q<Record<string, any>>(
        `SELECT coalesce(p.school_id, d.school_id) AS school_id, d.staff_id, d.designation_type, d.status
           FROM rm_designations d LEFT JOIN rm_people p ON p.trust_id = d.trust_id AND p.staff_id = d.staff_id
          WHERE d.trust_id = $1 AND d.status IN ${LIVE_DESIGNATION} AND coalesce(p.school_id, d.school_id) = ANY($2::uuid[])`,
        [scope.trustId, ids],
      ),
      this.cpdBySchool(scope.trustId, ids),
    ]);
    const schools = rows.map((r) => {
      const id = r.school_id as string;
      const supportOf = (side: 'supported_school_ids' | 'supporting_school_ids') =>
        support
          .filter((a) => (a[side] as string[]).includes(id))
          .map((a) => ({ agreementId: a.agreement_id, status: a.status, flags: a.flags, overdueReports: a.overdue_reports }));
      const c = cpd.get(id);
      return {
        schoolId: id,
        urn: r.urn,
        name: r.name,
        phase: r.phase,
        leadershipModel: r.leadership_model,
        membership: r.membership,
        localAuthority: r.local_authority,
        pupils: r.pupils,
        risk: { level: r.risk_level ?? 'unassessed', reasons: r.risk_reasons ?? [], since: r.risk_changed_at },
        latestInspection: inspections.get(id) ?? {},
        measures: measures.get(id) ?? {},
        support: { receiving: supportOf('supported_school_ids'), giving: supportOf('supporting_school_ids') },
        designatedLeaders: leaders
          .filter((l) => l.school_id === id)
          .map((l) => ({ staffId: l.staff_id, designation: l.designation_type, status: l.status })),
        cpd: c ?? { placesTaken: 0, completed: 0, waitlisted: 0 },
      };
    });
    return {
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      limit: all ? schools.length : f.limit,
      offset: all ? 0 : f.offset,
      schools,
      totals: await totals,
    };
  }

  /** Trust totals over every member school in scope (not just the page). */
  async totals(scope: Scope): Promise<TrustTotals> {
    const [[byRisk], [reports], [over]] = await Promise.all([
      this.q<Record<string, any>>(
        `SELECT count(*) FILTER (WHERE s.risk_level = 'red')::int AS red, count(*) FILTER (WHERE s.risk_level = 'amber')::int AS amber,
              count(*) FILTER (WHERE s.risk_level = 'green')::int AS green, count(*) FILTER (WHERE s.risk_level IS NULL)::int AS unassessed,
              count(*)::int AS schools,
              coalesce(sum(coalesce((SELECT value FROM rm_measures m WHERE m.trust_id = s.trust_id AND m.school_id = s.school_id AND m.name = 'pupilsOnRoll' ORDER BY period_key DESC LIMIT 1)::int, s.pupils_on_roll)), 0)::int AS pupils
         FROM rm_schools s WHERE s.trust_id = $1 AND s.membership = 'member' AND ($2::uuid[] IS NULL OR s.school_id = ANY($2))`,
        [scope.trustId, scope.schoolIds],
      ),
      this.q<{ n: number }>(
        `SELECT count(*)::int AS n FROM rm_impact_reports r JOIN rm_agreements a ON a.trust_id = r.trust_id AND a.agreement_id = r.agreement_id
        WHERE r.trust_id = $1 AND r.status = 'overdue' AND ($2::uuid[] IS NULL OR a.supported_school_ids && $2 OR a.supporting_school_ids && $2)`,
        [scope.trustId, scope.schoolIds],
      ),
      this.q<{ n: number }>(
        `SELECT count(DISTINCT c.staff_id)::int AS n FROM rm_capacity c LEFT JOIN rm_people p ON p.trust_id = c.trust_id AND p.staff_id = c.staff_id
        WHERE c.trust_id = $1 AND c.academic_year >= $3 AND c.committed_days > c.available_days AND ($2::uuid[] IS NULL OR p.school_id = ANY($2))`,
        [scope.trustId, scope.schoolIds, academicYearOf(new Date())],
      ),
    ]);
    const { schools, pupils, red, amber, green, unassessed } = byRisk;
    return { schools, schoolsByRisk: { red, amber, green, unassessed }, pupils, overdueReports: reports.n, leadersOverCapacity: over.n };
  }

  private async latestInspections(trustId: string, ids: string[]): Promise<Map<string, LatestInspections>> {
    const rows = await this.q<Record<string, any>>(
      `SELECT DISTINCT ON (school_id, framework) school_id, inspection_id, framework, start_date, publication_date, overall, safeguarding, category_of_concern, judgements
         FROM rm_inspections WHERE trust_id = $1 AND school_id = ANY($2::uuid[]) ORDER BY school_id, framework, start_date DESC`,
      [trustId, ids],
    );
    const out = new Map<string, LatestInspections>();
    for (const r of rows) {
      const entry: LatestInspections = out.get(r.school_id) ?? {};
      // Keyed by framework: an OEIF grade and a report card are different scales and are never compared.
      entry[r.framework === 'oeif' ? 'oeif' : 'reportCard'] = inspectionOut(r);
      out.set(r.school_id, entry);
    }
    return out;
  }

  private async latestMeasures(trustId: string, ids: string[]): Promise<Map<string, Record<string, MeasureNow>>> {
    const rows = await this.q<Record<string, any>>(
      `SELECT school_id, name, period, value, rn FROM (
         SELECT school_id, name, period, value, row_number() OVER (PARTITION BY school_id, name ORDER BY period_key DESC) AS rn
           FROM rm_measures WHERE trust_id = $1 AND school_id = ANY($2::uuid[])) x WHERE rn <= 2 ORDER BY school_id, name, rn`,
      [trustId, ids],
    );
    const out = new Map<string, Record<string, MeasureNow>>();
    for (const r of rows) {
      const entry = out.get(r.school_id) ?? {};
      if (r.rn === '1' || r.rn === 1)
        entry[r.name] = { value: r.value, period: r.period, previous: null, previousPeriod: null, trend: 'new' };
      else {
        const m = entry[r.name];
        m.previous = r.value;
        m.previousPeriod = r.period;
        m.trend = m.value > r.value ? 'up' : m.value < r.value ? 'down' : 'same';
      }
      out.set(r.school_id, entry);
    }
    return out;
  }

  private async cpdBySchool(trustId: string, ids: string[]) {
    const rows = await this.q<Record<string, any>>(
      `SELECT school_id, count(*) FILTER (WHERE status IN ('enrolled','completed'))::int AS taken, count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted
         FROM rm_enrolments WHERE trust_id = $1 AND school_id = ANY($2::uuid[]) GROUP BY school_id`,
      [trustId, ids],
    );
    return new Map(rows.map((r) => [r.school_id as string, { placesTaken: r.taken, completed: r.completed, waitlisted: r.waitlisted }]));
  }

  /** One school's page: its history from the events. Null when the read model has not heard of it. */
  async school(scope: Scope, schoolId: string): Promise<SchoolPageResponse | null> {
    const [s] = await this.q<Record<string, any>>(`SELECT * FROM rm_schools WHERE trust_id = $1 AND school_id = $2`, [
      scope.trustId,
      schoolId,
    ]);
    if (!s) return null;
    const t = scope.trustId;
    const [inspections, measures, risk, plans, agreements, staff, cpd, reviews] = await Promise.all([
      this.q<Record<string, any>>(`SELECT * FROM rm_inspections WHERE trust_id = $1 AND school_id = $2 ORDER BY start_date DESC`, [
        t,
        schoolId,
      ]),
      this.q<Record<string, any>>(
        `SELECT name, period, value FROM rm_measures WHERE trust_id = $1 AND school_id = $2 ORDER BY name, period_key`,
        [t, schoolId],
      ),
      this.q<Record<string, any>>(
        `SELECT from_level, to_level, reasons, changed_at FROM rm_risk_changes WHERE trust_id = $1 AND school_id = $2 ORDER BY changed_at, event_id`,
        [t, schoolId],
      ),
      this.q<Record<string, any>>(
        `SELECT p.*, (SELECT count(*)::int FROM rm_plan_priorities pr WHERE pr.trust_id = p.trust_id AND pr.plan_id = p.plan_id) AS priorities,
                (SELECT count(*)::int FROM rm_plan_actions a WHERE a.trust_id = p.trust_id AND a.plan_id = p.plan_id) AS actions,
                (SELECT count(*)::int FROM rm_plan_actions a WHERE a.trust_id = p.trust_id AND a.plan_id = p.plan_id AND a.status = 'done') AS done,
                (SELECT count(*)::int FROM rm_plan_actions a WHERE a.trust_id = p.trust_id AND a.plan_id = p.plan_id AND a.status IN ('at-risk','off-track')) AS slipping,
                (SELECT count(*)::int FROM rm_plan_actions a WHERE a.trust_id = p.trust_id AND a.plan_id = p.plan_id AND a.overdue) AS overdue
           FROM rm_plans p WHERE p.trust_id = $1 AND p.school_id = $2 ORDER BY p.academic_year DESC NULLS LAST`,
        [t, schoolId],
      ),
      this.agreements(t, { schoolId }),
      this.q<Record<string, any>>(
        `SELECT p.staff_id, p.display_name, p.erased, p.status,
                coalesce((SELECT json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'startedOn', r.started_on, 'endedOn', r.ended_on) ORDER BY r.started_on)
                            FROM rm_roles r WHERE r.trust_id = p.trust_id AND r.staff_id = p.staff_id), '[]') AS roles,
                coalesce((SELECT json_agg(json_build_object('designationId', d.designation_id, 'type', d.designation_type, 'status', d.status, 'termEndsOn', d.term_ends_on, 'dueForRenewal', coalesce(d.due_for_renewal, false)))
                            FROM rm_designations d WHERE d.trust_id = p.trust_id AND d.staff_id = p.staff_id), '[]') AS designations
           FROM rm_people p WHERE p.trust_id = $1 AND p.school_id = $2 AND coalesce(p.status, 'employed') = 'employed' ORDER BY p.display_name NULLS LAST, p.staff_id`,
        [t, schoolId],
      ),
      this.q<Record<string, any>>(
        `SELECT e.programme_id, pr.code, pr.name, count(*) FILTER (WHERE e.status IN ('enrolled','completed'))::int AS taken,
                count(*) FILTER (WHERE e.status = 'completed')::int AS completed, count(*) FILTER (WHERE e.status = 'waitlisted')::int AS waitlisted,
                count(*) FILTER (WHERE e.passed)::int AS passed
           FROM rm_enrolments e LEFT JOIN rm_programmes pr ON pr.trust_id = e.trust_id AND pr.programme_id = e.programme_id
          WHERE e.trust_id = $1 AND e.school_id = $2 GROUP BY e.programme_id, pr.code, pr.name ORDER BY pr.code NULLS LAST`,
        [t, schoolId],
      ),
      this.q<Record<string, any>>(
        `SELECT review_id, kind, due_on, completed_on FROM rm_reviews WHERE trust_id = $1 AND school_id = $2 ORDER BY due_on`,
        [t, schoolId],
      ),
    ]);
    return {
      schoolId,
      urn: s.urn,
      name: s.name,
      phase: s.phase,
      leadershipModel: s.leadership_model,
      membership: s.membership,
      joinedOn: date(s.joined_on),
      leftOn: date(s.left_on),
      localAuthority: s.local_authority,
      risk: { level: s.risk_level ?? 'unassessed', reasons: s.risk_reasons ?? [], since: s.risk_changed_at },
      inspections: {
        oeif: inspections.filter((i) => i.framework === 'oeif').map(inspectionOut),
        reportCard: inspections.filter((i) => i.framework !== 'oeif').map(inspectionOut),
      },
      measures: Object.entries(
        measures.reduce<Record<string, { period: string; value: number }[]>>(
          (acc, m) => ((acc[m.name] ??= []).push({ period: m.period, value: m.value }), acc),
          {},
        ),
      ).map(([measure, history]) => ({ measure, history })),
      riskHistory: risk.map((r) => ({ from: r.from_level ?? 'unassessed', to: r.to_level, reasons: r.reasons, at: r.changed_at })),
      plans: plans.map((p) => ({
        planId: p.plan_id,
        academicYear: p.academic_year,
        atRisk: p.at_risk ?? false,
        atRiskReasons: p.at_risk_reasons ?? [],
        priorities: p.priorities,
        actions: p.actions,
        done: p.done,
        slipping: p.slipping,
        overdue: p.overdue,
        completion: p.actions > 0 ? Math.round((100 * p.done) / p.actions) : (p.completion ?? 0),
      })),
      support: {
        receiving: agreements.filter((a) => a.supportedSchoolIds.includes(schoolId)),
        giving: agreements.filter((a) => a.supportingSchoolIds.includes(schoolId)),
      },
      staff: staff.map((p) => ({
        staffId: p.staff_id,
        name: name(p.erased, p.display_name),
        roles: p.roles,
        designations: p.designations,
      })),
      cpd: cpd.map((c) => ({
        programmeId: c.programme_id,
        code: c.code,
        name: c.name,
        placesTaken: c.taken,
        completed: c.completed,
        waitlisted: c.waitlisted,
        passed: c.passed,
      })),
      reviews: reviews.map((r) => ({ reviewId: r.review_id, kind: r.kind, dueOn: date(r.due_on), completedOn: date(r.completed_on) })),
    };
  }

  private async agreements(trustId: string, by: { schoolId?: string; schoolIds?: string[] | null }): Promise<AgreementView[]> {
    const ids = by.schoolId ? [by.schoolId] : by.schoolIds;
    const rows = await this.q<Record<string, any>>(
      `SELECT a.*, coalesce((SELECT json_agg(json_build_object('staffId', d.staff_id, 'totalDays', d.total_days, 'released', coalesce(d.released, false)))
                              FROM rm_deployments d WHERE d.trust_id = a.trust_id AND d.agreement_id = a.agreement_id), '[]') AS deployments,
              coalesce((SELECT json_agg(json_build_object('staffId', f.staff_id, 'as', f.flagged_as, 'cause', f.cause, 'reason', f.reason, 'at', f.flagged_at) ORDER BY f.flagged_at)
                          FROM rm_agreement_flags f WHERE f.trust_id = a.trust_id AND f.agreement_id = a.agreement_id), '[]') AS flags,
              (SELECT count(*)::int FROM rm_impact_reports r WHERE r.trust_id = a.trust_id AND r.agreement_id = a.agreement_id AND r.status = 'overdue') AS overdue_reports
         FROM rm_agreements a WHERE a.trust_id = $1 AND ($2::uuid[] IS NULL OR a.supported_school_ids && $2 OR a.supporting_school_ids && $2)
        ORDER BY a.starts_on DESC NULLS LAST, a.agreement_id`,
      [trustId, ids ?? null],
    );
    return rows.map((a) => ({
      agreementId: a.agreement_id as string,
      status: a.status,
      supportedSchoolIds: (a.supported_school_ids ?? []) as string[],
      supportingSchoolIds: (a.supporting_school_ids ?? []) as string[],
      startsOn: date(a.starts_on),
      endsOn: date(a.ends_on),
      fundingSource: a.funding_source,
      fundingAmountPence: a.funding_amount_pence === null ? null : Number(a.funding_amount_pence),
      remainingPence: a.remaining_pence === null ? null : Number(a.remaining_pence),
      qaLeadId: a.qa_lead_id,
      deployments: a.deployments,
      flags: a.flags,
      flagged: (a.flags as unknown[]).length > 0,
      overdueReports: a.overdue_reports,
    }));
  }

  /**
   * The names a support agreement can show: the trust's system leaders (a live designation, so anyone who can be
   * deployed or be a QA lead), and whoever an agreement deploys, flags or names as QA lead. Names only, no record.
   */
  async supportNames(trustId: string): Promise<SupportNamesResponse['people']> {
    const rows = await this.q<{ staff_id: string; display_name: string | null; erased: boolean | null }>(
      `SELECT p.staff_id, p.display_name, p.erased FROM rm_people p
        WHERE p.trust_id = $1 AND p.staff_id IN (
              SELECT staff_id FROM rm_designations WHERE trust_id = $1 AND status IN ${LIVE_DESIGNATION}
              UNION SELECT staff_id FROM rm_deployments WHERE trust_id = $1
              UNION SELECT staff_id FROM rm_agreement_flags WHERE trust_id = $1 AND staff_id IS NOT NULL
              UNION SELECT qa_lead_id FROM rm_agreements WHERE trust_id = $1 AND qa_lead_id IS NOT NULL)
        ORDER BY p.display_name NULLS LAST, p.staff_id`,
      [trustId],
    );
    return rows.map((r) => ({ staffId: r.staff_id, name: name(r.erased, r.display_name) }));
  }

  /** System leaders (a designation approved, active or suspended) with capacity per year and where they are deployed; executive heads' spans. */
  async leadership(scope: Scope, academicYear: string): Promise<LeadershipResponse> {
    const t = scope.trustId;
    const leaders = await this.q<Record<string, any>>(
      `SELECT p.staff_id, p.display_name, p.erased, p.school_id, s.name AS school_name,
              json_agg(json_build_object('designationId', d.designation_id, 'type', d.designation_type, 'status', d.status, 'termEndsOn', d.term_ends_on,
                       'releaseDaysPerYear', d.release_days_per_year, 'dueForRenewal', coalesce(d.due_for_renewal, false)) ORDER BY d.designation_type) AS designations,
              (SELECT row_to_json(c) FROM (SELECT available_days, committed_days, status FROM rm_capacity c WHERE c.trust_id = $1 AND c.staff_id = d0.staff_id AND c.academic_year = $3) c) AS capacity,
              coalesce((SELECT json_agg(json_build_object('agreementId', a.agreement_id, 'status', a.status, 'supportedSchoolIds', a.supported_school_ids, 'days', dep.total_days))
                          FROM rm_deployments dep JOIN rm_agreements a ON a.trust_id = dep.trust_id AND a.agreement_id = dep.agreement_id
                         WHERE dep.trust_id = $1 AND dep.staff_id = d0.staff_id AND NOT coalesce(dep.released, false) AND a.status IN ('agreed','active')), '[]') AS deployed
         FROM (SELECT DISTINCT staff_id FROM rm_designations WHERE trust_id = $1 AND status IN ${LIVE_DESIGNATION}) d0
         JOIN rm_designations d ON d.trust_id = $1 AND d.staff_id = d0.staff_id AND d.status IN ${LIVE_DESIGNATION}
         LEFT JOIN rm_people p ON p.trust_id = $1 AND p.staff_id = d0.staff_id
         LEFT JOIN rm_schools s ON s.trust_id = $1 AND s.school_id = p.school_id
        WHERE ($2::uuid[] IS NULL OR p.school_id = ANY($2))
        GROUP BY d0.staff_id, p.staff_id, p.display_name, p.erased, p.school_id, s.name
        ORDER BY p.display_name NULLS LAST, d0.staff_id`,
      [t, scope.schoolIds, academicYear],
    );
    const systemLeaders = leaders.map((l): SystemLeaderView => {
      const available =
        l.capacity?.available_days ??
        l.designations
          .filter((d: any) => ['approved', 'active'].includes(d.status))
          .reduce((n: number, d: any) => n + (d.releaseDaysPerYear ?? 0), 0);
      const committed = l.capacity?.committed_days ?? 0;
      return {
        staffId: l.staff_id,
        name: name(l.erased, l.display_name),
        employingSchool: l.school_id ? { schoolId: l.school_id, name: l.school_name } : null,
        designations: l.designations,
        academicYear,
        availableDays: available,
        committedDays: committed,
        status:
          committed > available ? 'over-committed' : committed === 0 ? 'idle' : committed === available ? 'fully-committed' : 'available',
        deployedTo: l.deployed,
      };
    });
    const execRows = await this.q<Record<string, any>>(
      `SELECT r.staff_id, p.display_name, p.erased, json_agg(json_build_object('schoolId', s.school_id, 'name', s.name, 'easting', s.easting, 'northing', s.northing) ORDER BY s.name) AS schools
         FROM rm_roles r JOIN rm_schools s ON s.trust_id = r.trust_id AND s.school_id = r.school_id
         LEFT JOIN rm_people p ON p.trust_id = r.trust_id AND p.staff_id = r.staff_id
        WHERE r.trust_id = $1 AND r.role = 'executive-headteacher' AND r.ended_on IS NULL AND ($2::uuid[] IS NULL OR r.school_id = ANY($2))
        GROUP BY r.staff_id, p.display_name, p.erased ORDER BY p.display_name NULLS LAST, r.staff_id`,
      [t, scope.schoolIds],
    );
    const executiveHeads = execRows.map((e) => ({
      staffId: e.staff_id,
      name: name(e.erased, e.display_name),
      schools: e.schools.map((s: any) => ({ schoolId: s.schoolId, name: s.name })),
      travel: span(e.schools.map((s: any) => ({ schoolId: s.schoolId, easting: s.easting, northing: s.northing }))),
    }));
    return {
      academicYear,
      systemLeaders,
      overCommitted: systemLeaders.filter((l) => l.status === 'over-committed').map((l) => l.staffId),
      idle: systemLeaders.filter((l) => l.status === 'idle').map((l) => l.staffId),
      executiveHeads,
    };
  }

  /** Aspiring heads and executive heads: deputies, assistant heads and heads of school, and anyone with an aspiring self-assessment. */
  async pipeline(scope: Scope): Promise<PipelinePerson[]> {
    const rows = await this.q<Record<string, any>>(
      `WITH candidates AS (
         SELECT staff_id FROM rm_roles WHERE trust_id = $1 AND ended_on IS NULL AND role IN ('deputy-headteacher','assistant-headteacher','head-of-school','headteacher')
         UNION SELECT staff_id FROM rm_assessments WHERE trust_id = $1 AND aspiring)
       SELECT p.staff_id, p.display_name, p.erased, p.school_id, coalesce(p.status, 'employed') AS status,
              coalesce((SELECT json_agg(json_build_object('role', r.role, 'schoolId', r.school_id, 'startedOn', r.started_on)) FROM rm_roles r
                         WHERE r.trust_id = $1 AND r.staff_id = c.staff_id AND r.ended_on IS NULL), '[]') AS roles,
              coalesce((SELECT json_agg(json_build_object('role', a.role, 'aspiring', a.aspiring, 'assessedOn', a.assessed_on) ORDER BY a.assessed_on DESC) FROM rm_assessments a
                         WHERE a.trust_id = $1 AND a.staff_id = c.staff_id), '[]') AS assessments,
              coalesce((SELECT json_agg(json_build_object('programmeId', e.programme_id, 'code', pr.code, 'status', e.status, 'passed', e.passed)) FROM rm_enrolments e
                         LEFT JOIN rm_programmes pr ON pr.trust_id = e.trust_id AND pr.programme_id = e.programme_id WHERE e.trust_id = $1 AND e.staff_id = c.staff_id), '[]') AS cpd,
              coalesce((SELECT json_agg(json_build_object('qualification', q.qualification, 'awardedOn', q.awarded_on)) FROM rm_qualifications q
                         WHERE q.trust_id = $1 AND q.staff_id = c.staff_id), '[]') AS qualifications
         FROM candidates c JOIN rm_people p ON p.trust_id = $1 AND p.staff_id = c.staff_id
        WHERE coalesce(p.status, 'employed') = 'employed' AND ($2::uuid[] IS NULL OR p.school_id = ANY($2))
        ORDER BY p.display_name NULLS LAST, p.staff_id`,
      [scope.trustId, scope.schoolIds],
    );
    return rows.map((r) => {
      const aspiringTo = [...new Set((r.assessments as any[]).filter((a) => a.aspiring).map((a) => a.role))];
      const roles = (r.roles as any[]).map((x) => x.role);
      return {
        staffId: r.staff_id,
        name: name(r.erased, r.display_name),
        schoolId: r.school_id,
        currentRoles: r.roles,
        track: roles.includes('headteacher') || aspiringTo.includes('executive-headteacher') ? 'executive-head' : 'head',
        aspiringTo,
        assessments: r.assessments,
        cpdTaken: r.cpd,
        qualifications: r.qualifications,
        // Scores stay in the people service (events carry none): the gaps are its answer.
        skillsGaps: `/api/trusts/${scope.trustId}/staff/${r.staff_id}/gaps${aspiringTo[0] ? `?role=${aspiringTo[0]}` : ''}`,
      };
    });
  }

  /** Alerts, newest first, with whether each was acknowledged; a headteacher's only those about their schools. */
  async alerts(
    scope: Scope,
    f: { kind?: string; acknowledged?: boolean; afterSeq?: number; limit: number; offset: number; ascending?: boolean },
  ): Promise<{ total: number; alerts: AlertView[] }> {
    const rows = await this.q<Record<string, any>>(
      `SELECT al.*, ${ALERT_SCHOOLS}, ack.acknowledged_by, ack.acknowledged_at, count(*) OVER () AS total FROM rm_alerts al
         LEFT JOIN rm_alert_acks ack ON ack.alert_id = al.alert_id
        WHERE al.trust_id = $1 AND ($2::text IS NULL OR al.kind = $2) AND ($3::boolean IS NULL OR (ack.alert_id IS NOT NULL) = $3) AND al.seq > $4
          AND ($5::uuid[] IS NULL OR ${ALERT_IN_SCOPE})
        ORDER BY al.seq ${f.ascending ? 'ASC' : 'DESC'} LIMIT ${f.limit} OFFSET ${f.offset}`,
      [scope.trustId, f.kind ?? null, f.acknowledged ?? null, f.afterSeq ?? 0, scope.schoolIds],
    );
    const names = await this.userNames(
      scope.trustId,
      rows.map((r) => userIdOf(r.acknowledged_by)),
    );
    return { total: rows.length > 0 ? Number(rows[0].total) : 0, alerts: rows.map((r) => alertOut(scope.trustId, r, names)) };
  }

  /** The trust's users by id, named for display (see actor-names.ts); only the ids asked for. */
  private async userNames(trustId: string, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = userIds(ids);
    if (wanted.length === 0) return new Map();
    const rows = await this.q<UserRow>(
      `SELECT u.id, u.email, u.display_name, p.erased FROM users u
         LEFT JOIN rm_people p ON p.trust_id = u.trust_id AND p.staff_id = u.staff_id
        WHERE u.trust_id = $1 AND u.id = ANY($2::uuid[])`,
      [trustId, wanted],
    );
    return new Map(rows.map((u) => [u.id, userName(u)]));
  }

  async alert(scope: Scope, alertId: string): Promise<AlertView | null> {
    const [row] = await this.q<Record<string, any>>(
      `SELECT al.*, ${ALERT_SCHOOLS}, ack.acknowledged_by, ack.acknowledged_at FROM rm_alerts al LEFT JOIN rm_alert_acks ack ON ack.alert_id = al.alert_id
        WHERE al.trust_id = $1 AND al.alert_id = $2 AND ($3::uuid[] IS NULL OR ${ALERT_IN_SCOPE.replaceAll('$5', '$3')})`,
      [scope.trustId, alertId, scope.schoolIds],
    );
    return row ? alertOut(scope.trustId, row, await this.userNames(scope.trustId, [userIdOf(row.acknowledged_by)])) : null;
  }

  /** Records who acknowledged an alert (the first acknowledgement stands). */
  async acknowledge(trustId: string, alertId: string, by: string) {
    await this.db.query(
      `INSERT INTO rm_alert_acks (alert_id, trust_id, acknowledged_by, acknowledged_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING`,
      [alertId, trustId, by],
    );
  }

  /** The audit trail: one row per event, newest first; people named, or shown as erased. */
  async audit(
    scope: Scope,
    f: { subject?: string; type?: string; limit: number; offset: number },
  ): Promise<{ total: number; entries: AuditEntryView[] }> {
    const rows = await this.q<Record<string, any>>(
      `SELECT a.*, count(*) OVER () AS total FROM rm_audit a
        WHERE a.trust_id = $1 AND ($2::uuid IS NULL OR a.subject_ids @> ARRAY[$2::uuid]) AND ($3::text IS NULL OR a.type = $3)
          AND ($4::uuid[] IS NULL OR a.subject_ids && $4)
        ORDER BY a.occurred_at DESC, a.event_id LIMIT ${f.limit} OFFSET ${f.offset}`,
      [scope.trustId, f.subject ?? null, f.type ?? null, scope.schoolIds],
    );
    const ids = [...new Set(rows.flatMap((r) => r.subject_ids as string[]))];
    const [people, schools, actors] = await Promise.all([
      this.q<Record<string, any>>(
        `SELECT staff_id, display_name, erased FROM rm_people WHERE trust_id = $1 AND staff_id = ANY($2::uuid[])`,
        [scope.trustId, ids],
      ),
      this.q<Record<string, any>>(`SELECT school_id, name FROM rm_schools WHERE trust_id = $1 AND school_id = ANY($2::uuid[])`, [
        scope.trustId,
        ids,
      ]),
      this.userNames(
        scope.trustId,
        rows.map((r) => (r.actor_kind === 'user' ? r.actor_id : null)),
      ),
    ]);
    const names = new Map<string, { kind: 'person' | 'school'; name: string | null }>([
      ...people.map((p) => [p.staff_id, { kind: 'person', name: name(p.erased, p.display_name) }] as const),
      ...schools.map((s) => [s.school_id, { kind: 'school', name: s.name }] as const),
    ]);
    return {
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      entries: rows.map((r) => ({
        eventId: r.event_id,
        type: r.type,
        at: r.occurred_at,
        // A user is named (or shown as erased); a service or the system by its id.
        actor: {
          kind: r.actor_kind,
          id: r.actor_id,
          name: r.actor_kind === 'user' ? (actors.get(String(r.actor_id).toLowerCase()) ?? null) : null,
        },
        aggregate: { type: r.aggregate_type, id: r.aggregate_id },
        subjects: (r.subject_ids as string[]).map((id) => ({ id, ...(names.get(id) ?? { kind: null, name: null }) })),
        data: r.data,
      })),
    };
  }
}

/** An alert is a headteacher's when it names one of their schools, or its agreement, leader or commission touches one. */
const ALERT_IN_SCOPE = `(al.school_ids && $5 OR EXISTS (SELECT 1 FROM rm_agreements a WHERE al.subject_type = 'agreement' AND a.trust_id = al.trust_id AND a.agreement_id = al.subject_id AND (a.supported_school_ids && $5 OR a.supporting_school_ids && $5))
  OR EXISTS (SELECT 1 FROM rm_people p WHERE al.subject_type = 'staff' AND p.trust_id = al.trust_id AND p.staff_id = al.subject_id AND p.school_id = ANY($5))
  OR EXISTS (SELECT 1 FROM rm_designations d JOIN rm_people p ON p.trust_id = d.trust_id AND p.staff_id = d.staff_id WHERE al.subject_type = 'designation' AND d.trust_id = al.trust_id AND d.designation_id = al.subject_id AND p.school_id = ANY($5))
  OR EXISTS (SELECT 1 FROM rm_commissions c WHERE al.subject_type = 'commission' AND c.trust_id = al.trust_id AND c.commission_id = al.subject_id AND c.school_ids && $5)
  OR EXISTS (SELECT 1 FROM rm_plans pl WHERE al.subject_type = 'plan' AND pl.trust_id = al.trust_id AND pl.plan_id = al.subject_id AND pl.school_id = ANY($5)))`;

function inspectionOut(r: Record<string, any>): InspectionView {
  return {
    inspectionId: r.inspection_id,
    framework: r.framework,
    startDate: day(r.start_date),
    publicationDate: date(r.publication_date),
    ...(r.framework === 'oeif' ? { overallEffectiveness: r.overall } : {}),
    safeguarding: r.safeguarding,
    categoryOfConcern: r.category_of_concern,
    judgements: r.judgements,
  };
}

const LINKS: Record<string, (t: string, id: string) => string> = {
  school: (t, id) => `/api/trusts/${t}/overview/schools/${id}`,
  plan: (t, id) => `/api/trusts/${t}/plans/${id}`,
  agreement: (t, id) => `/api/trusts/${t}/agreements/${id}`,
  designation: (t, id) => `/api/trusts/${t}/designations/${id}`,
  staff: (t, id) => `/api/trusts/${t}/capacity/${id}`,
  cohort: (t, id) => `/api/trusts/${t}/cohorts/${id}`,
  commission: (t, id) => `/api/trusts/${t}/commissions/${id}`,
};

/**
 * The schools an alert is about, with their names as the read model has them now (`[{schoolId, name}]`, by name):
 * a client names them without having the schools listed itself (a filtered overview, a head's page).
 */
const ALERT_SCHOOLS = `(SELECT coalesce(json_agg(json_build_object('schoolId', s.school_id, 'name', s.name) ORDER BY s.name), '[]')
     FROM rm_schools s WHERE s.trust_id = al.trust_id AND s.school_id = ANY(al.school_ids) AND s.name IS NOT NULL) AS schools`;

export function alertOut(trustId: string, r: Record<string, any>, users: Map<string, string> = new Map()): AlertView {
  return {
    alertId: r.alert_id,
    seq: Number(r.seq),
    kind: r.kind,
    severity: r.severity,
    title: r.title,
    raisedAt: r.raised_at,
    subject: { type: r.subject_type, id: r.subject_id, link: LINKS[r.subject_type]?.(trustId, r.subject_id) ?? null },
    schoolIds: r.school_ids,
    schools: (r.schools ?? []) as { schoolId: string; name: string }[],
    detail: r.detail,
    acknowledged: r.acknowledged_by
      ? { by: r.acknowledged_by, at: r.acknowledged_at, name: users.get(userIdOf(r.acknowledged_by) ?? '') ?? null }
      : null,
  };
}
