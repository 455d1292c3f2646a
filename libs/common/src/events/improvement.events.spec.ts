import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { problemSentences } from '../validation/problems';
import { IMPROVEMENT_EVENT_CONTRACTS } from './improvement.events';

const U = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

/** One valid example of every contract: proves each validates what the service will publish. */
const EXAMPLES: Record<keyof typeof IMPROVEMENT_EVENT_CONTRACTS, object> = {
  'improvement.plan.created': { planId: U(1), schoolId: U(2), academicYear: '2026/27' },
  'improvement.plan.priority-added': {
    planId: U(1),
    priorityId: U(3),
    schoolId: U(2),
    link: { kind: 'inspection-area', framework: 'report-card', area: 'achievement' },
  },
  'improvement.plan.action-status-changed': {
    planId: U(1),
    priorityId: U(3),
    actionId: U(4),
    schoolId: U(2),
    from: 'on-track',
    to: 'off-track',
    dueOn: '2026-11-30',
    overdue: true,
  },
  'improvement.plan.at-risk': {
    planId: U(1),
    schoolId: U(2),
    academicYear: '2026/27',
    priorityIds: [U(3)],
    reasons: ['1 of 2 unfinished priorities are at risk or off track (the limit is 50 %).'],
    completion: 40,
  },
  'improvement.agreement.drafted': {
    agreementId: U(5),
    supportedSchoolIds: [U(2)],
    supportingSchoolIds: [U(6)],
    startsOn: '2026-09-01',
    endsOn: '2027-07-20',
    fundingSource: 'strategic-improvement-fund',
    fundingAmountPence: 1500000,
    qaLeadId: null,
  },
  'improvement.agreement.agreed': { agreementId: U(5), from: 'draft', to: 'agreed', effectiveOn: '2026-07-01', qaLeadId: U(7) },
  'improvement.agreement.started': { agreementId: U(5), from: 'agreed', to: 'active', effectiveOn: '2026-09-01' },
  'improvement.agreement.completed': { agreementId: U(5), from: 'active', to: 'completed', effectiveOn: '2027-08-01' },
  'improvement.agreement.ended': { agreementId: U(5), from: 'active', to: 'ended', effectiveOn: '2027-01-10' },
  'improvement.agreement.flagged': {
    agreementId: U(5),
    status: 'active',
    flags: [
      {
        staffId: U(8),
        as: 'deployed-leader',
        cause: 'designation-revoked',
        reason: 'Their NLE designation was revoked on 3 November 2026, and they are deployed in this active agreement for 10 days.',
      },
    ],
  },
  'improvement.deployment.leader-deployed': {
    deploymentId: U(9),
    agreementId: U(5),
    staffId: U(8),
    totalDays: 20,
    daysByYear: [
      { academicYear: '2025/26', days: 13 },
      { academicYear: '2026/27', days: 7 },
    ],
  },
  'improvement.deployment.leader-released': { deploymentId: U(9), agreementId: U(5), staffId: U(8), cause: 'agreement-ended' },
  'improvement.impact-report.due': { reportId: U(10), agreementId: U(5), kind: 'interim', dueOn: '2026-12-18', daysLeft: 14 },
  'improvement.impact-report.submitted': {
    reportId: U(10),
    agreementId: U(5),
    kind: 'interim',
    dueOn: '2026-12-18',
    submittedOn: '2026-12-17',
    overall: 'partly-met',
    criteria: [{ criterionId: U(11), judgement: 'met' }],
  },
  'improvement.impact-report.overdue': { reportId: U(10), agreementId: U(5), kind: 'final', dueOn: '2027-07-31', daysOverdue: 1 },
  'improvement.impact-report.signed-off': {
    reportId: U(10),
    agreementId: U(5),
    kind: 'final',
    dueOn: '2027-07-31',
    qaLeadId: U(7),
    signedOffOn: '2027-08-02',
  },
  'improvement.funding.spent': {
    agreementId: U(5),
    spendId: U(12),
    source: 'trust-budget',
    amountPence: 25000,
    spentOn: '2026-10-01',
    remainingPence: 0,
  },
  'improvement.review.commissioned': { reviewId: U(13), schoolId: U(2), kind: 'pupil-premium', reviewerId: U(14), dueOn: '2026-12-01' },
  'improvement.review.completed': { reviewId: U(13), schoolId: U(2), kind: 'pupil-premium', completedOn: '2026-11-28' },
};

const problems = (type: keyof typeof IMPROVEMENT_EVENT_CONTRACTS, data: object) =>
  problemSentences(validateSync(plainToInstance(IMPROVEMENT_EVENT_CONTRACTS[type] as new () => object, data)));

describe('improvement event contracts', () => {
  it.each(Object.keys(IMPROVEMENT_EVENT_CONTRACTS) as (keyof typeof IMPROVEMENT_EVENT_CONTRACTS)[])(
    '%s: a valid example passes',
    (type) => {
      expect(problems(type, EXAMPLES[type])).toEqual([]);
    },
  );

  it.each<[keyof typeof IMPROVEMENT_EVENT_CONTRACTS, object, string]>([
    ['improvement.plan.created', { academicYear: '2026-27' }, 'academicYear'],
    ['improvement.plan.priority-added', { link: { kind: 'vibes' } }, 'link.kind'],
    ['improvement.deployment.leader-deployed', { daysByYear: [{ academicYear: '2026/27', days: -1 }] }, 'daysByYear.0.days'],
    ['improvement.deployment.leader-deployed', { staffId: 'LEADER-1' }, 'staffId'],
    ['improvement.funding.spent', { amountPence: 10.5 }, 'amountPence'],
    ['improvement.agreement.flagged', { flags: [] }, 'flags'],
    ['improvement.impact-report.submitted', { overall: 'good' }, 'overall'],
  ])('%s refuses a bad %j', (type, change, field) => {
    const found = problems(type, { ...EXAMPLES[type], ...change });
    expect(found.some((p) => p.startsWith(`${field}:`) || p.startsWith(`${field} `))).toBe(true);
  });
});
