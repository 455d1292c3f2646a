import { invalidField } from '@trustwide/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Query = Record<string, unknown>;

/** One text value of a query parameter (a repeated one is refused), at most `max` characters, or undefined. */
export function text(query: Query, name: string, max = 200): string | undefined {
  const v = query[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw invalidField(name, `${name} must be given once, as text`);
  if (v.length > max) throw invalidField(name, `${name} must be at most ${max} characters`);
  if (v.includes('\u0000')) throw invalidField(name, `${name} must not contain a NUL character`);
  return v;
}

export function oneOf<T extends string>(query: Query, name: string, allowed: readonly T[]): T | undefined {
  const v = text(query, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw invalidField(name, `${name} must be one of ${allowed.join(', ')}`);
  return v as T;
}

export function whole(query: Query, name: string, min: number, max: number, fallback: number): number {
  const v = text(query, name, 12);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw invalidField(name, `${name} must be a whole number from ${min} to ${max}`);
  return Number(v);
}

export function uuid(query: Query, name: string): string | undefined {
  const v = text(query, name, 36);
  if (v === undefined) return undefined;
  if (!UUID.test(v)) throw invalidField(name, `${name} must be a UUID`);
  return v.toLowerCase();
}

export function bool(query: Query, name: string): boolean | undefined {
  const v = oneOf(query, name, ['true', 'false'] as const);
  return v === undefined ? undefined : v === 'true';
}

/** `?format=csv` (or json, the default). */
export const wantsCsv = (query: Query) => oneOf(query, 'format', ['json', 'csv'] as const) === 'csv';

export const paging = (query: Query) => ({ limit: whole(query, 'limit', 1, 500, 50), offset: whole(query, 'offset', 0, 1_000_000, 0) });
