import { formatPounds, isPence, type Pence } from '../shared/money';
import { plural, refuse, type Decided } from '../shared/refusal';
import type { Programme } from '../programmes/lifecycle';

/**
 * A CPD lead commissions a programme for named schools with a budget. Places taken by those schools'
 * staff, and other costs (venue, supply cover), count against it; it is never overspent: a charge
 * that does not fit is refused with the numbers. The caller locks the commission's row while it
 * decides and writes, so concurrent enrolments are charged one at a time.
 *
 * Announced only on crossing: near budget when committed spending first reaches
 * NEAR_BUDGET_PERCENT of the budget, spent when what is left can no longer pay for a place.
 */

/** Committed spending at or above this share of the budget is "near budget". */
export const NEAR_BUDGET_PERCENT = 90;

export interface Commission {
  readonly programmeCode: string;
  readonly schoolIds: readonly string[];
  readonly budget: Pence;
  /** The programme's cost per place when commissioned: what each place is charged, whatever the catalogue says later. */
  readonly costPerPlace: Pence;
  readonly committed: Pence;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

export function commissionProblems(
  plan: { programmeCode: string; schoolIds: readonly string[]; budget: Pence },
  programme: Programme,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, problem: string) => problems.push({ field, problem });
  if (programme.status !== 'published') add('programmeCode', `${programme.code} is retired: it cannot be commissioned`);
  if (plan.schoolIds.length === 0) add('schoolIds', 'a commission names at least one school');
  if (plan.schoolIds.some((id) => !UUID.test(id))) add('schoolIds', 'schools are school ids (lower-case uuids)');
  if (new Set(plan.schoolIds).size !== plan.schoolIds.length) add('schoolIds', 'a school is named twice');
  if (!isPence(plan.budget) || plan.budget === 0) add('budget', `the budget must be a whole number of pence above 0; it is ${plan.budget}`);
  else if (plan.budget < programme.costPerPlace) {
    add(
      'budget',
      `the budget of ${formatPounds(plan.budget)} does not pay for one place of ${programme.code} at ${formatPounds(programme.costPerPlace)}`,
    );
  }
  return problems;
}

export const newCommission = (
  plan: { programmeCode: string; schoolIds: readonly string[]; budget: Pence },
  programme: Programme,
): Commission => ({
  programmeCode: plan.programmeCode,
  schoolIds: [...plan.schoolIds],
  budget: plan.budget,
  costPerPlace: programme.costPerPlace,
  committed: 0,
});

export const remaining = (c: Commission): Pence => c.budget - c.committed;
export const isNearBudget = (c: Commission): boolean => c.committed * 100 >= c.budget * NEAR_BUDGET_PERCENT;
/** Nothing left that pays for another place (a free programme is spent when nothing at all is left). */
export const isSpent = (c: Commission): boolean => remaining(c) < Math.max(c.costPerPlace, 1);

export type Charge =
  { readonly kind: 'place'; readonly schoolId: string } | { readonly kind: 'cost'; readonly amount: Pence; readonly description: string };

export type CommissionAnnouncement = 'near-budget' | 'spent';

export type ChargeDecision = Decided<{ commission: Commission; amount: Pence; announce: readonly CommissionAnnouncement[] }>;

const crossings = (before: Commission, after: Commission): CommissionAnnouncement[] => [
  ...(!isNearBudget(before) && isNearBudget(after) ? (['near-budget'] as const) : []),
  ...(!isSpent(before) && isSpent(after) ? (['spent'] as const) : []),
];

export function charge(commission: Commission, item: Charge): ChargeDecision {
  if (item.kind === 'place' && !commission.schoolIds.includes(item.schoolId)) {
    return refuse(
      'school',
      `This commission of ${commission.programmeCode} is for ${plural(commission.schoolIds.length, 'named school')}, and the person's school is not one of them.`,
    );
  }
  if (item.kind === 'cost') {
    if (!isPence(item.amount) || item.amount === 0)
      return refuse('amount', `A cost must be a whole number of pence above 0; it is ${item.amount}.`);
    if (item.description.trim() === '') return refuse('description', 'A cost needs a description (what was paid for).');
  }
  const amount = item.kind === 'place' ? commission.costPerPlace : item.amount;
  const left = remaining(commission);
  if (amount > left) {
    const what = item.kind === 'place' ? 'A place costs' : `${item.description.trim()} costs`;
    return refuse(
      'budget',
      `${what} ${formatPounds(amount)} and ${formatPounds(left)} of the ${formatPounds(commission.budget)} budget is left (${formatPounds(commission.committed)} committed): the commission would be overspent by ${formatPounds(amount - left)}.`,
    );
  }
  const after = { ...commission, committed: commission.committed + amount };
  return { ok: true, commission: after, amount, announce: crossings(commission, after) };
}

/**
 * A place withdrawn before the cohort's first session is refunded to the commission (the provider
 * is told in time); once the cohort has begun the place has been paid for.
 */
export const refundsOnWithdrawal = (withdrawnOn: string, firstSession: string): boolean => withdrawnOn < firstSession;

export function refund(commission: Commission, amount: Pence): Commission {
  if (!isPence(amount) || amount > commission.committed)
    throw new Error(`cannot refund ${amount} pence of ${commission.committed} committed`);
  return { ...commission, committed: commission.committed - amount };
}

/** "£27,600 of £30,000 committed (92%), £2,400 left: 1 more place". */
export function describeBudget(c: Commission): string {
  const percent = Math.floor((c.committed * 100) / c.budget);
  const places = c.costPerPlace === 0 ? null : Math.floor(remaining(c) / c.costPerPlace);
  return `${formatPounds(c.committed)} of ${formatPounds(c.budget)} committed (${percent}%), ${formatPounds(remaining(c))} left${places === null ? '' : `: ${plural(places, 'more place')}`}`;
}
