import { ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { constraintName, nestedClass, propertiesOf } from './json-schema';

/**
 * Samples of a contract, made from its class-validator declaration: one valid object, and for every
 * field (nested ones and array elements included) values that break or stretch it. The agreement test
 * and the benchmark use them, so a new service's events are covered without writing samples by hand.
 */

type Ctor = new () => object;
type Json = unknown;
/** `Array.isArray` that keeps the elements `unknown` (it would make them `any`). */
const isList = (value: Json): value is Json[] => Array.isArray(value);

const UUID = '6f1c1a52-7c5e-4b43-9a57-6d2f3b8f0a11';

const constraintsOf = (metadatas: ValidationMetadata[]) => {
  const byName = new Map<string, ValidationMetadata>();
  for (const m of metadatas) if (m.type === ValidationTypes.CUSTOM_VALIDATION) byName.set(constraintName(m), m);
  return byName;
};

function validValue(target: Ctor, property: string, metadatas: ValidationMetadata[]): Json {
  const nested = metadatas.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  if (nested) {
    const value = validSample(nestedClass(target, property));
    return nested.each ? [value] : value;
  }
  const c = constraintsOf(metadatas);
  const arg = (name: string, i = 0) => c.get(name)?.constraints?.[i] as number | undefined;
  let value: Json;
  if (c.has('isIn')) value = (c.get('isIn')!.constraints[0] as Json[])[0];
  else if (c.has('isUuid')) value = UUID;
  else if (c.has('matches') && c.has('isIso8601'))
    value = '2026-02-28'; // IsDateOnly
  else if (c.has('isIso8601')) value = '2026-02-28T10:00:00.000Z';
  else if (c.has('matches')) value = matchingSample(target, property, c.get('matches')!);
  else if (c.has('isInt')) value = arg('min') ?? Math.min(7, arg('max') ?? 7);
  else if (c.has('isNumber')) value = Math.min((arg('min') ?? 0) + 0.5, arg('max') ?? Infinity);
  else if (c.has('isObject')) value = { any: 'thing' };
  else if (c.has('isBoolean')) value = true;
  else if (c.has('isString')) value = 'a'.repeat(Math.max(arg('isLength') ?? 1, 1));
  else throw new Error(`${target.name}.${property}: no valid sample for ${[...c.keys()].join(', ')} (teach contract-samples.ts)`);
  const each = [...c.values()].some((m) => m.each);
  return each || (c.has('isArray') && !c.has('isIn')) ? [value] : value;
}

// Values that the patterns contracts use accept (academic years, terms, programme codes, slugs); the first
// one a field's pattern takes is its sample.
const PATTERN_SAMPLES = ['2024/25', '2024/25-autumn', 'NPQH', 'NPQH-2026', 'abc', 'a-b', 'A', '1'];

function matchingSample(target: Ctor, property: string, m: ValidationMetadata): string {
  const [pattern, flags] = m.constraints as [RegExp | string, string | undefined];
  const re = typeof pattern === 'string' ? new RegExp(pattern, flags) : pattern;
  const found = PATTERN_SAMPLES.find((s) => re.test(s));
  if (found === undefined)
    throw new Error(`${target.name}.${property}: no sample matches ${String(re)} (add one to PATTERN_SAMPLES in contract-samples.ts)`);
  return found;
}

/** A valid object of a contract class: every field, optional ones included, with a value it accepts. */
export function validSample(target: Ctor): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [property, metadatas] of propertiesOf(target)) out[property] = validValue(target, property, metadatas);
  return out;
}

/** Values that test one field's constraints at and beyond their bounds, whatever the field. */
function candidates(metadatas: ValidationMetadata[], valid: Json): Json[] {
  const c = constraintsOf(metadatas);
  const arg = (name: string, i = 0) => c.get(name)?.constraints?.[i] as number | undefined;
  const out: Json[] = [
    null,
    42,
    -1,
    0,
    1.5,
    1e308,
    -0,
    true,
    '',
    'text',
    '\uFE0F',
    '😀',
    [],
    {},
    [valid],
    [[valid]],
    [null],
    [42],
    ['text'],
    { junk: { deep: [1, { x: null }] } },
  ];
  for (const bound of [arg('min'), arg('max')]) if (bound !== undefined) out.push(bound - 1, bound, bound + 1, bound + 0.5);
  const [minLength, maxLength] = [arg('isLength', 0), arg('isLength', 1)];
  for (const n of [minLength, maxLength]) {
    if (n === undefined) continue;
    for (const len of [n - 1, n, n + 1].filter((l) => l >= 0)) {
      out.push('a'.repeat(len), '😀'.repeat(len), 'a'.repeat(len) + '\uFE0F', '\uFE0E'.repeat(len));
    }
  }
  if (c.has('isIn')) {
    const values = c.get('isIn')!.constraints[0] as Json[];
    out.push(...values, 'not-a-value', ...values.map((v) => (typeof v === 'string' ? v.toUpperCase() : String(v))));
  }
  if (c.has('isUuid'))
    out.push(
      UUID.toUpperCase(),
      UUID.replace(/-/g, ''),
      '00000000-0000-0000-0000-000000000000',
      '0192f7a2-7c5e-7b43-9a57-6d2f3b8f0a11',
      `${UUID}x`,
    );
  if (c.has('isIso8601') || c.has('matches')) {
    out.push(
      '2026-02-30',
      '2026-2-3',
      '2026-13-01',
      '20260228',
      '2026-02-28T10:00:00Z',
      '2026-02-28 10:00:00',
      '2024-02-29',
      '2026-02-28T25:00:00Z',
      ' 2026-02-28',
    );
    out.push(
      '2000-02-29',
      '1900-02-29',
      '0000-02-29',
      '0999-12-31',
      '1000-02-29',
      '1600-02-29',
      '2026-00-10',
      '2026-04-31',
      '2026-04-30',
      '2026-12-31',
      '2026-12-32',
    );
    out.push(
      '2026-02-28T23:59:59.999Z',
      '2026-02-29T10:00:00.000Z',
      '2026-02-28T24:00:00.000Z',
      '2026-02-28T10:60:00.000Z',
      '2026-02-28T10:00:60.000Z',
      '2024-02-29T10:00:00.000Z',
      '2026-02-28T10:00:00.000+01:00',
      '2026-02-28t10:00:00.000z',
    );
  }
  if (c.has('arrayMaxSize')) {
    const max = arg('arrayMaxSize')!;
    const element = isList(valid) ? valid[0] : 'text';
    out.push(Array<Json>(max).fill(element), Array<Json>(max + 1).fill(element));
  }
  if (isList(valid)) out.push([...valid, ...valid], [valid[0], null], [{ ...(valid[0] as object), junk: [1] }]);
  return out;
}

export interface Mutation {
  /** Dotted path of the field changed (`school.urn`, `judgements.0.grade`). */
  path: string;
  /** What was done: `deleted`, `extra field`, or the value put there. */
  change: string;
  sample: Record<string, Json>;
  /** Where class-validator accepts more than the compiled check, as documented (see `documentedStricter`). */
  arrayForNested: boolean;
}

/** What a field holds, as far as the documented difference goes. */
export type FieldKind = 'nested' | 'nested-array' | 'plain';

/**
 * The one way the compiled check is stricter than class-validator: class-validator walks into arrays
 * where a nested object belongs (an array of them, or arrays inside a nested array).
 */
export const documentedStricter = (kind: FieldKind, value: Json) =>
  (kind === 'nested' && Array.isArray(value)) || (kind === 'nested-array' && Array.isArray(value) && value.some((v) => Array.isArray(v)));

const kindOf = (field: { metadatas: ValidationMetadata[]; nestedElement: boolean }): FieldKind => {
  const nested = field.metadatas.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
  if (field.nestedElement || (nested && !nested.each)) return 'nested';
  return nested ? 'nested-array' : 'plain';
};

/** `value` is what to put at `path`, or `DELETE` to remove the field there. */
function setAt(root: Record<string, Json>, path: (string | number)[], value: Json): Record<string, Json> {
  const copy = structuredClone(root);
  let at: Record<string | number, Json> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === DELETE) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}
const DELETE = Symbol('delete');

/** Every field of the valid sample, nested and array elements included, with the field's class metadata. */
export function fieldsOf(
  target: Ctor,
  valid: Record<string, Json>,
  prefix: (string | number)[] = [],
): { path: (string | number)[]; metadatas: ValidationMetadata[]; value: Json; nestedElement: boolean }[] {
  const out: { path: (string | number)[]; metadatas: ValidationMetadata[]; value: Json; nestedElement: boolean }[] = [];
  for (const [property, metadatas] of propertiesOf(target)) {
    const path = [...prefix, property];
    const value = valid[property];
    out.push({ path, metadatas, value, nestedElement: false });
    const nested = metadatas.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    if (!nested) continue;
    const cls = nestedClass(target, property);
    if (nested.each) {
      const elements = value as Record<string, Json>[];
      out.push({ path: [...path, 0], metadatas: [nested], value: elements[0], nestedElement: true });
      out.push(...fieldsOf(cls, elements[0], [...path, 0]));
    } else {
      out.push(...fieldsOf(cls, value as Record<string, Json>, path));
    }
  }
  return out;
}

/** The valid sample with one field deleted, replaced or given extra junk, for every field. */
export function mutationsOf(target: Ctor): Mutation[] {
  const valid = validSample(target);
  const out: Mutation[] = [
    { path: '', change: 'extra field', sample: { ...valid, junk: { deep: [1, { x: null }] } }, arrayForNested: false },
  ];
  for (const field of fieldsOf(target, valid)) {
    const path = field.path.join('.');
    const kind = kindOf(field);
    out.push({ path, change: 'deleted', sample: setAt(valid, field.path, DELETE), arrayForNested: false });
    if (field.value !== null && typeof field.value === 'object' && !Array.isArray(field.value)) {
      out.push({
        path,
        change: 'extra field',
        sample: setAt(valid, [...field.path, 'junk'], { deep: [1, { x: null }] }),
        arrayForNested: false,
      });
    }
    for (const value of candidates(field.metadatas, field.value)) {
      out.push({
        path,
        change: JSON.stringify(value) ?? String(value),
        sample: setAt(valid, field.path, value),
        arrayForNested: documentedStricter(kind, value),
      });
    }
  }
  return out;
}

/** Paths of every field, for property-based replacement. */
export function fieldPaths(target: Ctor): { path: (string | number)[]; kind: FieldKind }[] {
  return fieldsOf(target, validSample(target)).map((f) => ({ path: f.path, kind: kindOf(f) }));
}

export const replaceAt = (root: Record<string, Json>, path: (string | number)[], value: Json) => setAt(root, path, value);
