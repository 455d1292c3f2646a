import { daysBetween, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural } from '../shared/refusal';
import type { ActionStatus, ImprovementPlan, PlanAction, Priority } from './plan';

/**
 * Progress rolls up action → priority → plan by one rule, the same at both levels:
 *
 * - An action's *effective* status is its recorded status, except that an action past its due date
 *   and not done counts as off track whatever its owner last said (a missed date is off track).
 * - A group (a priority's actions, a plan's priorities) is `done` when every member is done;
 *   otherwise it takes the worst status among its members that are not done, in the order
 *   off-track > at-risk > on-track > not-started — except that a group where some members are done
 *   and the rest not started is on track (work has begun and nothing is slipping). An empty group
 *   is not started.
 * - Completion: an action is 0 % or 100 %; a priority is the share of its actions done; the plan
 *   is the mean of its priorities' completion, so each priority weighs the same however many
 *   actions it has (a priority with no actions counts 0 %). Whole percentages, rounded half up.
 *
 * A plan is **at risk** when any priority is off track, or when at least `AT_RISK_SHARE` of its
 * unfinished priorities are at risk or off track (a single wobbling priority of five is normal
 * school life, half of them is not). The reasons carry the numbers.
 */

/** Share of unfinished priorities at risk or worse that puts the whole plan at risk (a trust may set its own). */
export const DEFAULT_AT_RISK_SHARE = 0.5;

/** Worst first: the order the roll-up takes the worst status in. */
const SEVERITY: readonly ActionStatus[] = ['off-track', 'at-risk', 'on-track', 'not-started'];

export const isOverdue = (action: Pick<PlanAction, 'dueOn' | 'status'>, today: IsoDate): boolean =>
  action.status !== 'done' && action.dueOn < today;

export function effectiveStatus(action: PlanAction, today: IsoDate): ActionStatus {
  return isOverdue(action, today) ? 'off-track' : action.status;
}

/** The roll-up of members' statuses (see the rule above). */
export function rollUp(statuses: readonly ActionStatus[]): ActionStatus {
  if (statuses.length === 0) return 'not-started';
  const open = statuses.filter((s) => s !== 'done');
  if (open.length === 0) return 'done';
  const worst = SEVERITY.find((s) => (open as readonly string[]).includes(s)) as ActionStatus;
  if (worst === 'not-started' && open.length < statuses.length) return 'on-track';
  return worst;
}

const percent = (fraction: number): number => Math.floor(fraction * 100 + 0.5 + 1e-9);

export interface PriorityProgress {
  readonly priorityId: string;
  readonly status: ActionStatus;
  readonly completion: number;
  readonly actions: number;
  readonly done: number;
  readonly overdue: number;
}

export interface PlanProgress {
  readonly planId: string;
  readonly status: ActionStatus;
  readonly completion: number;
  readonly priorities: readonly PriorityProgress[];
}

export function priorityProgress(priority: Priority, today: IsoDate): PriorityProgress {
  const done = priority.actions.filter((a) => a.status === 'done').length;
  return {
    priorityId: priority.id,
    status: rollUp(priority.actions.map((a) => effectiveStatus(a, today))),
    completion: priority.actions.length === 0 ? 0 : percent(done / priority.actions.length),
    actions: priority.actions.length,
    done,
    overdue: priority.actions.filter((a) => isOverdue(a, today)).length,
  };
}

export function planProgress(plan: ImprovementPlan, today: IsoDate): PlanProgress {
  const priorities = plan.priorities.map((p) => priorityProgress(p, today));
  const exact = priorities.map((p, i) => (p.actions === 0 ? 0 : p.done / plan.priorities[i].actions.length));
  return {
    planId: plan.id,
    status: rollUp(priorities.map((p) => p.status)),
    completion: priorities.length === 0 ? 0 : percent(exact.reduce((s, f) => s + f, 0) / priorities.length),
    priorities,
  };
}

export interface OverdueAction {
  readonly planId: string;
  readonly priorityId: string;
  readonly actionId: string;
  readonly ownerId: string;
  readonly dueOn: IsoDate;
  readonly daysOverdue: number;
  readonly message: string;
}

/** Every action past its due date and not done, most overdue first. */
export function overdueActions(plan: ImprovementPlan, today: IsoDate): OverdueAction[] {
  return plan.priorities
    .flatMap((p) =>
      p.actions
        .filter((a) => isOverdue(a, today))
        .map((a) => {
          const daysOverdue = daysBetween(a.dueOn, today);
          return {
            planId: plan.id,
            priorityId: p.id,
            actionId: a.id,
            ownerId: a.ownerId,
            dueOn: a.dueOn,
            daysOverdue,
            message: `"${a.title}" was due on ${formatDate(a.dueOn)} and is not done (${plural(daysOverdue, 'day')} overdue).`,
          };
        }),
    )
    .sort((x, y) => y.daysOverdue - x.daysOverdue || x.actionId.localeCompare(y.actionId));
}

export type PlanRisk = { readonly atRisk: false } | { readonly atRisk: true; readonly reasons: readonly string[] };

export function planAtRisk(plan: ImprovementPlan, today: IsoDate, atRiskShare = DEFAULT_AT_RISK_SHARE): PlanRisk {
  if (!(atRiskShare > 0 && atRiskShare <= 1)) throw new Error(`the at-risk share must be above 0 and at most 1, not ${atRiskShare}`);
  const progress = plan.priorities.map((p) => ({ title: p.title, ...priorityProgress(p, today) }));
  const reasons: string[] = [];
  for (const p of progress.filter((x) => x.status === 'off-track')) {
    reasons.push(`Priority "${p.title}" is off track${p.overdue > 0 ? ` (${plural(p.overdue, 'action')} overdue)` : ''}.`);
  }
  const unfinished = progress.filter((p) => p.status !== 'done');
  const slipping = unfinished.filter((p) => p.status === 'at-risk' || p.status === 'off-track');
  if (unfinished.length > 0 && slipping.length / unfinished.length >= atRiskShare && slipping.length > 0) {
    reasons.push(
      `${slipping.length} of ${unfinished.length} unfinished priorities are at risk or off track (the limit is ${percent(atRiskShare)} %).`,
    );
  }
  return reasons.length === 0 ? { atRisk: false } : { atRisk: true, reasons };
}
