/**
 * What the trust-wide view answers, field by field: the read model's queries map their rows to these, and the
 * OpenAPI document describes its answers from them (`npm run docs:api`). Dates are ISO strings (`2026-09-01`), times
 * ISO timestamps; a field is `null` when the events have not said it yet.
 */
import type { Travel } from './travel';

/** A measure's latest value for a school, with the one before it. */
export interface MeasureNow {
  value: number;
  period: string;
  previous: number | null;
  previousPeriod: string | null;
  /** The latest against the one before: `new` when there is none before. */
  trend: 'up' | 'down' | 'same' | 'new';
}

/** One inspection as the read model holds it; `overallEffectiveness` only for an OEIF (graded) inspection. */
export interface InspectionView {
  inspectionId: string;
  /** `oeif` or a report-card framework: grades of different frameworks are never compared. */
  framework: string;
  startDate: string;
  publicationDate: string | null;
  overallEffectiveness?: number | null;
  safeguarding: string | null;
  categoryOfConcern: string | null;
  judgements: { area: string; grade: string }[];
}

/** A school's latest inspection under each framework (either may be absent). */
export interface LatestInspections {
  oeif?: InspectionView;
  reportCard?: InspectionView;
}

export interface RiskView {
  level: 'red' | 'amber' | 'green' | 'unassessed';
  reasons: string[];
  since: Date | null;
}

/** A live support agreement (draft, agreed or active) a school receives or gives. */
export interface SupportLink {
  agreementId: string;
  status: string;
  flags: number;
  overdueReports: number;
}

export interface OverviewSchool {
  schoolId: string;
  urn: number;
  name: string;
  phase: string | null;
  leadershipModel: 'A' | 'B' | 'C' | null;
  membership: 'member' | 'former-member' | 'not-member' | null;
  localAuthority: string | null;
  /** The latest `pupilsOnRoll` measure, else GIAS's figure. */
  pupils: number | null;
  risk: RiskView;
  latestInspection: LatestInspections;
  /** By measure name (`attendance`, `attainmentExpectedStandard`, …). */
  measures: Record<string, MeasureNow>;
  support: { receiving: SupportLink[]; giving: SupportLink[] };
  designatedLeaders: { staffId: string; designation: string; status: string }[];
  cpd: { placesTaken: number; completed: number; waitlisted: number };
}

/** Over every member school in scope, not just the page. */
export interface TrustTotals {
  schools: number;
  schoolsByRisk: { red: number; amber: number; green: number; unassessed: number };
  pupils: number;
  overdueReports: number;
  leadersOverCapacity: number;
}

export interface OverviewResponse {
  /** Schools matching the filters, over every page. */
  total: number;
  limit: number;
  offset: number;
  schools: OverviewSchool[];
  totals: TrustTotals;
}

/** A support agreement as a school's page shows it. */
export interface AgreementView {
  agreementId: string;
  status: string | null;
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  startsOn: string | null;
  endsOn: string | null;
  fundingSource: string | null;
  fundingAmountPence: number | null;
  remainingPence: number | null;
  qaLeadId: string | null;
  deployments: { staffId: string; totalDays: number | null; released: boolean }[];
  flags: { staffId: string; as: string; cause: string; reason: string; at: string }[];
  flagged: boolean;
  overdueReports: number;
}

export interface SchoolPageResponse {
  schoolId: string;
  urn: number | null;
  name: string | null;
  phase: string | null;
  leadershipModel: 'A' | 'B' | 'C' | null;
  membership: 'member' | 'former-member' | 'not-member' | null;
  joinedOn: string | null;
  leftOn: string | null;
  localAuthority: string | null;
  risk: RiskView;
  inspections: { oeif: InspectionView[]; reportCard: InspectionView[] };
  measures: { measure: string; history: { period: string; value: number }[] }[];
  riskHistory: { from: string; to: string; reasons: string[]; at: Date }[];
  plans: {
    planId: string;
    academicYear: string | null;
    atRisk: boolean;
    atRiskReasons: string[];
    priorities: number;
    actions: number;
    done: number;
    slipping: number;
    overdue: number;
    /** Per cent of the plan's actions done. */
    completion: number;
  }[];
  support: { receiving: AgreementView[]; giving: AgreementView[] };
  staff: {
    staffId: string;
    /** `[erased]` for a person erased since. */
    name: string | null;
    roles: { role: string; schoolId: string | null; startedOn: string | null; endedOn: string | null }[];
    designations: { designationId: string; type: string; status: string | null; termEndsOn: string | null; dueForRenewal: boolean }[];
  }[];
  cpd: {
    programmeId: string | null;
    code: string | null;
    name: string | null;
    placesTaken: number;
    completed: number;
    waitlisted: number;
    passed: number;
  }[];
  reviews: { reviewId: string; kind: string; dueOn: string | null; completedOn: string | null }[];
}

export interface SystemLeaderView {
  staffId: string;
  name: string | null;
  employingSchool: { schoolId: string; name: string | null } | null;
  designations: {
    designationId: string;
    type: string;
    status: string | null;
    termEndsOn: string | null;
    releaseDaysPerYear: number | null;
    dueForRenewal: boolean;
  }[];
  academicYear: string;
  availableDays: number;
  committedDays: number;
  status: 'over-committed' | 'idle' | 'fully-committed' | 'available';
  deployedTo: { agreementId: string; status: string | null; supportedSchoolIds: string[] | null; days: number | null }[];
}

export interface ExecutiveHeadView {
  staffId: string;
  name: string | null;
  schools: { schoolId: string; name: string | null }[];
  travel: Travel;
}

export interface LeadershipResponse {
  academicYear: string;
  systemLeaders: SystemLeaderView[];
  /** Staff ids of the system leaders committed beyond their days. */
  overCommitted: string[];
  /** Staff ids of the system leaders with nothing committed. */
  idle: string[];
  executiveHeads: ExecutiveHeadView[];
}

export interface SupportNamesResponse {
  people: { staffId: string; name: string | null }[];
}

export interface PipelinePerson {
  staffId: string;
  name: string | null;
  schoolId: string | null;
  currentRoles: { role: string; schoolId: string | null; startedOn: string | null }[];
  track: 'head' | 'executive-head';
  aspiringTo: string[];
  assessments: { role: string; aspiring: boolean; assessedOn: string }[];
  cpdTaken: { programmeId: string | null; code: string | null; status: string; passed: boolean | null }[];
  qualifications: { qualification: string | null; awardedOn: string | null }[];
  /** Where the people service answers this person's skills gaps (scores stay there). */
  skillsGaps: string;
}

export interface PipelineResponse {
  people: PipelinePerson[];
}

export interface AlertView {
  alertId: string;
  /** The live stream's event id (`Last-Event-ID`): alerts in the order they were raised. */
  seq: number;
  kind: string;
  severity: string;
  title: string;
  raisedAt: Date;
  subject: { type: string; id: string; link: string | null };
  schoolIds: string[];
  /** The schools it is about, named as the read model has them now. */
  schools: { schoolId: string; name: string }[];
  detail: Record<string, unknown>;
  acknowledged: { by: string; at: Date; name: string | null } | null;
}

export interface AlertsResponse {
  total: number;
  limit: number;
  offset: number;
  alerts: AlertView[];
}

export interface AuditEntryView {
  eventId: string;
  type: string;
  at: Date;
  /** A user is named (or shown as erased); a service or the system by its id. */
  actor: { kind: string; id: string; name: string | null };
  aggregate: { type: string; id: string };
  subjects: { id: string; kind: 'person' | 'school' | null; name: string | null }[];
  data: Record<string, unknown>;
}

export interface AuditResponse {
  total: number;
  limit: number;
  offset: number;
  entries: AuditEntryView[];
}
