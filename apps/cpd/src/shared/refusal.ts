/**
 * Every rule that says no says why, in a sentence a CPD lead can pass on, with the numbers behind
 * it. `rule` is a stable id for clients (`places`, `budget`, `prerequisite`, …).
 */
export interface Refusal {
  readonly rule: string;
  readonly message: string;
}

export type Decided<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly refusals: readonly Refusal[] };

export const refuse = (rule: string, message: string): { ok: false; refusals: Refusal[] } => ({ ok: false, refusals: [{ rule, message }] });

/** `1 place`, `3 places`. */
export const plural = (count: number, noun: string, nouns = `${noun}s`): string => `${count} ${count === 1 ? noun : nouns}`;
