import { HttpException } from '@nestjs/common';
import { errorBody } from '@trustwide/common';
import type { Refusal } from '../shared/refusal';

export { conflict, notFound } from '@trustwide/common';

/**
 * The CPD service's refusals in the one error shape. 409: the request conflicts with the current state
 * (an enrolment's status, a duplicate, a cohort already cancelled): read it again before retrying.
 * 422: well-formed but refused by a rule as made (prerequisites, a budget that cannot pay, dates):
 * it will not succeed until the request (or the catalogue) changes. Messages carry the numbers.
 */
const CONFLICT_RULES = new Set(['status', 'duplicate', 'code']);

export const unprocessable = (field: string, ...problems: string[]) => new HttpException(errorBody(422, problems.join(' '), [{ field, problems }]), 422);

export function refusedBy(refusals: readonly Refusal[]): HttpException {
  const byRule = new Map<string, string[]>();
  for (const r of refusals) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r.message]);
  const status = refusals.some((r) => CONFLICT_RULES.has(r.rule)) ? 409 : 422;
  return new HttpException(errorBody(status, refusals.map((r) => r.message).join(' '), [...byRule].map(([field, problems]) => ({ field, problems }))), status);
}

/** Field problems of a pure validator as a 422. */
export const fieldProblems = (problems: ReadonlyArray<{ field: string; problem: string }>): HttpException => {
  const byField = new Map<string, string[]>();
  for (const p of problems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.problem]);
  return new HttpException(errorBody(422, problems.map((p) => p.problem).join('; '), [...byField].map(([field, ps]) => ({ field, problems: ps }))), 422);
};
