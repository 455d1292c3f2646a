import { isAcademicYear, isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import { ProblemList, refused, ok, type Decided, type FieldProblem } from '../shared/refusal';
import { describeLink, linkProblems, sameLink, type PriorityLink } from './priority-links';

/**
 * A school's improvement plan for one academic year: priorities, each linked to an inspection area
 * (of one framework) or a measure, and actions with an owner, a due date, a status and evidence.
 * A school has at most one live plan per academic year; a plan that is replaced is closed, not
 * deleted, so what was planned stays on record.
 */

export const ACTION_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_NAMES: Readonly<Record<ActionStatus, string>> = {
  'not-started': 'not started',
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  done: 'done',
};

export const PLAN_STATUSES = ['live', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanAction {
  readonly id: string;
  readonly title: string;
  /** Staff id of the person accountable for the action. */
  readonly ownerId: string;
  readonly dueOn: IsoDate;
  readonly status: ActionStatus;
  /** What shows the action happened (links, documents, observations); required to mark it done. */
  readonly evidence: readonly string[];
}

export interface Priority {
  readonly id: string;
  readonly title: string;
  readonly link: PriorityLink;
  readonly actions: readonly PlanAction[];
}

export interface ImprovementPlan {
  readonly id: string;
  readonly schoolId: string;
  /** `2025/26`. */
  readonly academicYear: string;
  readonly status: PlanStatus;
  readonly priorities: readonly Priority[];
}

/** One live plan per school per academic year: refuses a second, naming the one that is live. */
export function canOpenPlan(
  existing: readonly Pick<ImprovementPlan, 'id' | 'schoolId' | 'academicYear' | 'status'>[],
  schoolId: string,
  academicYear: string,
): Decided<true> {
  if (!isAcademicYear(academicYear))
    return refused({ rule: 'academic-year', message: `"${academicYear}" is not an academic year such as 2025/26.` });
  const live = existing.find((p) => p.schoolId === schoolId && p.academicYear === academicYear && p.status === 'live');
  if (live) {
    return refused({
      rule: 'one-live-plan',
      message: `The school already has a live improvement plan for ${academicYear} (${live.id}); close it before opening another.`,
    });
  }
  return ok(true);
}

/** Problems with a new priority, including a second priority on the same area or measure. */
export function priorityProblems(plan: ImprovementPlan, priority: { title?: unknown; link?: unknown }): FieldProblem[] {
  const problems = new ProblemList();
  if (plan.status !== 'live') problems.add('plan', 'priorities can only be added to a live plan');
  if (typeof priority.title !== 'string' || priority.title.trim() === '') problems.add('title', 'a priority needs a title');
  if (typeof priority.link !== 'object' || priority.link === null) {
    problems.add('link', 'a priority is linked to an inspection area or a measure');
  } else {
    const linkIssues = linkProblems(priority.link);
    linkIssues.forEach((p) => problems.add('link', p));
    if (linkIssues.length === 0) {
      const link = priority.link as PriorityLink;
      const twin = plan.priorities.find((p) => sameLink(p.link, link));
      if (twin) problems.add('link', `the plan already has a priority on ${describeLink(link)}: "${twin.title}"`);
    }
  }
  return problems.list;
}

/** Problems with a new action (owner, due date in the plan's year or later, title). */
export function actionProblems(action: { title?: unknown; ownerId?: unknown; dueOn?: unknown }): FieldProblem[] {
  const problems = new ProblemList();
  if (typeof action.title !== 'string' || action.title.trim() === '') problems.add('title', 'an action needs a title');
  if (typeof action.ownerId !== 'string' || action.ownerId.trim() === '') problems.add('ownerId', 'an action needs an owner');
  if (!isIsoDate(action.dueOn)) problems.add('dueOn', 'an action needs a due date as YYYY-MM-DD');
  return problems.list;
}

/**
 * Changes an action's status. Marking it done needs evidence (a done action without evidence is a
 * claim, not progress); a done action can be reopened, with the status it now has.
 */
export function changeActionStatus(action: PlanAction, to: ActionStatus, evidence: readonly string[] = []): Decided<PlanAction> {
  if (action.status === to && evidence.length === 0) {
    return refused({ rule: 'unchanged', message: `The action is already ${ACTION_STATUS_NAMES[to]}.` });
  }
  const allEvidence = [...action.evidence, ...evidence.map((e) => e.trim()).filter((e) => e !== '')];
  if (to === 'done' && allEvidence.length === 0) {
    return refused({ rule: 'evidence', message: `"${action.title}" cannot be marked done without evidence of it.` });
  }
  return ok({ ...action, status: to, evidence: allEvidence });
}
