/** The CPD service's answers as the CPD page reads them (only the fields it uses). */

export interface Programme {
  id: string;
  code: string;
  kind: string;
  name: string;
  provider: string;
  fundingSource: string;
  costPerPlace: number;
  skills: string[];
  prerequisites: { kind: string; roles: string[]; years?: number; experienceName?: string }[];
  length: { months: number; contactDays: number | null };
  assessed: boolean;
  awardsQualification: boolean;
  status: string;
}

export interface Cohort {
  id: string;
  programmeId: string;
  places: number;
  placesLeft: number;
  enrolled: number;
  waitlisted: number;
  sessions: { date: string; title: string }[];
  firstSession: string;
  lastSession: string;
  venue: { kind: 'school'; schoolId: string } | { kind: 'elsewhere'; name: string };
  status: string;
}

export interface Enrolment {
  id: string;
  cohortId: string;
  programmeId: string;
  staffId: string;
  schoolId: string;
  commissionId: string | null;
  status: string;
  arrival: number;
  position: number | null;
  chargedPence: number;
}

export interface Commission {
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
}

export interface Evaluation {
  id: string;
  programmeId: string;
  programmeCode: string;
  cohortId: string | null;
  recordedAt: string;
  result: {
    measure: string;
    before: string;
    after: string;
    schools: { schoolId: string; before: number; after: number; change: number; improved: boolean | null }[];
    meanChange: number | null;
    improvedIn: number | null;
    summary: string;
    feedback: {
      responses: number;
      responseRate: number | null;
      means: Record<string, number | null>;
      recommendPercent: number | null;
    };
  };
}

export interface SkillGap {
  skill: string;
  importance: number;
  confidence: number;
  gap: number;
  significant: boolean;
}

export interface Recommendations {
  significantGaps: { skill: string; gap: number }[];
  recommendations: {
    code: string;
    name: string;
    covers: { skill: string; gap: number }[];
    coveredGapTotal: number;
    eligible: number;
    audienceSize: number;
    unmet: { rule: string; message: string }[];
    costPerPlace: number;
    explanation: string;
  }[];
  uncovered: { skill: string; gap: number }[];
  note: string | null;
}

export const FRAMEWORK_ROLES = ['lle', 'nle', 'sip', 'professional-partner', 'executive-headteacher'];

/** The CPD service's funding sources for a programme (apps/cpd/src/programmes/programme.ts). */
export const CPD_FUNDING_SOURCES = ['dfe-scholarship', 'dfe-grant', 'local-authority', 'trust-cpd-budget', 'school-budget', 'self-funded'];

/** The 19 skills of the research report's framework, as the services name them (the shared contracts' list). */
export { SKILL_IDS as SKILLS } from '../../../../libs/common/src/events/skills';
