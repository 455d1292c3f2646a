import type { ActionStatus, ImprovementPlan, PlanAction, Priority } from './plan';

/** Builders shared by the plan specs. */

export const SCHOOL = '11111111-1111-4111-8111-111111111111';
export const TODAY = '2026-01-15';

let n = 0;
export const action = (status: ActionStatus, dueOn = '2026-03-31', overrides: Partial<PlanAction> = {}): PlanAction => ({
  id: `a${++n}`,
  title: `action ${n}`,
  ownerId: 'owner-1',
  dueOn,
  status,
  evidence: status === 'done' ? ['minutes of the review meeting'] : [],
  ...overrides,
});

export const priority = (title: string, actions: PlanAction[], id = title): Priority => ({
  id,
  title,
  link: { kind: 'inspection-area', framework: 'report-card', area: 'achievement' },
  actions,
});

export const plan = (priorities: Priority[]): ImprovementPlan => ({
  id: 'plan-1',
  schoolId: SCHOOL,
  academicYear: '2025/26',
  status: 'live',
  priorities,
});
