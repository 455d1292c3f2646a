import { ROLES, type Role } from '@trustwide/common';
import type { OwningService } from '../proxy/service-routes';

/**
 * Who may call each endpoint of the public API (under /api), in one table: the gateway enforces it before
 * forwarding (access.ts), docs/access.md is generated from it, the access matrix test walks it, and a unit test
 * fails when a service has a route this table does not name.
 *
 * - A path with `:trustId` is the caller's own trust only: another trust's is a 404, whatever the role.
 * - `roles` may call it. A user holding several roles passes with any of them; the service is told only the
 *   roles that let them through (so a headteacher who is also HR is HR on staff routes and headteacher on plans).
 * - A school role (headteacher, head-of-school) acts only for the schools the user leads (`schoolIds`, the schools
 *   service's school ids). `schools` says who checks that: 'path' (the gateway, against `:schoolId` in the path)
 *   or 'service' (the service, with its data: `schoolScope(caller)` filters its lists, and another school's
 *   plan or URN is a 404 there), or 'whole-trust' (nothing in it belongs to one school: the trust's name).
 *   A route that lists a school role must say which.
 * - `qaNamed`: the service checks the caller is the QA lead named on the agreement (the improvement service's
 *   rule against its own data: the gateway does not know agreements). The caller is their sign-in's linked staff
 *   record (`stf` in the token), never a staff id in the body; an account with no link is a 403 there.
 * - `staffNamed`: the same for another named member of staff (a review's commissioned reviewer).
 * - `upload`: the body is a streamed file (no JSON size cap at the gateway).
 */
export interface RouteRule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Under /api, e.g. `/trusts/:trustId/designations/:designationId/approve`. */
  path: string;
  service: OwningService;
  roles: readonly Role[];
  schools?: 'path' | 'service' | 'whole-trust';
  qaNamed?: boolean;
  staffNamed?: boolean;
  upload?: boolean;
  /** One line for the docs. */
  does: string;
}

const TRUST_ROLES = ROLES.filter((r) => r !== 'platform-admin');
const EXEC: Role[] = ['ceo', 'executive'];
const HEADS: Role[] = ['headteacher', 'head-of-school'];

const T = '/trusts/:trustId';
type Rule = Omit<RouteRule, 'method' | 'path'>;
const get = (path: string, rule: Rule): RouteRule => ({ method: 'GET', path, ...rule });
const post = (path: string, rule: Rule): RouteRule => ({ method: 'POST', path, ...rule });
const put = (path: string, rule: Rule): RouteRule => ({ method: 'PUT', path, ...rule });
const patch = (path: string, rule: Rule): RouteRule => ({ method: 'PATCH', path, ...rule });

// ---- schools: the trust, its schools and their data ----
const schools = (roles: Role[], does: string, extra: Partial<Rule> = {}): Rule => ({ service: 'schools', roles, does, ...extra });
const SCHOOLS: RouteRule[] = [
  post('/trusts', schools(['platform-admin'], 'register a trust')),
  get('/trusts', schools(['platform-admin'], 'find trusts by GIAS group UID')),
  get(T, schools([...TRUST_ROLES, 'platform-admin'], 'the trust', { schools: 'whole-trust' })),
  patch(T, schools(['trust-admin'], 'change the trust (name, GIAS group)')),
  post(`${T}/schools`, schools(['trust-admin'], 'add a school')),
  get(`${T}/schools`, schools(TRUST_ROLES, 'list schools (a headteacher: their own)', { schools: 'service' })),
  get(`${T}/schools/:urn`, schools(TRUST_ROLES, 'a school (a headteacher: their own)', { schools: 'service' })),
  patch(`${T}/schools/:urn`, schools(['trust-admin'], 'change a school')),
  post(`${T}/schools/:urn/join`, schools(['trust-admin'], 'a school joins the trust')),
  post(`${T}/schools/:urn/leave`, schools(['trust-admin'], 'a school leaves the trust')),
  post(`${T}/schools/:urn/measures`, schools(['trust-admin'], 'record measures')),
  post(`${T}/schools/:urn/inspections`, schools(['trust-admin'], 'record an inspection')),
  post(`${T}/imports`, schools(['trust-admin'], 'import a GIAS file (CSV upload)', { upload: true })),
  get(`${T}/imports`, schools(['trust-admin', ...EXEC], 'list imports')),
  get(`${T}/imports/:id`, schools(['trust-admin', ...EXEC], 'an import')),
  get(`${T}/risk-rules`, schools(['trust-admin', ...EXEC], 'the risk rules')),
  put(`${T}/risk-rules`, schools(['trust-admin', 'ceo'], 'change the risk rules')),
];

// ---- people: staff, designations, capacity, skills ----
const people = (roles: Role[], does: string, extra: Partial<Rule> = {}): Rule => ({ service: 'people', roles, does, ...extra });
const HR: Role[] = ['hr'];
const STAFF_READERS: Role[] = ['hr', ...EXEC, 'cpd-lead', ...HEADS];
const SKILLS: Role[] = ['hr', 'cpd-lead'];
const PEOPLE: RouteRule[] = [
  post(`${T}/staff`, people(HR, 'add a member of staff')),
  post(`${T}/staff/imports`, people(['hr', 'trust-admin'], 'import a staff list (CSV upload from the MIS/HR system)', { upload: true })),
  get(`${T}/staff/imports`, people(['hr', 'trust-admin'], 'list staff imports')),
  get(`${T}/staff/imports/:importId`, people(['hr', 'trust-admin'], 'a staff import')),
  get(`${T}/staff`, people(STAFF_READERS, 'list staff (a headteacher: their schools’)', { schools: 'service' })),
  get(`${T}/staff/:staffId`, people(STAFF_READERS, 'a member of staff (a headteacher: of their schools)', { schools: 'service' })),
  post(`${T}/staff/:staffId/move`, people(HR, 'move to another school')),
  post(`${T}/staff/:staffId/leave`, people(HR, 'leaves the trust')),
  post(`${T}/staff/:staffId/roles`, people(HR, 'start a role')),
  post(`${T}/staff/:staffId/roles/:roleId/end`, people(HR, 'end a role')),
  post(`${T}/staff/:staffId/erase`, people(HR, 'erase personal data (UK GDPR)')),
  get(`${T}/staff/:staffId/export`, people(HR, 'export personal data (subject access)')),
  post(`${T}/designations`, people(HR, 'propose a designation')),
  get(`${T}/designations`, people(['hr', ...EXEC], 'list designations')),
  get(`${T}/designations/:designationId`, people(['hr', ...EXEC], 'a designation')),
  ...['approve', 'renew', 'refuse', 'activate', 'suspend', 'reinstate', 'revoke', 'lapse'].map((step) =>
    post(`${T}/designations/:designationId/${step}`, people(HR, `${step} a designation`)),
  ),
  get(`${T}/capacity`, people(['hr', ...EXEC], 'leaders’ capacity')),
  get(`${T}/capacity/:staffId`, people(['hr', ...EXEC], 'one leader’s capacity')),
  get(`${T}/skills/framework`, people([...SKILLS, ...EXEC], 'the skills framework')),
  put(`${T}/skills/framework`, people(SKILLS, 'change the skills framework')),
  get(`${T}/skills/gaps`, people([...SKILLS, ...EXEC], 'skills gaps across the trust')),
  post(`${T}/staff/:staffId/assessments`, people(SKILLS, 'record a skills assessment')),
  get(`${T}/staff/:staffId/assessments`, people([...SKILLS, ...EXEC], 'skills assessments')),
  get(`${T}/staff/:staffId/gaps`, people([...SKILLS, ...EXEC], 'one person’s skills gaps')),
];

// ---- improvement: plans, support agreements, reviews, impact reports ----
const improvement = (roles: Role[], does: string, extra: Partial<Rule> = {}): Rule => ({ service: 'improvement', roles, does, ...extra });
const A = `${T}/agreements/:agreementId`;
const IMPROVEMENT: RouteRule[] = [
  post(`${T}/plans`, improvement(HEADS, 'start their school’s plan', { schools: 'service' })),
  get(`${T}/plans`, improvement([...EXEC, ...HEADS], 'list plans (a headteacher: their schools’)', { schools: 'service' })),
  get(`${T}/plans/:planId`, improvement([...EXEC, ...HEADS], 'a plan', { schools: 'service' })),
  post(`${T}/plans/:planId/close`, improvement(HEADS, 'close their school’s plan', { schools: 'service' })),
  post(`${T}/plans/:planId/priorities`, improvement(HEADS, 'add a priority', { schools: 'service' })),
  post(`${T}/plans/:planId/priorities/:priorityId/actions`, improvement(HEADS, 'add an action', { schools: 'service' })),
  post(`${T}/plans/:planId/actions/:actionId/status`, improvement(HEADS, 'change an action’s status', { schools: 'service' })),
  post(`${T}/agreements`, improvement(EXEC, 'draft a support agreement')),
  get(
    `${T}/agreements`,
    improvement([...EXEC, 'qa-lead', ...HEADS], 'list support agreements (a headteacher: those their schools are party to)', {
      schools: 'service',
    }),
  ),
  get(A, improvement([...EXEC, 'qa-lead', ...HEADS], 'a support agreement', { schools: 'service' })),
  patch(A, improvement(EXEC, 'change a draft agreement')),
  post(`${A}/agree`, improvement(['qa-lead'], 'approve an agreement (the QA lead named on it)', { qaNamed: true })),
  ...['start', 'complete', 'end'].map((step) => post(`${A}/${step}`, improvement(EXEC, `${step} an agreement`))),
  post(`${A}/deployments`, improvement(EXEC, 'deploy a leader')),
  post(`${A}/deployments/:leaderId/release`, improvement(EXEC, 'release a leader')),
  post(`${A}/spends`, improvement(EXEC, 'record spending')),
  get(`${T}/funding`, improvement(EXEC, 'funding and spending')),
  get(`${T}/support/settings`, improvement(EXEC, 'support rules')),
  put(`${T}/support/settings`, improvement(['ceo'], 'change the support rules')),
  get(`${T}/support/schools/:schoolId`, improvement([...EXEC, ...HEADS], 'support a school receives', { schools: 'path' })),
  get(`${T}/support/leaders/:staffId`, improvement([...EXEC, 'hr'], 'support a leader gives')),
  get(`${T}/support/flags`, improvement(EXEC, 'flags (spread too thin, overdue)')),
  get(`${T}/support/travel`, improvement(EXEC, 'travel between schools')),
  get(`${T}/reviews/reviewers`, improvement([...EXEC, 'qa-lead'], 'trained reviewers')),
  put(`${T}/reviews/reviewers/:staffId`, improvement(EXEC, 'register a reviewer')),
  post(`${T}/reviews`, improvement(EXEC, 'commission a review')),
  get(
    `${T}/reviews`,
    improvement([...EXEC, 'qa-lead', ...HEADS], 'list reviews (a headteacher: of their schools)', { schools: 'service' }),
  ),
  get(`${T}/reviews/:reviewId`, improvement([...EXEC, 'qa-lead', ...HEADS], 'a review', { schools: 'service' })),
  post(
    `${T}/reviews/:reviewId/complete`,
    improvement([...EXEC, 'qa-lead'], 'complete a review (the commissioned reviewer)', { staffNamed: true }),
  ),
  get(
    `${T}/impact-reports`,
    improvement([...EXEC, 'qa-lead', ...HEADS], 'list impact reports (a headteacher: of their schools’ agreements)', {
      schools: 'service',
    }),
  ),
  get(`${T}/impact-reports/:reportId`, improvement([...EXEC, 'qa-lead', ...HEADS], 'an impact report', { schools: 'service' })),
  post(`${T}/impact-reports/:reportId/submit`, improvement(EXEC, 'submit an impact report')),
  post(
    `${T}/impact-reports/:reportId/sign-off`,
    improvement(['qa-lead'], 'sign off the final report (the QA lead named on the agreement)', { qaNamed: true }),
  ),
];

// ---- cpd: programmes, cohorts, enrolments, commissions, evaluations ----
const cpd = (roles: Role[], does: string): Rule => ({ service: 'cpd', roles, does });
const CPD_LEAD: Role[] = ['cpd-lead'];
const CPD_READERS: Role[] = ['cpd-lead', 'hr', ...EXEC];
const CPD: RouteRule[] = [
  post(`${T}/programmes`, cpd(CPD_LEAD, 'add a programme')),
  post(`${T}/programmes/defaults`, cpd(CPD_LEAD, 'add the national programmes')),
  get(`${T}/programmes`, cpd(CPD_READERS, 'list programmes')),
  get(`${T}/programmes/:programmeId`, cpd(CPD_READERS, 'a programme')),
  put(`${T}/programmes/:programmeId`, cpd(CPD_LEAD, 'change a programme')),
  post(`${T}/programmes/:programmeId/retire`, cpd(CPD_LEAD, 'retire a programme')),
  post(`${T}/cohorts`, cpd(CPD_LEAD, 'open a cohort')),
  get(`${T}/cohorts`, cpd(CPD_READERS, 'list cohorts')),
  get(`${T}/cohorts/:cohortId`, cpd(CPD_READERS, 'a cohort')),
  get(`${T}/cohorts/:cohortId/waitlist`, cpd(CPD_READERS, 'a cohort’s waitlist')),
  post(`${T}/cohorts/:cohortId/cancel`, cpd(CPD_LEAD, 'cancel a cohort')),
  post(`${T}/enrolments`, cpd(CPD_LEAD, 'enrol a member of staff')),
  post(`${T}/enrolments/validate`, cpd(CPD_LEAD, 'check an enrolment without making it')),
  get(`${T}/enrolments`, cpd(CPD_READERS, 'list enrolments')),
  get(`${T}/enrolments/:enrolmentId`, cpd(CPD_READERS, 'an enrolment')),
  ...['withdraw', 'complete', 'assess', 'feedback'].map((step) =>
    post(`${T}/enrolments/:enrolmentId/${step}`, cpd(CPD_LEAD, `${step} (an enrolment)`)),
  ),
  post(`${T}/commissions`, cpd(CPD_LEAD, 'commission a provider')),
  get(`${T}/commissions`, cpd(CPD_READERS, 'list commissions')),
  get(`${T}/commissions/:commissionId`, cpd(CPD_READERS, 'a commission')),
  post(`${T}/commissions/:commissionId/costs`, cpd(CPD_LEAD, 'record a cost')),
  post(`${T}/evaluations`, cpd(CPD_LEAD, 'record an evaluation')),
  get(`${T}/evaluations`, cpd(CPD_READERS, 'list evaluations')),
  get(`${T}/evaluations/:evaluationId`, cpd(CPD_READERS, 'an evaluation')),
  post(`${T}/recommendations`, cpd(CPD_READERS, 'recommend programmes for staff')),
  get(`${T}/cpd-reports/:report`, cpd(CPD_READERS, 'a CPD report')),
];

export const ROUTE_TABLE: readonly RouteRule[] = [...SCHOOLS, ...PEOPLE, ...IMPROVEMENT, ...CPD];
