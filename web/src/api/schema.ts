// Generated from docs/openapi.json by `npm run docs:api` (apps/gateway/src/api-docs/schema-types.ts): do not edit.

export type AddActionCommand = {
  title: string;
  ownerId: string;
  dueOn: string;
  status?: "not-started" | "on-track" | "at-risk" | "off-track" | "done" | null;
  evidence?: string[] | null;
};

export type AddPriorityCommand = {
  title: string;
  link: PriorityLinkInput;
};

export type AgreeCommand = {
  approvedBy?: unknown;
};

export type AgreementResponse = {
  id: string;
  trustId: string;
  status: string;
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  deployments: DeploymentResponse[];
  priorityAreas: PriorityLink[];
  responsibilities: {
    party: string;
    text: string;
  }[];
  impact: {
    id: string;
    measure: string;
    baseline: number;
    target: number;
    byWhen: string;
  }[];
  schedule: {
    startsOn: string;
    endsOn: string;
    interimReportsDue: string[];
    finalReportDue: string;
  };
  funding: {
    source: string;
    amountPence: number;
    spentPence: number;
    remainingPence: number;
  };
  qaLeadId: string | null;
  endedReason: string | null;
  version: number;
  /** On GET /agreements/:id, and on lists as a count. */
  openFlags?: number;
  flags?: FlagResponse[];
  history?: ({
    action: string;
    from: string | null;
    to: string;
    by: string;
    reason: string | null;
    effectiveOn: string;
    at: string;
  })[];
  spends?: {
    id: string;
    amountPence: number;
    spentOn: string;
    description: string;
  }[];
  reports?: ImpactReportResponse[];
};

/** A support agreement as a school's page shows it. */
export type AgreementView = {
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
  deployments: ({
    staffId: string;
    totalDays: number | null;
    released: boolean;
  })[];
  flags: {
    staffId: string;
    as: string;
    cause: string;
    reason: string;
    at: string;
  }[];
  flagged: boolean;
  overdueReports: number;
};

export type AlertStreamQuery = {
  lastEventId?: string | null;
};

export type AlertView = {
  alertId: string;
  /** The live stream's event id (`Last-Event-ID`): alerts in the order they were raised. */
  seq: number;
  kind: string;
  severity: string;
  title: string;
  raisedAt: string;
  subject: {
    type: string;
    id: string;
    link: string | null;
  };
  schoolIds: string[];
  /** The schools it is about, named as the read model has them now. */
  schools: {
    schoolId: string;
    name: string;
  }[];
  detail: {
    [key: string]: unknown;
  };
  acknowledged: {
    by: string;
    at: string;
    name: string | null;
  } | null;
};

export type AlertsQuery = {
  kind?: "risk-worsened" | "inspection-grade-fell" | "plan-at-risk" | "impact-report-overdue" | "support-flagged" | "designation-lapsing" | "leader-over-committed" | "cohort-waitlist" | "commission-near-budget" | null;
  acknowledged?: "true" | "false" | null;
  format?: "json" | "csv" | null;
  limit?: number | null;
  offset?: number | null;
};

export type AlertsResponse = {
  total: number;
  limit: number;
  offset: number;
  alerts: AlertView[];
};

export type ApplyForDesignationCommand = {
  staffId: string;
  type: "sle" | "lle" | "nle" | "professional-partner" | "sip" | "consultant-head";
  specialisms?: string[] | null;
  reason: string;
  decidedBy: string;
};

export type ApproveDesignationCommand = {
  termStartsOn: string;
  reason: string;
  decidedBy: string;
  expectedVersion?: number | null;
  outcomes?: string | null;
  supportRecord?: string | null;
  commitment?: ReleaseCommitmentInput | null;
};

export type AssessCommand = {
  passed: boolean;
};

export type AssessmentResponse = {
  id: string;
  staffId: string;
  role: string;
  aspiring: boolean;
  assessedOn: string;
  confidences: {
    [key: string]: number;
  };
};

export type AuditEntryView = {
  eventId: string;
  type: string;
  at: string;
  /** A user is named (or shown as erased); a service or the system by its id. */
  actor: {
    kind: string;
    id: string;
    name: string | null;
  };
  aggregate: {
    type: string;
    id: string;
  };
  subjects: ({
    id: string;
    kind: "person" | "school" | null;
    name: string | null;
  })[];
  data: {
    [key: string]: unknown;
  };
};

export type AuditQuery = {
  subject?: string | null;
  type?: string | null;
  format?: "json" | "csv" | null;
  limit?: number | null;
  offset?: number | null;
};

export type AuditResponse = {
  total: number;
  limit: number;
  offset: number;
  entries: AuditEntryView[];
};

export type ByProgrammeQuery = {
  programmeId?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type CallbackQuery = {
  code?: string | null;
  state?: string | null;
  error?: string | null;
  error_description?: string | null;
  session_state?: string | null;
  iss?: string | null;
};

export type CallerIdentity = {
  /** The gateway's user id (a UUID); the event actor is `user:<userId>`. */
  userId: string;
  /** The trust the user belongs to; null only for platform administrators. */
  trustId: string | null;
  roles: ("ceo" | "cpd-lead" | "executive" | "head-of-school" | "headteacher" | "hr" | "platform-admin" | "qa-lead" | "trust-admin")[];
  /** Schools (the schools service's school ids) a headteacher or head of school leads; empty for other roles. */
  schoolIds: string[];
  /** The people service's staff id of the member of staff this sign-in belongs to, when a trust administrator linked them: services take the acting staff member (a QA lead approving, a reviewer) from here, never from a body. */
  staffId?: string;
};

export type CapacityResponse = {
  staffId: string;
  academicYear: string;
  availableDays: number;
  committedDays: number;
  remainingDays: number;
  status: "available" | "fully-committed" | "idle" | "no-release" | "over-committed";
};

export type ChangeActionStatusCommand = {
  status: "not-started" | "on-track" | "at-risk" | "off-track" | "done";
  evidence?: string[] | null;
};

export type ChangeUserDto = {
  displayName?: string | null;
  roles?: ("trust-admin" | "ceo" | "executive" | "hr" | "cpd-lead" | "headteacher" | "head-of-school" | "qa-lead")[] | null;
  schoolIds?: string[] | null;
  disabled?: boolean | null;
  staffId?: string | null;
};

export type CohortView = {
  id: string;
  programmeId: string;
  places: number;
  placesLeft: number;
  enrolled: number;
  waitlisted: number;
  sessions: Session[];
  firstSession: string;
  lastSession: string;
  venue: Venue;
  facilitatorIds: string[];
  status: "cancelled" | "scheduled";
  cancelledOn: string | null;
};

export type CommissionCommand = {
  programmeId: string;
  schoolIds: string[];
  budgetPence: number;
};

export type CommissionReviewCommand = {
  schoolId: string;
  kind: "pupil-premium" | "send" | "governance" | "curriculum" | "safeguarding" | "attendance";
  reviewerId: string;
  dueOn: string;
};

export type CommissionView = {
  id: string;
  programmeId: string;
  programmeCode: string;
  schoolIds: string[];
  budgetPence: number;
  costPerPlacePence: number;
  committedPence: number;
  remainingPence: number;
  nearBudget: boolean;
  spent: boolean;
  summary: string;
};

export type CompleteReviewCommand = {
  reviewerId?: unknown;
  summary: string;
};

export type CompletionRate = {
  programmeCode: string;
  /** Enrolments that reached an end: completed, assessed, or withdrawn by request or by leaving. */
  finished: number;
  completed: number;
  withdrawnRequested: number;
  withdrawnLeft: number;
  /** completed ÷ finished, one decimal; null before anyone finished. */
  completionPercent: number | null;
  assessed: number;
  passed: number;
  passPercent: number | null;
  /** Still holding a place (not counted in the rate). */
  inProgress: number;
};

export type CostCommand = {
  amountPence: number;
  description: string;
};

/** A report as JSON: its rows, per school (take-up), per programme (completion) or per evaluation (impact). */
export type CpdReportResponse = {
  report: "completion" | "impact" | "take-up";
  rows: SchoolTakeUp[] | CompletionRate[] | EvaluationFact[];
};

export type CreatePlanCommand = {
  schoolId: string;
  academicYear: string;
};

export type CreateSchoolDto = {
  urn: number;
  name: string;
  phase: "nursery" | "primary" | "middle" | "secondary" | "all-through" | "16-plus" | "special" | "alternative-provision" | "not-applicable";
  membership?: "member" | "former-member" | "not-member" | null;
  joinedTrustOn?: string;
  joinRoute?: "sponsored" | "converter" | "free-school" | "transfer" | "other" | null;
  establishmentType?: string | null;
  status?: string | null;
  localAuthorityCode?: string | null;
  localAuthority?: string | null;
  street?: string | null;
  town?: string | null;
  postcode?: string | null;
  easting?: number | null;
  northing?: number | null;
  pupilsOnRoll?: number | null;
  capacity?: number | null;
  lowAge?: number | null;
  /** not below lowAge */
  highAge?: number | null;
  leadershipModel?: "A" | "B" | "C" | null;
  predecessorUrn?: number | null;
  openedOn?: string;
  /** not below openedOn */
  closedOn?: string;
};

export type CreateUserDto = {
  email: string;
  displayName?: string | null;
  roles: ("trust-admin" | "ceo" | "executive" | "hr" | "cpd-lead" | "headteacher" | "head-of-school" | "qa-lead")[];
  schoolIds?: string[] | null;
  staffId?: string | null;
  password?: string | null;
};

export type CriterionInput = {
  id?: string | null;
  measure: string;
  baseline: number;
  target: number;
  byWhen: string;
};

/** One skipped row: where it is, why, and what it was about. The one row-error type of every import (an import job stores and returns these; the CLI prints them). */
export type CsvRowError = {
  /** Physical line of the file (header = line 1). */
  line: number;
  reason: string;
  [key: string]: string | number;
};

export type DecisionCommand = {
  reason: string;
  decidedBy: string;
  expectedVersion?: number | null;
};

export type DeployLeaderCommand = {
  leaderId: string;
  days: number;
  daysByYear?: Record<string, unknown> | null;
};

export type DeploymentResponse = {
  id: string;
  leaderId: string;
  days: number;
  daysByYear: {
    [key: string]: number;
  };
};

export type DesignationResponse = {
  id: string;
  trustId: string;
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
  /** On GET /designations/:id only. */
  history?: TransitionResponse[];
  commitments?: {
    schoolId: string;
    daysPerYear: number;
    signedBy: string;
    signedOn: string;
  }[];
};

export type DraftAgreementCommand = {
  supportedSchoolIds: string[];
  supportingSchoolIds: string[];
  priorityAreas?: PriorityLinkInput[] | null;
  responsibilities?: ResponsibilityInput[] | null;
  impact?: CriterionInput[] | null;
  schedule: ScheduleInput;
  funding: FundingInput;
  qaLeadId?: string | null;
};

export type EndAgreementCommand = {
  reason: string;
  by: string;
};

export type EndRoleCommand = {
  endedOn: string;
};

export type EnrolCommand = {
  cohortId: string;
  staffId: string;
  commissionId?: string | null;
};

export type EnrolmentListQuery = {
  cohortId?: string | null;
  staffId?: string | null;
  status?: "enrolled" | "waitlisted" | "withdrawn" | "completed" | "passed" | "not-passed" | null;
  limit?: number | null;
  offset?: number | null;
};

export type EnrolmentView = {
  id: string;
  cohortId: string;
  programmeId: string;
  staffId: string;
  schoolId: string;
  commissionId: string | null;
  status: "completed" | "enrolled" | "not-passed" | "passed" | "waitlisted" | "withdrawn";
  /** The cohort's request number: the order requests were accepted in. */
  arrival: number;
  /** 1 = next to be promoted; null unless waitlisted. */
  position: number | null;
  withdrawalReason: "cohort-cancelled" | "left-trust" | "requested" | null;
  chargedPence: number;
  changedOn: string;
};

export type ErrorResponse = {
  statusCode: number;
  /** the status text, e.g. Not Found */
  error?: string;
  message: string;
  errors: {
    /** the input at fault: a body field (`values.attendance`), a path parameter, `body`, `query`, `path` */
    field: string;
    problems: string[];
  }[];
};

export type EvaluationCommand = {
  programmeId: string;
  cohortId?: string | null;
  measure: "pupilsOnRoll" | "attainmentExpectedStandard" | "progress" | "attendance" | "persistentAbsence" | "pupilPremiumShare" | "sendShare" | "exclusions" | "inYearBalance" | "staffTurnover";
  before?: string | null;
  after?: string | null;
};

export type EvaluationFact = {
  programmeCode: string;
  measure: string;
  before: string;
  after: string;
  schoolsMeasured: number;
  meanChange: number | null;
  improvedIn: number | null;
  feedbackResponses: number;
  meanOverall: number | null;
  recommendPercent: number | null;
};

/** What an evaluation keeps: the measured impact and the feedback summary at the time. */
export type EvaluationResult = {
  measure: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
  before: string;
  after: string;
  schools: SchoolImpact[];
  missing: {
    schoolId: string;
    periods: string[];
  }[];
  /** Mean of the changes, two decimals; null when no school was measured in both periods. */
  meanChange: number | null;
  /** How many of the measured schools improved (null for a neutral measure). */
  improvedIn: number | null;
  summary: string;
  feedback: FeedbackSummary;
};

export type EvaluationView = {
  id: string;
  programmeId: string;
  programmeCode: string;
  cohortId: string | null;
  result: EvaluationResult;
  recordedAt: string;
};

export type ExecutiveHeadView = {
  staffId: string;
  name: string | null;
  schools: ({
    schoolId: string;
    name: string | null;
  })[];
  travel: Travel;
};

export type FeedbackCommand = {
  ratings: RatingsDto;
  wouldRecommend: boolean;
};

export type FeedbackSummary = {
  responses: number;
  /** Responses as a whole percentage of the participants asked; null when nobody was asked. */
  responseRate: number | null;
  /** Mean rating per question, two decimals; null with no responses. */
  means: {
    overall: number | null;
    relevance: number | null;
    impactOnPractice: number | null;
  };
  /** How many gave each rating 1..5, per question. */
  distribution: {
    overall: number[];
    relevance: number[];
    impactOnPractice: number[];
  };
  /** Whole percentage who would recommend it; null with no responses. */
  recommendPercent: number | null;
};

export type FindTrustsQuery = {
  groupUid: string;
};

export type FlagResponse = {
  id: string;
  staffId: string | null;
  as: string;
  cause: string;
  reason: string;
  raisedAt: string;
  resolvedAt: string | null;
};

export type FrameworkResponse = {
  id: string | null;
  isDefault: boolean;
  version: number;
  name: string;
  source: string;
  skills: {
    id: string;
    name: string;
  }[];
  importance: {
    [key: string]: {
      [key: string]: number;
    };
  };
};

export type FundingInput = {
  source: "strategic-improvement-fund" | "trust-budget" | "local-authority" | "dfe-grant" | "other";
  amountPence: number;
};

export type GapDto = {
  skill: "experience-as-headteacher" | "experience-of-different-schools" | "policy-and-structures" | "influencing-and-negotiation" | "case-studies-and-best-practice" | "communication" | "team-building" | "planning-and-goals" | "coaching-and-mentoring" | "data-analysis" | "strategic-thinking" | "further-help-and-support-structures" | "leading-learning-in-other-schools" | "leading-change-in-other-schools" | "identifying-key-priorities" | "culture-of-high-expectations" | "diverse-pupils-and-parents" | "motivating-and-developing-staff" | "behaviour-management-in-different-contexts";
  gap: number;
};

export type GapReport = {
  role: string;
  /** People whose latest assessment is counted. */
  people: number;
  gaps: SkillGap[];
  significant: SkillGap[];
};

export type GroupGapsQuery = {
  role: "professional-partner" | "sip" | "lle" | "nle" | "executive-headteacher";
  staffRole?: "ceo" | "executive-headteacher" | "headteacher" | "head-of-school" | "deputy-headteacher" | "assistant-headteacher" | "middle-leader" | "senco" | "teacher" | "business-manager" | "other" | null;
  schoolId?: string | null;
  aspiring?: boolean | null;
  minRespondents?: number | null;
};

export type IdTokenDto = {
  idToken: string;
};

export type ImpactReportResponse = {
  id: string;
  agreementId: string;
  kind: string;
  sequence: number;
  dueOn: string;
  status: string;
  overdue: boolean;
  submittedOn: string | null;
  judgements: {
    criterionId: string;
    measured: number;
    progress: number;
    judgement: string;
    explanation: string;
  }[];
  overall: string | null;
  narrative: string | null;
  signedOffBy: string | null;
  signedOffOn: string | null;
};

export type ImportJobResponseDto = {
  id: string;
  trustId: string;
  kind: "gias-establishments" | "gias-groups" | "gias-links" | "ofsted";
  scope: "all" | "trust";
  fileName: string | null;
  status: ImportStatus;
  totalBytes: number;
  processedBytes: number;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errorCount: number;
  /** The first row errors (all are counted in errorCount). */
  errors: CsvRowError[];
  /** How it ended, or why the file was refused (naming the line when there is one). */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type ImportStatus = "completed" | "failed" | "interrupted" | "queued" | "running";

/** An inspection as the API returns it (`id` is the `inspectionId` of its events). */
export type InspectionResponseDto = {
  id: string;
  urn: number;
  judgements: Judgement[];
  framework: "oeif" | "report-card";
  safeguarding: string | null;
  inspectionNumber: string | null;
  inspectionType: string | null;
  startDate: string;
  publicationDate: string | null;
  overallEffectiveness: number | null;
  categoryOfConcern: string | null;
  /** `api`, or `import:<import id>` for one read from an Ofsted file. */
  source: string;
  recordedAt: string;
};

/** One inspection as the read model holds it; `overallEffectiveness` only for an OEIF (graded) inspection. */
export type InspectionView = {
  inspectionId: string;
  /** `oeif` or a report-card framework: grades of different frameworks are never compared. */
  framework: string;
  startDate: string;
  publicationDate: string | null;
  overallEffectiveness?: number | null;
  safeguarding: string | null;
  categoryOfConcern: string | null;
  judgements: {
    area: string;
    grade: string;
  }[];
};

export type JoinStaffCommand = {
  firstName: string;
  lastName: string;
  workEmail?: string | null;
  schoolId: string;
  joinedOn: string;
  role?: "ceo" | "executive-headteacher" | "headteacher" | "head-of-school" | "deputy-headteacher" | "assistant-headteacher" | "middle-leader" | "senco" | "teacher" | "business-manager" | "other" | null;
};

export type JoinTrustDto = {
  joinedOn: string;
  route: "sponsored" | "converter" | "free-school" | "transfer" | "other";
};

export type Judgement = {
  area: string;
  grade: string;
};

export type JudgementDto = {
  area: string;
  grade: "1" | "2" | "3" | "4" | "exceptional" | "strong-standard" | "expected-standard" | "needs-attention" | "urgent-improvement";
};

/** A school's latest inspection under each framework (either may be absent). */
export type LatestInspections = {
  oeif?: InspectionView;
  reportCard?: InspectionView;
};

export type LeadershipQuery = {
  academicYear?: string | null;
  format?: "json" | "csv" | null;
};

export type LeadershipResponse = {
  academicYear: string;
  systemLeaders: SystemLeaderView[];
  /** Staff ids of the system leaders committed beyond their days. */
  overCommitted: string[];
  /** Staff ids of the system leaders with nothing committed. */
  idle: string[];
  executiveHeads: ExecutiveHeadView[];
};

export type LeaveStaffCommand = {
  leftOn: string;
};

export type LeaveTrustDto = {
  leftOn: string;
  reason?: string | null;
};

export type ListAgreementsQuery = {
  status?: "draft" | "agreed" | "active" | "completed" | "ended" | null;
  flagged?: "true" | "false" | null;
  schoolId?: string | null;
  leaderId?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListCapacityQuery = {
  academicYear?: string | null;
  status?: "over-committed" | "fully-committed" | "available" | "idle" | "no-release" | null;
  staffId?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListDesignationsQuery = {
  status?: "applied" | "approved" | "active" | "suspended" | "lapsed" | "revoked" | "refused" | null;
  type?: "sle" | "lle" | "nle" | "professional-partner" | "sip" | "consultant-head" | null;
  schoolId?: string | null;
  staffId?: string | null;
  expiresFrom?: string;
  expiresTo?: string;
  limit?: number | null;
  offset?: number | null;
};

export type ListPlansQuery = {
  schoolId?: string | null;
  academicYear?: string | null;
  status?: "live" | "closed" | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListQuery = {
  format?: "json" | "csv" | null;
};

export type ListReportsQuery = {
  agreementId?: string | null;
  status?: "due" | "submitted" | "signed-off" | null;
  kind?: "interim" | "final" | null;
  overdue?: "true" | "false" | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListReviewsQuery = {
  schoolId?: string | null;
  status?: "commissioned" | "completed" | "cancelled" | null;
  overdue?: "true" | "false" | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListSchoolsQuery = {
  phase?: "nursery" | "primary" | "middle" | "secondary" | "all-through" | "16-plus" | "special" | "alternative-provision" | "not-applicable" | null;
  risk?: "green" | "amber" | "red" | "unassessed" | null;
  localAuthority?: string | null;
  leadershipModel?: "A" | "B" | "C" | null;
  membership?: "member" | "former-member" | "not-member" | null;
  q?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type ListStaffQuery = {
  q?: string | null;
  schoolId?: string | null;
  role?: "ceo" | "executive-headteacher" | "headteacher" | "head-of-school" | "deputy-headteacher" | "assistant-headteacher" | "middle-leader" | "senco" | "teacher" | "business-manager" | "other" | null;
  status?: "employed" | "left" | "erased" | null;
  limit?: number | null;
  offset?: number | null;
};

/** A measure's latest value for a school, with the one before it. */
export type MeasureNow = {
  value: number;
  period: string;
  previous: number | null;
  previousPeriod: string | null;
  /** The latest against the one before: `new` when there is none before. */
  trend: "down" | "new" | "same" | "up";
};

/** One value of one measure for one period, of the school with this URN (a school's history includes its predecessors'). */
export type MeasureResponseDto = {
  urn: number;
  period: string;
  name: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
  value: number;
  recordedAt: string;
};

export type MeasureValuesDto = {
  pupilsOnRoll?: number | null;
  attainmentExpectedStandard?: number | null;
  progress?: number | null;
  attendance?: number | null;
  persistentAbsence?: number | null;
  pupilPremiumShare?: number | null;
  sendShare?: number | null;
  exclusions?: number | null;
  inYearBalance?: number | null;
  staffTurnover?: number | null;
};

export type MoveStaffCommand = {
  schoolId: string;
  movedOn: string;
};

export type OidcSettingsDto = {
  issuer: string;
  clientId: string;
  clientSecret?: string | null;
  roleClaim: string;
  roleMapping: Record<string, unknown>;
};

export type OneTimeLink = {
  link: string;
  token: string;
  expiresAt: string;
};

export type OverviewQuery = {
  membership?: "member" | "former-member" | "not-member" | null;
  phase?: string | null;
  risk?: "green" | "amber" | "red" | "unassessed" | null;
  leadershipModel?: "A" | "B" | "C" | null;
  q?: string | null;
  sort?: "name" | "-name" | "urn" | "risk" | "-risk" | "pupils" | "-pupils" | "phase" | null;
  format?: "json" | "csv" | null;
  limit?: number | null;
  offset?: number | null;
};

export type OverviewResponse = {
  /** Schools matching the filters, over every page. */
  total: number;
  limit: number;
  offset: number;
  schools: OverviewSchool[];
  totals: TrustTotals;
};

export type OverviewSchool = {
  schoolId: string;
  urn: number;
  name: string;
  phase: string | null;
  leadershipModel: "A" | "B" | "C" | null;
  membership: "former-member" | "member" | "not-member" | null;
  localAuthority: string | null;
  /** The latest `pupilsOnRoll` measure, else GIAS's figure. */
  pupils: number | null;
  risk: RiskView;
  latestInspection: LatestInspections;
  /** By measure name (`attendance`, `attainmentExpectedStandard`, …). */
  measures: {
    [key: string]: MeasureNow;
  };
  support: {
    receiving: SupportLink[];
    giving: SupportLink[];
  };
  designatedLeaders: {
    staffId: string;
    designation: string;
    status: string;
  }[];
  cpd: {
    placesTaken: number;
    completed: number;
    waitlisted: number;
  };
};

export type PersonGapsQuery = {
  role: "professional-partner" | "sip" | "lle" | "nle" | "executive-headteacher";
};

export type PipelinePerson = {
  staffId: string;
  name: string | null;
  schoolId: string | null;
  currentRoles: ({
    role: string;
    schoolId: string | null;
    startedOn: string | null;
  })[];
  track: "executive-head" | "head";
  aspiringTo: string[];
  assessments: {
    role: string;
    aspiring: boolean;
    assessedOn: string;
  }[];
  cpdTaken: ({
    programmeId: string | null;
    code: string | null;
    status: string;
    passed: boolean | null;
  })[];
  qualifications: ({
    qualification: string | null;
    awardedOn: string | null;
  })[];
  /** Where the people service answers this person's skills gaps (scores stay there). */
  skillsGaps: string;
};

export type PipelineResponse = {
  people: PipelinePerson[];
};

/** Who may enrol. `role-held`: currently holds one of the roles. `years-in-role`: has served at least `years` (past or present) in any of the roles, counted from the role history. */
export type Prerequisite = {
  kind: "role-held";
  roles: ("assistant-headteacher" | "business-manager" | "ceo" | "deputy-headteacher" | "executive-headteacher" | "head-of-school" | "headteacher" | "middle-leader" | "other" | "senco" | "teacher")[];
} | {
  kind: "years-in-role";
  roles: ("assistant-headteacher" | "business-manager" | "ceo" | "deputy-headteacher" | "executive-headteacher" | "head-of-school" | "headteacher" | "middle-leader" | "other" | "senco" | "teacher")[];
  years: number;
  experienceName: string;
};

export type PrerequisiteDto = {
  kind: "role-held" | "years-in-role";
  roles: ("ceo" | "executive-headteacher" | "headteacher" | "head-of-school" | "deputy-headteacher" | "assistant-headteacher" | "middle-leader" | "senco" | "teacher" | "business-manager" | "other")[];
  years?: number | null;
  experienceName?: string | null;
};

export type PriorityLink = {
  kind: "inspection-area";
  framework: "oeif" | "report-card";
  area: string;
} | {
  kind: "measure";
  measure: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
};

export type PriorityLinkInput = {
  kind: "inspection-area" | "measure";
  framework?: "oeif" | "report-card" | null;
  area?: string | null;
  measure?: "pupilsOnRoll" | "attainmentExpectedStandard" | "progress" | "attendance" | "persistentAbsence" | "pupilPremiumShare" | "sendShare" | "exclusions" | "inYearBalance" | "staffTurnover" | null;
};

export type ProgrammeCommand = {
  code: string;
  kind: "npq" | "trust";
  name: string;
  provider: string;
  fundingSource: "dfe-scholarship" | "dfe-grant" | "local-authority" | "trust-cpd-budget" | "school-budget" | "self-funded";
  costPerPlacePence: number;
  skills: ("experience-as-headteacher" | "experience-of-different-schools" | "policy-and-structures" | "influencing-and-negotiation" | "case-studies-and-best-practice" | "communication" | "team-building" | "planning-and-goals" | "coaching-and-mentoring" | "data-analysis" | "strategic-thinking" | "further-help-and-support-structures" | "leading-learning-in-other-schools" | "leading-change-in-other-schools" | "identifying-key-priorities" | "culture-of-high-expectations" | "diverse-pupils-and-parents" | "motivating-and-developing-staff" | "behaviour-management-in-different-contexts")[];
  prerequisites?: PrerequisiteDto[] | null;
  lengthMonths: number;
  contactDays?: number | null;
  assessed: boolean;
  awardsQualification: boolean;
};

export type ProgrammeLength = {
  /** Calendar span from the first session: every session of a cohort falls within it. */
  months: number;
  /** Days of face-to-face sessions, when the provider states them. */
  contactDays: number | null;
};

export type ProgrammeListQuery = {
  status?: "published" | "retired" | null;
  limit?: number | null;
  offset?: number | null;
};

export type ProgrammeView = {
  status: "published" | "retired";
  /** 1 when published, +1 at each change. */
  version: number;
  /** Stable code: `NPQH`, `TRUST-AEH`. */
  code: string;
  kind: "npq" | "trust";
  name: string;
  provider: string;
  fundingSource: "dfe-grant" | "dfe-scholarship" | "local-authority" | "school-budget" | "self-funded" | "trust-cpd-budget";
  costPerPlace: number;
  skills: ("behaviour-management-in-different-contexts" | "case-studies-and-best-practice" | "coaching-and-mentoring" | "communication" | "culture-of-high-expectations" | "data-analysis" | "diverse-pupils-and-parents" | "experience-as-headteacher" | "experience-of-different-schools" | "further-help-and-support-structures" | "identifying-key-priorities" | "influencing-and-negotiation" | "leading-change-in-other-schools" | "leading-learning-in-other-schools" | "motivating-and-developing-staff" | "planning-and-goals" | "policy-and-structures" | "strategic-thinking" | "team-building")[];
  prerequisites: Prerequisite[];
  length: ProgrammeLength;
  /** Ends in an assessment (passed or not): NPQs do, most trust programmes do not. */
  assessed: boolean;
  /** A pass is a qualification the people service records on the person. */
  awardsQualification: boolean;
  id: string;
};

export type QualificationResponse = {
  qualification: string;
  programmeCode: string;
  awardedOn: string;
  enrolmentId: string;
};

export type RatingsDto = {
  overall: number;
  relevance: number;
  impactOnPractice: number;
};

export type ReasonCommand = {
  reason: string;
};

export type RebuildState = "caught-up" | "failed" | "idle" | "running" | "swapped";

export type RebuildStatus = {
  state: RebuildState;
  startedAt: string | null;
  caughtUpAt: string | null;
  swappedAt: string | null;
  /** Events the rebuild's consumer applied to its copy. */
  eventsApplied: number;
  /** Messages its group has still to read (while running). */
  lag: number | null;
  /** How long making the copy durable (SET LOGGED) and building its indexes took, after it caught up (ms). */
  durableMs: number | null;
  indexesMs: number | null;
  /** How long the live consumer was stopped for the last events and the swap, and the swap transaction alone (ms). */
  livePausedMs: number | null;
  swapMs: number | null;
  error: string | null;
};

export type Recommendation = {
  code: string;
  name: string;
  /** The significant gaps it develops, largest first. */
  covers: ReportedGap[];
  /** Sum of the sizes of the covered gaps (positive, two decimals). */
  coveredGapTotal: number;
  /** How many of the audience meet the prerequisites (0 or 1 for a person). */
  eligible: number;
  audienceSize: number;
  /** A person's unmet prerequisites, each explained (empty for a group or when met). */
  unmet: Refusal[];
  costPerPlace: number;
  explanation: string;
};

export type RecommendationCommand = {
  staffId?: string | null;
  staffIds?: string[] | null;
  gaps?: GapDto[] | null;
  role?: "professional-partner" | "sip" | "lle" | "nle" | "executive-headteacher" | null;
  confidences?: Record<string, unknown> | null;
};

export type RecordAssessmentCommand = {
  role: "professional-partner" | "sip" | "lle" | "nle" | "executive-headteacher";
  aspiring: boolean;
  assessedOn: string;
  confidences: Record<string, unknown>;
};

export type RecordInspectionDto = {
  framework: "oeif" | "report-card";
  inspectionNumber?: string | null;
  inspectionType?: string | null;
  startDate: string;
  /** not below startDate */
  publicationDate?: string;
  overallEffectiveness?: number | null;
  categoryOfConcern?: "special-measures" | "serious-weaknesses" | "requires-significant-improvement" | null;
  safeguarding?: "met" | "not-met" | "effective" | "not-effective" | null;
  /** no two items with the same area */
  judgements?: JudgementDto[] | null;
};

export type RecordMeasuresDto = {
  period: string;
  values: MeasureValuesDto;
};

/** What recording measures did: the values that changed (and were announced), and how many were as stored. */
export type RecordMeasuresResponseDto = {
  urn: number;
  period: string;
  changed: ({
    name: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
    value: number;
  })[];
  unchanged: number;
};

export type RecordSpendCommand = {
  amountPence: number;
  spentOn: string;
  description: string;
};

export type RefreshDto = {
  refreshToken: string;
};

/** Every rule that says no says why, in a sentence a CPD lead can pass on, with the numbers behind it. `rule` is a stable id for clients (`places`, `budget`, `prerequisite`, …). */
export type Refusal = {
  rule: string;
  message: string;
};

export type RegisterTrustDto = {
  name: string;
  groupUid?: string | null;
  companiesHouseNumber?: string | null;
  groupType?: string | null;
};

export type ReleaseCommitmentInput = {
  schoolId: string;
  daysPerYear: number;
  signedBy: string;
  signedOn: string;
};

export type RenewDesignationCommand = {
  outcomes?: string | null;
  supportRecord?: string | null;
  commitment?: ReleaseCommitmentInput | null;
  reason: string;
  decidedBy: string;
  expectedVersion?: number | null;
};

export type ReplaceFrameworkCommand = {
  name?: string | null;
  importance: Record<string, unknown>;
  expectedVersion?: number | null;
};

/** The rules as stored (their version is the previous one plus one) and what re-deriving every school changed. */
export type ReplaceRiskRulesResponseDto = {
  rules: RiskRules;
  /** Schools re-derived (those with something to judge by). */
  reassessed: number;
  /** Schools whose risk status changed. */
  changed: number;
};

export type ReportQuery = {
  format?: "json" | "csv" | null;
};

/** For a person or a group with a skills-gap report (the people service's: gap = confidence − importance per skill; −1.0 or worse is significant), the published programmes that develop their significant gaps, ranked and explained. Rank: the total size of the significant gaps a programme covers (largest first), then how many can take it (prerequisites met), then the cost per place (cheapest first), then the code, so the order is stable. */
export type ReportedGap = {
  skill: "behaviour-management-in-different-contexts" | "case-studies-and-best-practice" | "coaching-and-mentoring" | "communication" | "culture-of-high-expectations" | "data-analysis" | "diverse-pupils-and-parents" | "experience-as-headteacher" | "experience-of-different-schools" | "further-help-and-support-structures" | "identifying-key-priorities" | "influencing-and-negotiation" | "leading-change-in-other-schools" | "leading-learning-in-other-schools" | "motivating-and-developing-staff" | "planning-and-goals" | "policy-and-structures" | "strategic-thinking" | "team-building";
  gap: number;
};

export type ResponsibilityInput = {
  party: "supported" | "supporting" | "qa-lead" | "trust";
  text: string;
};

export type RiskRules = {
  /** Positive whole number, increased on every change. */
  version: number;
  name?: string;
  inspection: {
    oeif: {
      /** Level for an overall effectiveness grade, e.g. `{ "3": "amber", "4": "red" }`. */
      overallEffectiveness: {
        "1"?: "amber" | "green" | "red";
        "2"?: "amber" | "green" | "red";
        "3"?: "amber" | "green" | "red";
        "4"?: "amber" | "green" | "red";
      };
      /** Level when any sub-judgement has this grade (quality of education...). */
      judgements: {
        "1"?: "amber" | "green" | "red";
        "2"?: "amber" | "green" | "red";
        "3"?: "amber" | "green" | "red";
        "4"?: "amber" | "green" | "red";
      };
      safeguardingNotEffective: "amber" | "green" | "red" | null;
    };
    reportCard: {
      /** Level when any area has this grade, e.g. `{ "needs-attention": "amber", "urgent-improvement": "red" }`. */
      judgements: {
        exceptional?: "amber" | "green" | "red";
        "strong-standard"?: "amber" | "green" | "red";
        "expected-standard"?: "amber" | "green" | "red";
        "needs-attention"?: "amber" | "green" | "red";
        "urgent-improvement"?: "amber" | "green" | "red";
      };
      safeguardingNotMet: "amber" | "green" | "red" | null;
    };
    categoryOfConcern: {
      /** By normalised category (`special-measures`, `serious-weaknesses`, `requires-significant-improvement`). */
      levels: {
        [key: string]: "amber" | "green" | "red";
      };
      /** For any other category of concern; null to ignore. */
      otherwise: "amber" | "green" | "red" | null;
    };
  };
  measures: {
    /** Overrides of the default direction of measures (see MEASURE_INFO), used by trend rules. */
    directions?: {
      pupilsOnRoll?: "higher-is-better" | "lower-is-better" | "neutral";
      attainmentExpectedStandard?: "higher-is-better" | "lower-is-better" | "neutral";
      progress?: "higher-is-better" | "lower-is-better" | "neutral";
      attendance?: "higher-is-better" | "lower-is-better" | "neutral";
      persistentAbsence?: "higher-is-better" | "lower-is-better" | "neutral";
      pupilPremiumShare?: "higher-is-better" | "lower-is-better" | "neutral";
      sendShare?: "higher-is-better" | "lower-is-better" | "neutral";
      exclusions?: "higher-is-better" | "lower-is-better" | "neutral";
      inYearBalance?: "higher-is-better" | "lower-is-better" | "neutral";
      staffTurnover?: "higher-is-better" | "lower-is-better" | "neutral";
    };
    thresholds: ThresholdRule[];
    trends: TrendRule[];
  };
};

/** A trust's risk rules: its own, or the defaults (`isDefault`) until it sets some. */
export type RiskRulesResponseDto = {
  rules: RiskRules;
  isDefault: boolean;
};

export type RiskView = {
  level: "amber" | "green" | "red" | "unassessed";
  reasons: string[];
  since: string | null;
};

export type RoleSpellResponse = {
  id: string;
  role: string;
  schoolId: string | null;
  startedOn: string;
  endedOn: string | null;
};

export type ScheduleCohortCommand = {
  programmeId: string;
  places: number;
  sessions: SessionDto[];
  venue: VenueDto;
  facilitatorIds: string[];
};

export type ScheduleInput = {
  startsOn: string;
  endsOn: string;
  interimReportsDue: string[];
  finalReportDue: string;
};

/** One school with its history: the URNs it succeeded, its successors, and the inspections and measures of them all. */
export type SchoolDetailResponseDto = {
  id: string;
  urn: number;
  status: string | null;
  pupilsOnRoll: number | null;
  membership: "former-member" | "member" | "not-member";
  name: string;
  phase: "16-plus" | "all-through" | "alternative-provision" | "middle" | "not-applicable" | "nursery" | "primary" | "secondary" | "special";
  establishmentType: string | null;
  localAuthorityCode: string | null;
  localAuthority: string | null;
  street: string | null;
  town: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  capacity: number | null;
  lowAge: number | null;
  highAge: number | null;
  joinedTrustOn: string | null;
  leftTrustOn: string | null;
  joinRoute: "converter" | "free-school" | "other" | "sponsored" | "transfer" | null;
  leadershipModel: "A" | "B" | "C" | null;
  predecessorUrn: number | null;
  openedOn: string | null;
  closedOn: string | null;
  risk: SchoolRiskDto;
  /** This URN and its predecessors', newest first. */
  lineage: number[];
  successors: {
    urn: number;
    name: string;
  }[];
  inspections: InspectionResponseDto[];
  measures: MeasureResponseDto[];
};

export type SchoolImpact = {
  schoolId: string;
  before: number;
  after: number;
  change: number;
  improved: boolean | null;
};

export type SchoolListResponseDto = {
  /** Schools matching the filters (all pages). */
  total: number;
  items: SchoolResponseDto[];
};

export type SchoolPageResponse = {
  schoolId: string;
  urn: number | null;
  name: string | null;
  phase: string | null;
  leadershipModel: "A" | "B" | "C" | null;
  membership: "former-member" | "member" | "not-member" | null;
  joinedOn: string | null;
  leftOn: string | null;
  localAuthority: string | null;
  risk: RiskView;
  inspections: {
    oeif: InspectionView[];
    reportCard: InspectionView[];
  };
  measures: {
    measure: string;
    history: {
      period: string;
      value: number;
    }[];
  }[];
  riskHistory: {
    from: string;
    to: string;
    reasons: string[];
    at: string;
  }[];
  plans: ({
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
  })[];
  support: {
    receiving: AgreementView[];
    giving: AgreementView[];
  };
  staff: ({
    staffId: string;
    /** `[erased]` for a person erased since. */
    name: string | null;
    roles: ({
      role: string;
      schoolId: string | null;
      startedOn: string | null;
      endedOn: string | null;
    })[];
    designations: ({
      designationId: string;
      type: string;
      status: string | null;
      termEndsOn: string | null;
      dueForRenewal: boolean;
    })[];
  })[];
  cpd: ({
    programmeId: string | null;
    code: string | null;
    name: string | null;
    placesTaken: number;
    completed: number;
    waitlisted: number;
    passed: number;
  })[];
  reviews: ({
    reviewId: string;
    kind: string;
    dueOn: string | null;
    completedOn: string | null;
  })[];
};

/** A school as the API returns it: its register entry and its risk status (`id` is the `schoolId` of its events). */
export type SchoolResponseDto = {
  id: string;
  urn: number;
  status: string | null;
  pupilsOnRoll: number | null;
  membership: "former-member" | "member" | "not-member";
  name: string;
  phase: "16-plus" | "all-through" | "alternative-provision" | "middle" | "not-applicable" | "nursery" | "primary" | "secondary" | "special";
  establishmentType: string | null;
  localAuthorityCode: string | null;
  localAuthority: string | null;
  street: string | null;
  town: string | null;
  postcode: string | null;
  easting: number | null;
  northing: number | null;
  capacity: number | null;
  lowAge: number | null;
  highAge: number | null;
  joinedTrustOn: string | null;
  leftTrustOn: string | null;
  joinRoute: "converter" | "free-school" | "other" | "sponsored" | "transfer" | null;
  leadershipModel: "A" | "B" | "C" | null;
  predecessorUrn: number | null;
  openedOn: string | null;
  closedOn: string | null;
  risk: SchoolRiskDto;
};

export type SchoolRiskDto = {
  /** null: nothing to judge by yet (unassessed). */
  level: "amber" | "green" | "red" | null;
  reasons: string[];
  evaluatedAt: string | null;
};

export type SchoolTakeUp = {
  schoolId: string;
  schoolName: string;
  /** Distinct people who took a place (enrolled now, or completed or assessed). */
  participants: number;
  enrolled: number;
  waitlisted: number;
  completed: number;
  withdrawn: number;
  /** Distinct programmes with at least one place taken. */
  programmes: number;
};

export type Session = {
  date: string;
  title: string;
};

export type SessionDto = {
  date: string;
  title: string;
};

export type SetPasswordDto = {
  token: string;
  password: string;
};

export type SignInCodeDto = {
  code: string;
};

export type SignInDto = {
  email: string;
  password: string;
};

export type SignInSettingsDto = {
  trustName?: string | null;
  oidc?: OidcSettingsDto | null;
};

export type SignOffCommand = {
  signedOffBy?: unknown;
};

export type SkillGap = {
  skill: "behaviour-management-in-different-contexts" | "case-studies-and-best-practice" | "coaching-and-mentoring" | "communication" | "culture-of-high-expectations" | "data-analysis" | "diverse-pupils-and-parents" | "experience-as-headteacher" | "experience-of-different-schools" | "further-help-and-support-structures" | "identifying-key-priorities" | "influencing-and-negotiation" | "leading-change-in-other-schools" | "leading-learning-in-other-schools" | "motivating-and-developing-staff" | "planning-and-goals" | "policy-and-structures" | "strategic-thinking" | "team-building";
  importance: number;
  /** The person's confidence, or the group's mean (two decimals). */
  confidence: number;
  /** confidence − importance, two decimals. */
  gap: number;
  significant: boolean;
  /** How many assessments gave this skill (1 for a person). */
  respondents: number;
};

export type SourceSummary = {
  source: "dfe-grant" | "local-authority" | "other" | "strategic-improvement-fund" | "trust-budget";
  agreements: number;
  amountPence: number;
  spentPence: number;
  remainingPence: number;
};

/** A staff import as the API returns it and the import CLI reads it (plain types, no TypeORM). */
export type StaffImportStatus = "completed" | "failed" | "interrupted" | "queued" | "running";

export type StaffImportView = {
  id: string;
  trustId: string;
  fileName: string | null;
  status: StaffImportStatus;
  totalBytes: number;
  processedBytes: number;
  rowsRead: number;
  /** People who joined. */
  created: number;
  /** People recorded before whose school or role spells changed. */
  updated: number;
  unchanged: number;
  errorCount: number;
  /** The first row errors (all are counted in errorCount), each with its line and reason. */
  errors: CsvRowError[];
  /** How it ended, or why the file was refused (naming the line when there is one). */
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export type StaffResponse = {
  id: string;
  trustId: string;
  firstName: string | null;
  lastName: string | null;
  workEmail: string | null;
  schoolId: string | null;
  status: string;
  joinedOn: string;
  leftOn: string | null;
  version: number;
  /** Current roles (all roles on GET /staff/:id). */
  roles: RoleSpellResponse[];
};

export type StartImportQuery = {
  kind?: "gias-establishments" | "gias-groups" | "gias-links" | "ofsted" | null;
  scope?: "trust" | "all" | null;
  fileName?: string | null;
  wait?: "true" | "false" | null;
};

export type StartRoleCommand = {
  role: "ceo" | "executive-headteacher" | "headteacher" | "head-of-school" | "deputy-headteacher" | "assistant-headteacher" | "middle-leader" | "senco" | "teacher" | "business-manager" | "other";
  schoolId?: string | null;
  startedOn: string;
  endedOn?: string;
};

export type StartStaffImportQuery = {
  fileName?: string | null;
  wait?: "true" | "false" | null;
};

export type StepCommand = {
  by: string;
};

export type SubmitReportCommand = {
  measured: Record<string, unknown>;
  narrative: string;
  submittedBy: string;
};

/** A live support agreement (draft, agreed or active) a school receives or gives. */
export type SupportLink = {
  agreementId: string;
  status: string;
  flags: number;
  overdueReports: number;
};

export type SupportNamesResponse = {
  people: ({
    staffId: string;
    name: string | null;
  })[];
};

export type SupportSettingsCommand = {
  maxConcurrentSupportingAgreements: number;
};

export type SystemLeaderView = {
  staffId: string;
  name: string | null;
  employingSchool: {
    schoolId: string;
    name: string | null;
  } | null;
  designations: ({
    designationId: string;
    type: string;
    status: string | null;
    termEndsOn: string | null;
    releaseDaysPerYear: number | null;
    dueForRenewal: boolean;
  })[];
  academicYear: string;
  availableDays: number;
  committedDays: number;
  status: "available" | "fully-committed" | "idle" | "over-committed";
  deployedTo: ({
    agreementId: string;
    status: string | null;
    supportedSchoolIds: string[] | null;
    days: number | null;
  })[];
};

/** The rules that turn a school's latest inspection and measures into a risk level. They are data (plain JSON, versioned) so that each trust can see and tune them, and an event can say which version produced a level. */
export type ThresholdRule = {
  /** Names the rule in findings; defaults to e.g. `attendance-below-90`. */
  id?: string;
  measure: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
  /** Exactly one of `below` / `above`; the comparison is strict (a balance of exactly £0 is not below 0). */
  below?: number;
  above?: number;
  level: "amber" | "green" | "red";
};

export type TokenPair = {
  accessToken: string;
  tokenType: "Bearer";
  /** Seconds the access token lives. */
  expiresIn: number;
  refreshToken: string;
};

export type TrainReviewerCommand = {
  trainedFor: ("pupil-premium" | "send" | "governance" | "curriculum" | "safeguarding" | "attendance")[];
};

export type TransitionResponse = {
  action: string;
  from: string | null;
  to: string;
  reason: string;
  decidedBy: {
    kind: string;
    id: string;
  };
  decidedAt: string;
  effectiveOn: string;
};

/** The travel between an executive head's schools: every pair (minutes null where a school has no location). */
export type Travel = {
  pairs: ({
    from: string;
    to: string;
    minutes: number | null;
  })[];
  longestMinutes: number | null;
  /** Whether any pair is 60 minutes or more apart. */
  overAnHour: boolean;
  /** The schools GIAS gives no location for. */
  unlocated: string[];
};

export type TrendRule = {
  id?: string;
  measure: "attainmentExpectedStandard" | "attendance" | "exclusions" | "inYearBalance" | "persistentAbsence" | "progress" | "pupilPremiumShare" | "pupilsOnRoll" | "sendShare" | "staffTurnover";
  /** How many of the most recent periods to look at (at least 2): the change is from the first to the last. */
  periods: number;
  /** Fires when the measure got worse by more than this, in its unit (percentage points for percentages). */
  worseningBy: number;
  level: "amber" | "green" | "red";
  /** Which periods count: `years` (default) compares whole academic years only, since a spring term's attendance is not comparable with an autumn's; `terms` only terms; `all` everything in order. */
  basis?: "all" | "terms" | "years";
};

/** A trust as the API returns it. */
export type TrustResponseDto = {
  id: string;
  name: string;
  /** GIAS group UID, e.g. "2044". */
  groupUid: string | null;
  companiesHouseNumber: string | null;
  groupType: string | null;
};

/** Over every member school in scope, not just the page. */
export type TrustTotals = {
  schools: number;
  schoolsByRisk: {
    red: number;
    amber: number;
    green: number;
    unassessed: number;
  };
  pupils: number;
  overdueReports: number;
  leadersOverCapacity: number;
};

export type UpdateAgreementCommand = {
  supportedSchoolIds?: string[] | null;
  supportingSchoolIds?: string[] | null;
  priorityAreas?: PriorityLinkInput[] | null;
  responsibilities?: ResponsibilityInput[] | null;
  impact?: CriterionInput[] | null;
  schedule?: ScheduleInput | null;
  funding?: FundingInput | null;
  qaLeadId?: string | null;
  expectedVersion?: number | null;
};

export type UpdateSchoolDto = {
  name?: string | null;
  phase?: "nursery" | "primary" | "middle" | "secondary" | "all-through" | "16-plus" | "special" | "alternative-provision" | "not-applicable" | null;
  establishmentType?: string | null;
  status?: string | null;
  localAuthorityCode?: string | null;
  localAuthority?: string | null;
  street?: string | null;
  town?: string | null;
  postcode?: string | null;
  easting?: number | null;
  northing?: number | null;
  pupilsOnRoll?: number | null;
  capacity?: number | null;
  lowAge?: number | null;
  /** not below lowAge */
  highAge?: number | null;
  leadershipModel?: "A" | "B" | "C" | null;
  predecessorUrn?: number | null;
  openedOn?: string;
  /** not below openedOn */
  closedOn?: string;
};

export type UpdateTrustDto = {
  name?: string | null;
  groupUid?: string | null;
  companiesHouseNumber?: string | null;
  groupType?: string | null;
};

/** A user as the API shows it (never the hash or the provider subject). */
export type UserResponse = {
  id: string;
  trustId: string | null;
  email: string;
  displayName: string | null;
  roles: ("ceo" | "cpd-lead" | "executive" | "head-of-school" | "headteacher" | "hr" | "platform-admin" | "qa-lead" | "trust-admin")[];
  schoolIds: string[];
  /** The staff record this account signs in for (the people service's staff id); null: not linked. */
  staffId: string | null;
  signIn: "not-set" | "oidc" | "password";
  disabled: boolean;
};

/** A cohort: one run of a programme on dates, at a venue, with facilitators (staff, often SLEs) and a fixed number of places. Its sessions are in date order, one a day, and all fall within the programme's length from the first session. */
export type Venue = {
  kind: "school";
  schoolId: string;
} | {
  kind: "elsewhere";
  name: string;
};

export type VenueDto = {
  schoolId?: string | null;
  name?: string | null;
};
