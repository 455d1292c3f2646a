import { HttpException } from '@nestjs/common';

/**
 * The improvement service's 4xx answers in the one shape `{ statusCode, message, errors: [{ field, problems }] }`.
 * A refusal by a domain rule names the rule in `field` (`status`, `capacity`, `qa-independence`, …).
 *
 * 409 Conflict: the request conflicts with the current state (an agreement's status, a stale
 * `expectedVersion`, a lost race, a duplicate). Retrying after reading the new state may succeed.
 * 422 Unprocessable: the request is well-formed but a rule refuses it as made (capacity, QA independence,
 * an unknown school). It will not succeed until the request changes.
 */
export function problem(statusCode: 404 | 409 | 422, message: string, errors: { field: string; problems: string[] }[]): HttpException {
  const error = { 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity' }[statusCode];
  return new HttpException({ statusCode, error, message, errors }, statusCode);
}

export const notFound = (field: string, message: string) => problem(404, message, [{ field, problems: [message] }]);
export const conflict = (field: string, message: string) => problem(409, message, [{ field, problems: [message] }]);
export const unprocessable = (field: string, ...problems: string[]) => problem(422, problems.join(' '), [{ field, problems }]);

/** Domain refusals (rule + sentence) as one answer: 409 when the status said no, else 422. */
export function refusedBy(refusals: readonly { rule: string; message: string }[]): HttpException {
  const byRule = new Map<string, string[]>();
  for (const r of refusals) byRule.set(r.rule, [...(byRule.get(r.rule) ?? []), r.message]);
  const status = refusals.some((r) => r.rule === 'status') ? 409 : 422;
  return problem(status, refusals.map((r) => r.message).join(' '), [...byRule].map(([field, problems]) => ({ field, problems })));
}

/** Paging every list shares. */
export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** `%` and `_` typed by a user match themselves in ILIKE. */
export const likePattern = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;
