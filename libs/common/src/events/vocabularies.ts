/**
 * Vocabularies several services read: the values a school's profile, an inspection or a measure can
 * take. Part of the contracts (no Nest, Kafka or TypeORM), so people, improvement, cpd and the gateway
 * use the same words as the schools service that publishes them.
 */

export const SCHOOL_PHASES = [
  'nursery',
  'primary',
  'middle',
  'secondary',
  'all-through',
  '16-plus',
  'special',
  'alternative-provision',
  'not-applicable',
] as const;
export type SchoolPhase = (typeof SCHOOL_PHASES)[number];

/** A: headteacher alone; B: executive head with a head of school; C: within the trust under an executive head or the CEO. */
export const LEADERSHIP_MODELS = ['A', 'B', 'C'] as const;
export type LeadershipModel = (typeof LEADERSHIP_MODELS)[number];

export const MEMBERSHIPS = ['member', 'former-member', 'not-member'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];

export const JOIN_ROUTES = ['sponsored', 'converter', 'free-school', 'transfer', 'other'] as const;
export type JoinRoute = (typeof JOIN_ROUTES)[number];

export const RISK_LEVELS = ['green', 'amber', 'red'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Two Ofsted frameworks that must never be put on one scale. `oeif`: the Education Inspection
 * Framework, one overall grade 1–4 plus sub-judgements (to November 2025); `report-card`: a grade per
 * area and safeguarding met or not (since 10 November 2025).
 */
export const INSPECTION_FRAMEWORKS = ['oeif', 'report-card'] as const;
export type InspectionFramework = (typeof INSPECTION_FRAMEWORKS)[number];

/** OEIF grades as text, best first: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
export const OEIF_GRADES = ['1', '2', '3', '4'] as const;
export type OeifGrade = (typeof OEIF_GRADES)[number];

export const OEIF_GRADE_NAMES: Readonly<Record<OeifGrade, string>> = {
  '1': 'Outstanding',
  '2': 'Good',
  '3': 'Requires improvement',
  '4': 'Inadequate',
};

/** OEIF sub-judgement areas. */
export const OEIF_AREAS = [
  'quality-of-education',
  'behaviour-and-attitudes',
  'personal-development',
  'leadership-and-management',
  'early-years',
  'sixth-form',
] as const;
export type OeifArea = (typeof OEIF_AREAS)[number];

/** Report-card grades, best first. */
export const REPORT_CARD_GRADES = ['exceptional', 'strong-standard', 'expected-standard', 'needs-attention', 'urgent-improvement'] as const;
export type ReportCardGrade = (typeof REPORT_CARD_GRADES)[number];

export const REPORT_CARD_GRADE_NAMES: Readonly<Record<ReportCardGrade, string>> = {
  exceptional: 'Exceptional',
  'strong-standard': 'Strong standard',
  'expected-standard': 'Expected standard',
  'needs-attention': 'Needs attention',
  'urgent-improvement': 'Urgent improvement',
};

/** Report-card areas. */
export const REPORT_CARD_AREAS = [
  'inclusion',
  'curriculum-and-teaching',
  'achievement',
  'attendance-and-behaviour',
  'personal-development-and-wellbeing',
  'early-years',
  'post-16',
  'leadership-and-governance',
] as const;
export type ReportCardArea = (typeof REPORT_CARD_AREAS)[number];

/** Safeguarding: report card `met` / `not-met`; OEIF `effective` / `not-effective`. */
export const SAFEGUARDING_OUTCOMES = ['met', 'not-met', 'effective', 'not-effective'] as const;
export type SafeguardingOutcome = (typeof SAFEGUARDING_OUTCOMES)[number];

/** The measures a school reports per academic year or term. */
export const MEASURE_NAMES = [
  'pupilsOnRoll',
  'attainmentExpectedStandard',
  'progress',
  'attendance',
  'persistentAbsence',
  'pupilPremiumShare',
  'sendShare',
  'exclusions',
  'inYearBalance',
  'staffTurnover',
] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];
