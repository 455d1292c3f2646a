import fc from 'fast-check';
import { field, FuzzRoute, hostileText, jsonBody, queryOf, uuidParam } from '@trustwide/common/testing/fuzz';

/** Records that exist, so generated requests reach the handlers' logic. */
export interface CpdFuzzContext {
  trustIds: string[];
  programmeIds: string[];
  cohortIds: string[];
  enrolmentIds: string[];
  commissionIds: string[];
  evaluationIds: string[];
  staffIds: string[];
  schoolIds: string[];
}

const future = fc.integer({ min: -30, max: 400 }).map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
const period = fc
  .tuple(fc.integer({ min: 2015, max: 2026 }), fc.constantFrom('', '-autumn', '-spring', '-summer'))
  .map(([y, t]) => `${y}/${String((y + 1) % 100).padStart(2, '0')}${t}`);
const skill = fc.constantFrom('data-analysis', 'strategic-thinking', 'team-building', 'communication', 'not-a-skill');
const role = fc.constantFrom('teacher', 'headteacher', 'deputy-headteacher', 'middle-leader', 'wizard');
const measure = fc.constantFrom('attainmentExpectedStandard', 'attendance', 'persistentAbsence', 'pupilsOnRoll', 'nope');

/** Every route of the CPD service with arbitraries for its parameters, query and body. */
export function cpdRoutes(ctx: CpdFuzzContext): FuzzRoute[] {
  const trustId = uuidParam(...ctx.trustIds);
  const programmeId = uuidParam(...ctx.programmeIds);
  const cohortId = uuidParam(...ctx.cohortIds);
  const enrolmentId = uuidParam(...ctx.enrolmentIds);
  const commissionId = uuidParam(...ctx.commissionIds);
  const evaluationId = uuidParam(...ctx.evaluationIds);
  const staffId = fc.oneof(fc.constantFrom(...ctx.staffIds), fc.uuid());
  const schoolId = fc.oneof(fc.constantFrom(...ctx.schoolIds), fc.uuid());
  const known = (ids: string[]) => fc.oneof(fc.constantFrom(...ids), fc.uuid());
  /** Paging, in range and out of it (limit 1..500, offset from 0). */
  const paging = { limit: fc.integer({ min: -1, max: 600 }).map(String), offset: fc.integer({ min: -1, max: 50 }).map(String) };
  const programme = jsonBody({
    code: field(fc.oneof(fc.constantFrom('TRUST-FUZZ', 'NPQH', 'trust-x'), fc.stringMatching(/^[A-Z][A-Z0-9-]{1,10}$/))),
    kind: field(fc.constantFrom('npq', 'trust', 'other')),
    name: field(fc.constantFrom('Fuzz programme', 'Leading reading')),
    provider: field(fc.constantFrom('Trust CPD team', '=HYPERLINK("x")')),
    fundingSource: field(fc.constantFrom('trust-cpd-budget', 'dfe-scholarship', 'lottery')),
    costPerPlacePence: field(fc.integer({ min: 0, max: 6_000_000 })),
    skills: field(fc.array(skill, { minLength: 0, maxLength: 4 })),
    prerequisites: field(
      fc.array(
        fc.record({
          kind: fc.constantFrom('role-held', 'years-in-role'),
          roles: fc.array(role, { minLength: 1, maxLength: 2 }),
          years: fc.integer({ min: 0, max: 41 }),
        }),
        { maxLength: 2 },
      ),
    ),
    lengthMonths: field(fc.integer({ min: 0, max: 40 })),
    contactDays: field(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(null))),
    assessed: field(fc.boolean()),
    awardsQualification: field(fc.boolean()),
  });
  const reason = jsonBody({ reason: field(fc.constantFrom('No longer offered', ' ', 'Facilitator ill')) });
  return [
    { method: 'post', path: '/trusts/:trustId/programmes', params: { trustId }, body: programme },
    { method: 'post', path: '/trusts/:trustId/programmes/defaults', params: { trustId } },
    {
      method: 'get',
      path: '/trusts/:trustId/programmes',
      params: { trustId },
      query: queryOf({ status: fc.constantFrom('published', 'retired', 'x'), ...paging }),
    },
    { method: 'get', path: '/trusts/:trustId/programmes/:programmeId', params: { trustId, programmeId } },
    { method: 'put', path: '/trusts/:trustId/programmes/:programmeId', params: { trustId, programmeId }, body: programme },
    { method: 'post', path: '/trusts/:trustId/programmes/:programmeId/retire', params: { trustId, programmeId }, body: reason },
    {
      method: 'post',
      path: '/trusts/:trustId/cohorts',
      params: { trustId },
      body: jsonBody({
        programmeId: field(known(ctx.programmeIds)),
        places: field(fc.integer({ min: 0, max: 250 })),
        sessions: field(fc.array(fc.record({ date: future, title: fc.constantFrom('Day', '') }), { minLength: 0, maxLength: 4 })),
        venue: field(fc.oneof(fc.record({ schoolId }), fc.record({ name: fc.constantFrom('Town hall', '') }))),
        facilitatorIds: field(fc.array(staffId, { minLength: 0, maxLength: 2 })),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/cohorts',
      params: { trustId },
      query: queryOf({ programmeId: known(ctx.programmeIds), ...paging }),
    },
    { method: 'get', path: '/trusts/:trustId/cohorts/:cohortId', params: { trustId, cohortId } },
    { method: 'get', path: '/trusts/:trustId/cohorts/:cohortId/waitlist', params: { trustId, cohortId } },
    { method: 'post', path: '/trusts/:trustId/cohorts/:cohortId/cancel', params: { trustId, cohortId }, body: reason },
    {
      method: 'post',
      path: '/trusts/:trustId/enrolments',
      params: { trustId },
      body: jsonBody({
        cohortId: field(known(ctx.cohortIds)),
        staffId: field(staffId),
        commissionId: field(fc.oneof(known(ctx.commissionIds), fc.constant(null))),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/enrolments/validate',
      params: { trustId },
      body: jsonBody({ cohortId: field(known(ctx.cohortIds)), staffId: field(staffId) }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/enrolments',
      params: { trustId },
      query: queryOf({
        cohortId: known(ctx.cohortIds),
        staffId,
        status: fc.constantFrom('enrolled', 'waitlisted', 'gone'),
        ...paging,
      }),
    },
    { method: 'get', path: '/trusts/:trustId/enrolments/:enrolmentId', params: { trustId, enrolmentId } },
    { method: 'post', path: '/trusts/:trustId/enrolments/:enrolmentId/withdraw', params: { trustId, enrolmentId } },
    { method: 'post', path: '/trusts/:trustId/enrolments/:enrolmentId/complete', params: { trustId, enrolmentId } },
    {
      method: 'post',
      path: '/trusts/:trustId/enrolments/:enrolmentId/assess',
      params: { trustId, enrolmentId },
      body: jsonBody({ passed: field(fc.boolean()) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/enrolments/:enrolmentId/feedback',
      params: { trustId, enrolmentId },
      body: jsonBody({
        ratings: field(
          fc.record({
            overall: fc.integer({ min: 0, max: 6 }),
            relevance: fc.integer({ min: 1, max: 5 }),
            impactOnPractice: fc.integer({ min: 1, max: 5 }),
          }),
        ),
        wouldRecommend: field(fc.boolean()),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/commissions',
      params: { trustId },
      body: jsonBody({
        programmeId: field(known(ctx.programmeIds)),
        schoolIds: field(fc.array(schoolId, { minLength: 0, maxLength: 2 })),
        budgetPence: field(fc.integer({ min: 0, max: 10_000_000 })),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/commissions',
      params: { trustId },
      query: queryOf({ programmeId: known(ctx.programmeIds), ...paging }),
    },
    { method: 'get', path: '/trusts/:trustId/commissions/:commissionId', params: { trustId, commissionId } },
    {
      method: 'post',
      path: '/trusts/:trustId/commissions/:commissionId/costs',
      params: { trustId, commissionId },
      body: jsonBody({ amountPence: field(fc.integer({ min: 0, max: 1_000_000 })), description: field(fc.constantFrom('Venue hire', '')) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/evaluations',
      params: { trustId },
      body: jsonBody({
        programmeId: field(known(ctx.programmeIds)),
        cohortId: field(fc.oneof(known(ctx.cohortIds), fc.constant(null))),
        measure: field(measure),
        before: field(period),
        after: field(period),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/evaluations',
      params: { trustId },
      query: queryOf({ programmeId: known(ctx.programmeIds), ...paging }),
    },
    { method: 'get', path: '/trusts/:trustId/evaluations/:evaluationId', params: { trustId, evaluationId } },
    {
      method: 'post',
      path: '/trusts/:trustId/recommendations',
      params: { trustId },
      body: jsonBody({
        staffId: field(staffId),
        staffIds: field(fc.array(staffId, { maxLength: 3 })),
        gaps: field(fc.array(fc.record({ skill, gap: fc.double({ min: -12, max: 12, noNaN: true }) }), { maxLength: 3 })),
        role: field(fc.constantFrom('executive-headteacher', 'lle', 'ceo')),
        confidences: field(fc.dictionary(skill, fc.integer({ min: 0, max: 11 }))),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/cpd-reports/:report',
      params: { trustId, report: fc.oneof(fc.constantFrom('take-up', 'completion', 'impact', 'take-up.csv', 'impact.csv'), hostileText) },
      query: queryOf({ format: fc.constantFrom('csv', 'json', 'xml') }),
    },
  ];
}
