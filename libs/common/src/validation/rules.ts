import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { todayInEngland } from './is-date-only';

/**
 * Reusable rules that class-validator lacks: a whole number with one honest message, cross-field
 * orders (low ≤ high, opened ≤ closed), lists without duplicates, academic-year periods. Each says
 * what is wrong in words a caller can act on.
 */

const present = (v: unknown) => v !== undefined && v !== null;

/**
 * A whole number from `min` to `max`. Digit strings (a query value, "140001" in a body) are read as
 * numbers; anything else is left as sent and refused: `123456abc` is "not a whole number", never
 * "greater than 9999999", and an object is never converted (so its `toString` is never run).
 */
export function IsWholeNumber(min: number, max: number, options?: ValidationOptions) {
  const toNumber = Transform(
    ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value),
    { toClassOnly: true },
  );
  return (target: object, property: string) => {
    toNumber(target, property);
    registerDecorator({
      name: 'isWholeNumber',
      target: target.constructor,
      propertyName: property,
      constraints: [min, max],
      options,
      validator: {
        validate: (value: unknown) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max,
        defaultMessage: ({ value, property: p }: ValidationArguments) =>
          Number.isSafeInteger(value) ? `${p} must be from ${min} to ${max}` : `${p} must be a whole number (from ${min} to ${max})`,
      },
    });
  };
}

/** A finite number from `min` to `max` (decimals allowed), with one message. */
export function IsNumberFrom(min: number, max: number, options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isNumberFrom',
      target: target.constructor,
      propertyName: property,
      constraints: [min, max],
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max,
        defaultMessage: ({ value, property: p }: ValidationArguments) =>
          typeof value === 'number' && Number.isFinite(value)
            ? `${p} must be from ${min} to ${max}`
            : `${p} must be a number (from ${min} to ${max})`,
      },
    });
}

/**
 * This field must not be below another of the same object (`highAge` ≥ `lowAge`, `closedOn` ≥
 * `openedOn`: numbers, or dates as YYYY-MM-DD, which sort as text). Either missing: nothing to compare.
 */
export function IsNotBelowField(other: string, relation = 'less than', options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isNotBelowField',
      target: target.constructor,
      propertyName: property,
      constraints: [other],
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => notBelow(value, (args.object as Record<string, unknown>)[other]),
        defaultMessage: ({ property: p, object }: ValidationArguments) =>
          `${p} must not be ${relation} ${other} (${String((object as Record<string, unknown>)[other])})`,
      },
    });
}

/** The comparison behind `IsNotBelowField`, for rules checked against a stored record (a PATCH). */
export function notBelow(value: unknown, floor: unknown): boolean {
  if (!present(value) || !present(floor)) return true;
  if (typeof value === 'number' && typeof floor === 'number') return value >= floor;
  if (typeof value === 'string' && typeof floor === 'string') return value >= floor;
  return true; // a type problem is the field's own rule's to report
}

/** A list in which no two items have the same `key` (e.g. one judgement per inspection area). */
export function ArrayUniqueBy(key: string, options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'arrayUniqueBy',
      target: target.constructor,
      propertyName: property,
      constraints: [key],
      options,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || duplicatesBy(value, key).length === 0,
        defaultMessage: ({ value, property: p }: ValidationArguments) =>
          `${p} lists ${key} ${duplicatesBy(value as unknown[], key)
            .map((d) => JSON.stringify(d))
            .join(', ')} more than once`,
      },
    });
}

function duplicatesBy(items: unknown[], key: string): unknown[] {
  const seen = new Set<unknown>();
  const twice = new Set<unknown>();
  for (const item of items) {
    const k = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[key] : item;
    if (seen.has(k)) twice.add(k);
    seen.add(k);
  }
  return [...twice].slice(0, 5);
}

/** The earliest academic year the platform takes records for. */
export const FIRST_ACADEMIC_YEAR = 1990;

/**
 * Why `text` is not an academic period (`2024/25`, or a term `2024/25-autumn|spring|summer`), or null.
 * The second year follows the first, and the year lies between 1990 and next year (a period that
 * has not started cannot have measures).
 */
export function academicPeriodProblem(text: unknown, today = todayInEngland()): string | null {
  const match = typeof text === 'string' ? /^(\d{4})\/(\d{2})(?:-(autumn|spring|summer))?$/.exec(text) : null;
  if (!match) return 'must be an academic year like 2024/25, or a term like 2024/25-autumn';
  const start = Number(match[1]);
  const end = Number(match[2]);
  if ((start + 1) % 100 !== end)
    return `${match[0]}: ${match[2]} does not follow ${match[1]} (the year after ${start} is ${String((start + 1) % 100).padStart(2, '0')})`;
  const latest = Number(today.slice(0, 4));
  if (start < FIRST_ACADEMIC_YEAR || start > latest)
    return `${match[0]}: the academic year must start between ${FIRST_ACADEMIC_YEAR} and ${latest}`;
  return null;
}

/** An academic year or a term of it (see `academicPeriodProblem`). */
export function IsAcademicPeriod(options?: ValidationOptions) {
  return (target: object, property: string) =>
    registerDecorator({
      name: 'isAcademicPeriod',
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate: (value: unknown) => academicPeriodProblem(value) === null,
        defaultMessage: ({ value, property: p }: ValidationArguments) => `${p} ${academicPeriodProblem(value)}`,
      },
    });
}
