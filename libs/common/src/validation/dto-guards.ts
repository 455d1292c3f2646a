import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { FieldProblem } from './problems';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Ctor = Function;

const PRIMITIVE_NAMES = new Map<unknown, string>([
  [Number, 'a number'],
  [String, 'text'],
  [Boolean, 'true or false'],
  [Date, 'a date'],
]);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Properties of a DTO class that carry class-validator rules (its own and inherited). */
function validatedProperties(target: Ctor): Map<string, { name?: string; type: string; each?: boolean }[]> {
  const byProperty = new Map<string, { name?: string; type: string; each?: boolean }[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const list = byProperty.get(m.propertyName) ?? [];
    list.push({ name: m.name, type: m.type, each: m.each });
    byProperty.set(m.propertyName, list);
  }
  return byProperty;
}

function typeOf(target: Ctor, property: string): unknown {
  return defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction();
}

/**
 * Fields where an object or array was sent but `@Type(() => Number)` (or String, Boolean, Date) would
 * convert it: class-transformer calls `Number(value)`, which runs the value's own `toString`/`valueOf`,
 * so `{"toString": "x"}` throws a TypeError (a 500) and `{}` silently becomes NaN. Refused before the
 * conversion, for any DTO, naming the field. Nested DTOs (`@ValidateNested` + `@Type(() => Dto)`) are
 * checked too.
 */
export function conversionProblems(target: Ctor, plain: unknown, prefix = '', depth = 0): FieldProblem[] {
  if (!isPlainObject(plain) || depth > 32) return [];
  const problems: FieldProblem[] = [];
  for (const [property, value] of Object.entries(plain)) {
    if (value === null || typeof value !== 'object') continue;
    const type = typeOf(target, property);
    const field = prefix + property;
    const primitive = PRIMITIVE_NAMES.get(type);
    if (primitive) {
      const items = Array.isArray(value) ? value : [value];
      if (items.some((v) => typeof v === 'object' && v !== null))
        problems.push({ field, problems: [`${field} must be ${primitive}, not an object or a list`] });
    } else if (typeof type === 'function') {
      const items = Array.isArray(value) ? value.map((v, i) => [`${field}.${i}.`, v] as const) : [[`${field}.`, value] as const];
      for (const [path, item] of items) problems.push(...conversionProblems(type, item, path, depth + 1));
    }
  }
  return problems;
}

/**
 * Lower-cases, in place, every UUID of a validated DTO (fields with `@IsUUID`, nested DTOs included):
 * ids are canonical from the edge inwards, so rows, event keys and comparisons only ever see one
 * spelling of an id.
 */
export function canonicaliseUuids(instance: unknown, depth = 0): void {
  if (!isPlainObject(instance) || depth > 32 || instance.constructor === Object) return;
  for (const [property, rules] of validatedProperties(instance.constructor)) {
    const value = instance[property];
    if (rules.some((r) => r.name === 'isUuid')) {
      if (typeof value === 'string') instance[property] = value.toLowerCase();
      else if (Array.isArray(value)) instance[property] = value.map((v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v));
    }
    if (rules.some((r) => r.type === 'nestedValidation')) {
      for (const item of Array.isArray(value) ? value : [value]) canonicaliseUuids(item, depth + 1);
    }
  }
}
