/**
 * How every rule of this service says no: a stable rule id for clients and a sentence with the
 * numbers that break it, in words a trust officer can pass on. Rules never throw for a refusal.
 */
export interface Refusal {
  /** Stable id of the rule: `capacity`, `qa-independence`, `status`, … */
  readonly rule: string;
  readonly message: string;
}

/** What a field-by-field validation returns: the 4xx body's `errors` entries. */
export interface FieldProblem {
  readonly field: string;
  readonly problems: string[];
}

export type Decided<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusals: readonly Refusal[] };

export const ok = <T>(value: T): Decided<T> => ({ ok: true, value });
export const refused = <T = never>(...refusals: Refusal[]): Decided<T> => ({ ok: false, refusals });

/** Collects problems per field, in the order first seen. */
export class ProblemList {
  private readonly byField = new Map<string, string[]>();
  add(field: string, problem: string): void {
    const list = this.byField.get(field) ?? [];
    list.push(problem);
    this.byField.set(field, list);
  }
  get list(): FieldProblem[] {
    return [...this.byField].map(([field, problems]) => ({ field, problems }));
  }
}

/** `1 day`, `3 days`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
