import fc from 'fast-check';
import { field, FuzzRoute, jsonBody, queryOf, uuidParam } from '@trustwide/common/testing/fuzz';

/** Records that exist, so generated requests reach the handlers' logic. */
export interface ImprovementFuzzContext {
  trustIds: string[];
  schoolIds: string[];
  leaderIds: string[];
  agreementIds: string[];
  planIds: string[];
  priorityIds: string[];
  actionIds: string[];
  reportIds: string[];
  reviewIds: string[];
}

const date = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const text = fc.oneof(fc.constantFrom('Coach the English lead', 'Supply cover', ''), fc.string({ minLength: 0, maxLength: 40 }));
const year = fc.integer({ min: 2020, max: 2030 }).map((y) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
const link = fc.oneof(
  fc.record({
    kind: fc.constant('inspection-area'),
    framework: fc.constantFrom('oeif', 'report-card'),
    area: fc.constantFrom('achievement', 'quality-of-education', 'nowhere'),
  }),
  fc.record({ kind: fc.constant('measure'), measure: fc.constantFrom('attendance', 'progress', 'height') }),
);

/** Every route of the improvement service with arbitraries for its parameters, query and body. */
export function improvementRoutes(ctx: ImprovementFuzzContext): FuzzRoute[] {
  const trustId = uuidParam(...ctx.trustIds);
  const school = fc.constantFrom(...ctx.schoolIds);
  const leader = fc.constantFrom(...ctx.leaderIds);
  const agreementId = uuidParam(...ctx.agreementIds);
  const planId = uuidParam(...ctx.planIds);
  const schedule = fc.record({
    startsOn: field(date),
    endsOn: field(date),
    interimReportsDue: field(fc.array(date, { maxLength: 3 })),
    finalReportDue: field(date),
  });
  const agreementBody = {
    supportedSchoolIds: field(fc.array(school, { minLength: 1, maxLength: 2 })),
    supportingSchoolIds: field(fc.array(school, { minLength: 1, maxLength: 2 })),
    priorityAreas: field(fc.array(link, { maxLength: 2 })),
    responsibilities: field(fc.array(fc.record({ party: fc.constantFrom('supported', 'supporting', 'nobody'), text }), { maxLength: 2 })),
    impact: field(
      fc.array(
        fc.record({ measure: text, baseline: fc.integer({ min: 0, max: 100 }), target: fc.integer({ min: 0, max: 100 }), byWhen: date }),
        { maxLength: 2 },
      ),
    ),
    schedule: field(schedule),
    funding: field(
      fc.record({
        source: fc.constantFrom('trust-budget', 'strategic-improvement-fund', 'lottery'),
        amountPence: fc.integer({ min: -5, max: 10_000_000 }),
      }),
    ),
    qaLeadId: field(fc.oneof(leader, fc.constant(null))),
  };
  const paging = { limit: fc.integer({ min: 0, max: 600 }).map(String), offset: fc.integer({ min: 0, max: 100 }).map(String) };
  return [
    {
      method: 'post',
      path: '/trusts/:trustId/plans',
      params: { trustId },
      body: jsonBody({ schoolId: field(school), academicYear: field(year) }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/plans',
      params: { trustId },
      query: queryOf({ schoolId: school, academicYear: year, status: fc.constantFrom('live', 'closed', 'x'), ...paging }),
    },
    { method: 'get', path: '/trusts/:trustId/plans/:planId', params: { trustId, planId } },
    { method: 'post', path: '/trusts/:trustId/plans/:planId/close', params: { trustId, planId } },
    {
      method: 'post',
      path: '/trusts/:trustId/plans/:planId/priorities',
      params: { trustId, planId },
      body: jsonBody({ title: field(text), link: field(link) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/plans/:planId/priorities/:priorityId/actions',
      params: { trustId, planId, priorityId: uuidParam(...ctx.priorityIds) },
      body: jsonBody({
        title: field(text),
        ownerId: field(leader),
        dueOn: field(date),
        status: field(fc.constantFrom('not-started', 'done', 'on-track')),
        evidence: field(fc.array(text, { maxLength: 2 })),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/plans/:planId/actions/:actionId/status',
      params: { trustId, planId, actionId: uuidParam(...ctx.actionIds) },
      body: jsonBody({
        status: field(fc.constantFrom('not-started', 'on-track', 'at-risk', 'off-track', 'done')),
        evidence: field(fc.array(text, { maxLength: 2 })),
      }),
    },
    { method: 'post', path: '/trusts/:trustId/agreements', params: { trustId }, body: jsonBody(agreementBody) },
    {
      method: 'get',
      path: '/trusts/:trustId/agreements',
      params: { trustId },
      query: queryOf({
        status: fc.constantFrom('draft', 'agreed', 'nope'),
        flagged: fc.constantFrom('true', 'false', 'maybe'),
        schoolId: school,
        leaderId: leader,
        ...paging,
      }),
    },
    { method: 'get', path: '/trusts/:trustId/agreements/:agreementId', params: { trustId, agreementId } },
    {
      method: 'patch',
      path: '/trusts/:trustId/agreements/:agreementId',
      params: { trustId, agreementId },
      body: jsonBody({ ...agreementBody, expectedVersion: field(fc.integer({ min: 0, max: 5 })) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/agree',
      params: { trustId, agreementId },
      // The approver is the caller's linked staff record (fuzz.e2e-spec.ts signs some requests as a leader); a body naming one is refused.
      body: jsonBody({ approvedBy: field(leader) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/start',
      params: { trustId, agreementId },
      body: jsonBody({ by: field(text) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/complete',
      params: { trustId, agreementId },
      body: jsonBody({ by: field(text) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/end',
      params: { trustId, agreementId },
      body: jsonBody({ reason: field(text), by: field(text) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/deployments',
      params: { trustId, agreementId },
      body: jsonBody({
        leaderId: field(leader),
        days: field(fc.integer({ min: -1, max: 400 })),
        daysByYear: field(fc.dictionary(fc.oneof(year, fc.string()), fc.integer({ min: -1, max: 50 }), { maxKeys: 3 })),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/deployments/:leaderId/release',
      params: { trustId, agreementId, leaderId: uuidParam(...ctx.leaderIds) },
    },
    {
      method: 'post',
      path: '/trusts/:trustId/agreements/:agreementId/spends',
      params: { trustId, agreementId },
      body: jsonBody({ amountPence: field(fc.integer({ min: -1, max: 3_000_000 })), spentOn: field(date), description: field(text) }),
    },
    { method: 'get', path: '/trusts/:trustId/funding', params: { trustId } },
    { method: 'get', path: '/trusts/:trustId/support/settings', params: { trustId } },
    {
      method: 'put',
      path: '/trusts/:trustId/support/settings',
      params: { trustId },
      body: jsonBody({ maxConcurrentSupportingAgreements: field(fc.integer({ min: 0, max: 60 })) }),
    },
    { method: 'get', path: '/trusts/:trustId/support/schools/:schoolId', params: { trustId, schoolId: uuidParam(...ctx.schoolIds) } },
    { method: 'get', path: '/trusts/:trustId/support/leaders/:staffId', params: { trustId, staffId: uuidParam(...ctx.leaderIds) } },
    { method: 'get', path: '/trusts/:trustId/support/flags', params: { trustId } },
    { method: 'get', path: '/trusts/:trustId/support/travel', params: { trustId } },
    {
      method: 'get',
      path: '/trusts/:trustId/impact-reports',
      params: { trustId },
      query: queryOf({
        agreementId: fc.constantFrom(...ctx.agreementIds),
        status: fc.constantFrom('due', 'submitted', 'x'),
        kind: fc.constantFrom('interim', 'final'),
        overdue: fc.constantFrom('true', 'false'),
        ...paging,
      }),
    },
    { method: 'get', path: '/trusts/:trustId/impact-reports/:reportId', params: { trustId, reportId: uuidParam(...ctx.reportIds) } },
    {
      method: 'post',
      path: '/trusts/:trustId/impact-reports/:reportId/submit',
      params: { trustId, reportId: uuidParam(...ctx.reportIds) },
      body: jsonBody({
        measured: field(fc.dictionary(fc.string({ maxLength: 36 }), fc.double({ noNaN: true }), { maxKeys: 2 })),
        narrative: field(text),
        submittedBy: field(text),
      }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/impact-reports/:reportId/sign-off',
      params: { trustId, reportId: uuidParam(...ctx.reportIds) },
      body: jsonBody({ signedOffBy: field(leader) }),
    },
    { method: 'get', path: '/trusts/:trustId/reviews/reviewers', params: { trustId } },
    {
      method: 'put',
      path: '/trusts/:trustId/reviews/reviewers/:staffId',
      params: { trustId, staffId: uuidParam(...ctx.leaderIds) },
      body: jsonBody({ trainedFor: field(fc.array(fc.constantFrom('pupil-premium', 'send', 'wizardry'), { maxLength: 3 })) }),
    },
    {
      method: 'post',
      path: '/trusts/:trustId/reviews',
      params: { trustId },
      body: jsonBody({
        schoolId: field(school),
        kind: field(fc.constantFrom('pupil-premium', 'send')),
        reviewerId: field(leader),
        dueOn: field(date),
      }),
    },
    {
      method: 'get',
      path: '/trusts/:trustId/reviews',
      params: { trustId },
      query: queryOf({
        schoolId: school,
        status: fc.constantFrom('commissioned', 'x'),
        overdue: fc.constantFrom('true', 'false'),
        ...paging,
      }),
    },
    { method: 'get', path: '/trusts/:trustId/reviews/:reviewId', params: { trustId, reviewId: uuidParam(...ctx.reviewIds) } },
    {
      method: 'post',
      path: '/trusts/:trustId/reviews/:reviewId/complete',
      params: { trustId, reviewId: uuidParam(...ctx.reviewIds) },
      body: jsonBody({ reviewerId: field(leader), summary: field(text) }),
    },
  ];
}
