import type * as Api from '../../api/schema';

// The CPD service's answers, as docs/openapi.json describes them (generated from the service's response types).
export type Programme = Api.ProgrammeView;
export type Cohort = Api.CohortView;
export type Enrolment = Api.EnrolmentView;
export type Commission = Api.CommissionView;
export type Evaluation = Api.EvaluationView;
export type SkillGap = Api.SkillGap;
/** What `POST recommendations` answers (the parts the page reads; the answer is not a named type). */
export interface Recommendations {
  significantGaps: Api.ReportedGap[];
  recommendations: Api.Recommendation[];
  uncovered: Api.ReportedGap[];
  note: string | null;
}

export const FRAMEWORK_ROLES = ['lle', 'nle', 'sip', 'professional-partner', 'executive-headteacher'];

/** The CPD service's funding sources for a programme (apps/cpd/src/programmes/programme.ts). */
export const CPD_FUNDING_SOURCES = ['dfe-scholarship', 'dfe-grant', 'local-authority', 'trust-cpd-budget', 'school-budget', 'self-funded'];

/** The 19 skills of the research report's framework, as the services name them (the shared contracts' list). */
export { SKILL_IDS as SKILLS } from '../../../../libs/common/src/events/skills';
