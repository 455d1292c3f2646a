import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { IsUUIDVersion } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';

/**
 * JSON Schema derived from class-validator classes, so a contract is declared once (the class) and
 * checked fast (the schema, compiled by ajv). The schema says what class-validator does, constraint by
 * constraint, including its quirks: `@IsOptional()` lets null and absence through and nothing else is
 * checked then; `each: true` checks every element of an array, or the value itself when it is not one;
 * extra properties are allowed (consumers ignore fields they don't know, so adding one is not breaking).
 *
 * Where the two cannot say the same thing the schema is stricter, never laxer (see docs/events.md):
 * `@ValidateNested()` without `each` also accepts an array of such objects (and arrays of arrays) in
 * class-validator; the schema wants the one object. `each: true` nested arrays may hold arrays of
 * objects in class-validator; the schema wants objects.
 *
 * A constraint without a translation here throws when the catalogue loads: add one to CONSTRAINTS.
 */

export type JsonSchema = Record<string, unknown>;
type Ctor = new () => object;

/**
 * Keywords the schema uses beyond JSON Schema: formats and a length keyword checked by class-validator's
 * own functions, so both count and parse alike (validator.js does not count surrogate pairs or
 * variation selectors in a length; its ISO 8601 and UUID rules are its own).
 */
export const VALIDATOR_LENGTH_KEYWORD = 'validatorLength';

/** Format names for the class-validator checks that have no exact JSON Schema equivalent. */
export const uuidFormat = (version: IsUUIDVersion | undefined) => `uuid${version === undefined ? '' : `-v${String(version)}`}`;
export const iso8601Format = (options: { strict?: boolean; strictSeparator?: boolean } | undefined) =>
  `iso8601${options?.strict ? '-strict' : ''}${options?.strictSeparator ? '-separator' : ''}`;

/** How one class-validator constraint reads as a schema that holds for the value it is applied to. */
const CONSTRAINTS: Record<string, (args: unknown[]) => JsonSchema> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: ([options]) => {
    const o = (options ?? {}) as { allowNaN?: boolean; allowInfinity?: boolean; maxDecimalPlaces?: number };
    // JSON has no NaN or Infinity and ajv refuses them in objects (strictNumbers): only the strict form agrees.
    if (o.allowNaN || o.allowInfinity || o.maxDecimalPlaces !== undefined)
      throw new Error('isNumber: only { allowNaN: false, allowInfinity: false } translates');
    return { type: 'number' };
  },
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  min: ([n]) => ({ type: 'number', minimum: n }),
  max: ([n]) => ({ type: 'number', maximum: n }),
  isLength: ([min, max]) => ({ type: 'string', [VALIDATOR_LENGTH_KEYWORD]: max === undefined ? [min] : [min, max] }),
  isUuid: ([version]) => ({ type: 'string', format: uuidFormat(version as IsUUIDVersion | undefined) }),
  isIso8601: ([options]) => ({ type: 'string', format: iso8601Format(options as never) }),
  matches: ([pattern, modifiers]) => {
    const re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern), modifiers as string | undefined);
    if (re.flags !== '') throw new Error(`matches: a pattern with flags (${re.flags}) has no JSON Schema equivalent`);
    return { type: 'string', pattern: re.source };
  },
  isArray: () => ({ type: 'array' }),
  arrayMaxSize: ([n]) => ({ type: 'array', maxItems: n }),
  arrayMinSize: ([n]) => ({ type: 'array', minItems: n }),
  isObject: () => ({ type: 'object' }),
  isBoolean: () => ({ type: 'boolean' }),
};

/** The name class-validator gives a constraint (`isString`, `min`, …), as its messages and the doc use it. */
export function constraintName(m: ValidationMetadata): string {
  const constraint = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls)[0];
  return constraint?.name ?? m.name ?? m.type;
}

/** The class a `@ValidateNested()` property holds, from its `@Type(() => …)`. */
export function nestedClass(target: Ctor, property: string): Ctor {
  const nested = defaultMetadataStorage.findTypeMetadata(target, property)?.typeFunction() as Ctor | undefined;
  if (!nested) throw new Error(`${target.name}.${property}: @ValidateNested() needs @Type(() => TheClass)`);
  return nested;
}

/** class-validator's metadata of a class (inherited included), grouped by property. */
export function propertiesOf(target: Ctor): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  }
  return byProperty;
}

const allOf = (schemas: JsonSchema[]): JsonSchema => (schemas.length === 1 ? schemas[0] : { allOf: schemas });

function propertySchema(
  target: Ctor,
  property: string,
  metadatas: ValidationMetadata[],
  defs: Record<string, JsonSchema>,
): { schema: JsonSchema; required: boolean } {
  const checks: JsonSchema[] = [];
  let optional = false;
  let required = false;
  for (const m of metadatas) {
    if (m.groups?.length || m.always || (m as { validateIf?: unknown }).validateIf)
      throw new Error(`${target.name}.${property}: groups, always and validateIf are not translated`);
    switch (m.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        // @ValidateIf(fn) runs code on the object: nothing a schema can say.
        if (m.name !== 'isOptional') throw new Error(`${target.name}.${property}: @ValidateIf is not translated`);
        optional = true;
        break;
      case ValidationTypes.IS_DEFINED:
        required = true;
        checks.push({ not: { type: 'null' } });
        break;
      case ValidationTypes.NESTED_VALIDATION: {
        const cls = nestedClass(target, property);
        addDefinition(cls, defs);
        const ref = { $ref: `#/$defs/${cls.name}` };
        // Absent passes class-validator's nested check (it skips undefined): only other constraints require it.
        checks.push(m.each ? { type: 'array', items: ref } : ref);
        break;
      }
      case ValidationTypes.CUSTOM_VALIDATION: {
        const name = constraintName(m);
        const translate = CONSTRAINTS[name];
        if (!translate)
          throw new Error(`${target.name}.${property}: no JSON Schema translation for @${name} (add one in events/json-schema.ts)`);
        const schema = translate(m.constraints ?? []);
        // `each`: every element when the value is an array, else the value itself.
        checks.push(m.each ? { if: { type: 'array' }, then: { items: schema }, else: schema } : schema);
        required = true; // every translated constraint fails on undefined
        break;
      }
      case ValidationTypes.WHITELIST:
        break;
      default:
        throw new Error(`${target.name}.${property}: validation type ${m.type} is not translated`);
    }
  }
  const schema = allOf(checks.length ? checks : [{}]);
  // @IsOptional(): null or absent skips every other check. (if/else rather than anyOf: ajv records an
  // error for every anyOf branch that fails, which would cost an allocation per optional field.)
  if (optional) return { schema: { if: { type: 'null' }, then: true, else: schema }, required: false };
  return { schema, required };
}

function addDefinition(target: Ctor, defs: Record<string, JsonSchema>): void {
  if (defs[target.name]) {
    if (defs[target.name]['x-class'] !== target) throw new Error(`two contract classes are named ${target.name}: give one another name`);
    return;
  }
  const placeholder: JsonSchema = {};
  // Not enumerable: ajv and the doc never see it, the name check above does.
  Object.defineProperty(placeholder, 'x-class', { value: target, enumerable: false });
  defs[target.name] = placeholder; // before the walk: a class may (indirectly) hold itself
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [property, metadatas] of propertiesOf(target)) {
    const p = propertySchema(target, property, metadatas, defs);
    properties[property] = p.schema;
    if (p.required) required.push(property);
  }
  Object.assign(placeholder, { type: 'object', properties, required });
}

/** The JSON Schema of a class-validator class: `$defs` holds it and every class nested in it. */
export function jsonSchemaOf(target: Ctor): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  addDefinition(target, defs);
  return { $ref: `#/$defs/${target.name}`, $defs: defs };
}
