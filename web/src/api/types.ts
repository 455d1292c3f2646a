/** The answers the dashboard reads, as the gateway's read model and the services give them (only the fields used). */
export interface MeasureNow {
  value: number;
  period: string;
  previous: number | null;
  previousPeriod: string | null;
  trend: 'up' | 'down' | 'same' | 'new';
}

export interface Inspection {
  inspectionId?: string;
  startDate: string;
  publicationDate?: string | null;
  overallEffectiveness?: number | null;
  overall?: number | null;
  safeguarding?: string | null;
  categoryOfConcern?: string | null;
  judgements?: { area: string; grade: string }[];
}

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
  phase: string;
  leadershipModel: string | null;
  membership: string;
  localAuthority: string | null;
  pupils: number | null;
  risk: { level: string; reasons: string[]; since: string | null };
  latestInspection: { oeif?: Inspection; reportCard?: Inspection };
  measures: Record<string, MeasureNow>;
  support: { receiving: SupportLink[]; giving: SupportLink[] };
  designatedLeaders: { staffId: string; designation: string; status: string }[];
  cpd: { placesTaken: number; completed: number; waitlisted: number };
}

export interface Overview {
  total: number;
  limit: number;
  offset: number;
  schools: OverviewSchool[];
  totals: {
    schools: number;
    schoolsByRisk: { red: number; amber: number; green: number; unassessed: number };
    pupils: number;
    overdueReports: number;
    leadersOverCapacity: number;
  };
}

export interface Alert {
  alertId: string;
  seq: number;
  kind: string;
  severity: string;
  title: string;
  raisedAt: string;
  subject: { type: string; id: string; link: string | null };
  schoolIds: string[] | null;
  /** The schools it is about, named by the read model. */
  schools: { schoolId: string; name: string }[];
  acknowledged?: { by: string; at: string; name?: string | null } | null;
}

/** One event of the audit trail (`GET audit?subject=`): who did what and when; people erased since are `[erased]`. */
export interface AuditEntry {
  eventId: string;
  type: string;
  at: string;
  actor: { kind: string; id: string; name: string | null };
  aggregate: { type: string; id: string };
  subjects: { id: string; kind: string | null; name: string | null }[];
  data: Record<string, unknown>;
}

/** A school as the schools service lists it (only what the dashboard reads: where it is). */
export interface RegisterSchool {
  id: string;
  urn: number;
  name: string;
  easting: number | null;
  northing: number | null;
}

export interface Leadership {
  academicYear: string;
  systemLeaders: {
    staffId: string;
    name: string | null;
    employingSchool: { schoolId: string; name: string } | null;
    designations: {
      designationId: string;
      type: string;
      status: string;
      termEndsOn: string | null;
      releaseDaysPerYear: number | null;
      dueForRenewal: boolean;
    }[];
    availableDays: number;
    committedDays: number;
    status: string;
    deployedTo: { agreementId: string; status: string; supportedSchoolIds: string[]; days: number }[];
  }[];
  executiveHeads: {
    staffId: string;
    name: string | null;
    schools: { schoolId: string; name: string }[];
    travel: {
      pairs: { from: string; to: string; minutes: number | null }[];
      longestMinutes: number | null;
      overAnHour: boolean;
      unlocated: string[];
    };
  }[];
}

export interface SchoolPageData {
  schoolId: string;
  urn: number;
  name: string;
  phase: string;
  leadershipModel: string | null;
  membership: string;
  joinedOn: string | null;
  localAuthority: string | null;
  risk: { level: string; reasons: string[]; since: string | null };
  inspections: { oeif: Inspection[]; reportCard: Inspection[] };
  measures: { measure: string; history: { period: string; value: number }[] }[];
  riskHistory: { from: string; to: string; reasons: string[]; at: string }[];
  plans: {
    planId: string;
    academicYear: string;
    atRisk: boolean;
    atRiskReasons: string[];
    priorities: number;
    actions: number;
    done: number;
    slipping: number;
    overdue: number;
    completion: number;
  }[];
  support: { receiving: Agreement[]; giving: Agreement[] };
  staff: {
    staffId: string;
    name: string | null;
    roles: { role: string; schoolId: string | null; startedOn: string; endedOn: string | null }[];
    designations: { designationId: string; type: string; status: string; termEndsOn: string | null; dueForRenewal: boolean }[];
  }[];
  cpd: {
    programmeId: string;
    code: string | null;
    name: string | null;
    placesTaken: number;
    completed: number;
    waitlisted: number;
    passed: number;
  }[];
  reviews: { reviewId: string; kind: string; dueOn: string | null; completedOn: string | null }[];
}

export interface Agreement {
  agreementId: string;
  status: string;
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  startsOn: string | null;
  endsOn: string | null;
  fundingSource: string | null;
  deployments: { staffId: string; totalDays: number; released: boolean }[];
  flags: { staffId: string; as: string; cause: string; reason: string; at: string }[];
  flagged: boolean;
  overdueReports: number;
}

export interface Plan {
  id: string;
  academicYear: string;
  status: string;
  progress: { status: string; completion: number };
  atRisk: boolean;
  riskReasons: string[];
  priorities: {
    id: string;
    title: string;
    actions: { id: string; title: string; ownerId: string; dueOn: string; status: string; evidence: string[] }[];
  }[];
}

export interface Designation {
  id: string;
  staffId: string;
  type: string;
  specialisms: string[];
  status: string;
  schoolId: string;
  termStartsOn: string | null;
  termEndsOn: string | null;
  releaseDaysPerYear: number | null;
  renewalFlaggedFor: string | null;
  version: number;
}

export interface Staff {
  id: string;
  firstName: string | null;
  lastName: string | null;
  schoolId: string | null;
  status: string;
  roles: { role: string; schoolId: string | null }[];
}

export interface Capacity {
  staffId: string;
  academicYear: string;
  availableDays: number;
  committedDays: number;
  remainingDays: number;
  status: string;
}

export interface GapReport {
  role: string;
  people: number;
  gaps: { skill: string; importance: number; confidence: number; gap: number; significant: boolean }[];
}

export interface PipelinePerson {
  staffId: string;
  name: string | null;
  track: string;
  currentRoles: { role: string; schoolId: string | null }[];
  aspiringTo: string[];
  cpdTaken: { code: string | null; programmeId: string; status: string }[];
  qualifications: { qualification: string }[];
}
