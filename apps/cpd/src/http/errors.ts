import { HttpException } from '@nestjs/common';
import { errorBody, refusedBy as refused } from '@trustwide/common';
import type { Refusal } from '../shared/refusal';

export { conflict, notFound, unprocessable } from '@trustwide/common';

/**
 * The CPD service's refusals in the one error shape. 409: the request conflicts with the current state
 * (an enrolment's status, a duplicate, a cohort already cancelled): read it again before retrying.
 * 422: well-formed but refused by a rule as made (prerequisites, a budget that cannot pay, dates):
 * it will not succeed until the request (or the catalogue) changes. Messages carry the numbers.
 */
const CONFLICT_RULES: ReadonlySet<string> = new Set(['status', 'duplicate', 'code']);

export const refusedBy = (refusals: readonly Refusal[]): HttpException => refused(refusals, CONFLICT_RULES);

/** Field problems of a pure validator as a 422. */
export const fieldProblems = (problems: ReadonlyArray<{ field: string; problem: string }>): HttpException => {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.problem]);
  return new HttpException(
    errorBody(
      422,
      problems.map((p) => p.problem).join('; '),
      [...byField].map(([field, ps]) => ({ field, problems: ps })),
    ),
    422,
  );
};
