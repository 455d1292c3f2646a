import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import type { IOptions } from 'class-validator-jsonschema/build/options';

export type Schema = Record<string, unknown>;
type Ctor = abstract new (...args: never[]) => unknown;

export const SCHEMA_REF = '#/components/schemas/';

/** The rules of libs/common/src/validation/rules.ts, which class-validator-jsonschema cannot see into. */
const RULES: ISchemaConverters = {
  isWholeNumber: (m: ValidationMetadata) => ({ type: 'integer', minimum: m.constraints[0] as number, maximum: m.constraints[1] as number }),
  isNumberFrom: (m: ValidationMetadata) => ({ type: 'number', minimum: m.constraints[0] as number, maximum: m.constraints[1] as number }),
  isNotBelowField: (m: ValidationMetadata) => ({ description: `not below ${String(m.constraints[0])}` }),
  arrayUniqueBy: (m: ValidationMetadata) => ({ type: 'array', description: `no two items with the same ${String(m.constraints[0])}` }),
  isAcademicPeriod: { type: 'string', pattern: '^\\d{4}/\\d{2}(-(autumn|spring|summer))?$' },
};

/**
 * JSON Schemas of request DTOs (class-validator rules, nested classes through class-transformer's `@Type`), as
 * OpenAPI components. Schemas are named by class; two different classes of one name would describe each other,
 * so that throws (rename one).
 */
export class DtoSchemas {
  readonly schemas: Record<string, Schema> = {};
  private readonly classes = new Map<string, Ctor>();
  /** As the rules say, before optional fields take null: a query's values are text, never null. */
  private readonly asDeclared = new Map<string, Schema>();

  /** `{ $ref }` to the class's schema, adding it and every class nested in it. */
  refTo(target: Ctor): Schema {
    this.add(target);
    return { $ref: SCHEMA_REF + target.name };
  }

  /** The class's own schema (for a query DTO, whose properties become parameters). */
  schemaOf(target: Ctor): Schema {
    this.add(target);
    return this.asDeclared.get(target.name) ?? {};
  }

  /** Whether class-validator knows rules of this class (else it is no DTO: an interface's `Object`, a `String`). */
  static isDto(target: unknown): target is Ctor {
    return typeof target === 'function' && getMetadataStorage().getTargetValidationMetadatas(target, '', true, false).length > 0;
  }

  private add(target: Ctor): void {
    const known = this.classes.get(target.name);
    if (known === target) return;
    if (known) throw new Error(`two request classes are named ${target.name}: rename one, their schemas would share a name`);
    this.classes.set(target.name, target);
    const nested: Ctor[] = [];
    const schema = targetConstructorToSchema(target, {
      // The project's declaration of this storage names only what it uses; the object is class-transformer's own.
      classTransformerMetadataStorage: defaultMetadataStorage as unknown as IOptions['classTransformerMetadataStorage'],
      refPointerPrefix: SCHEMA_REF,
      additionalConverters: {
        ...RULES,
        [ValidationTypes.NESTED_VALIDATION]: (m: ValidationMetadata) => {
          const child = defaultMetadataStorage.findTypeMetadata(m.target as Ctor, m.propertyName)?.typeFunction() as Ctor | undefined;
          if (!child) return { type: 'object' };
          nested.push(child);
          return { $ref: SCHEMA_REF + child.name };
        },
      },
    }) as Schema;
    this.asDeclared.set(target.name, schema);
    this.schemas[target.name] = optionalTakesNull(schema);
    for (const child of nested) this.add(child);
  }
}

/**
 * A property that is not required is `@IsOptional()` (or `@ValidateIf`): class-validator skips its rules for null as
 * for absence, so a JSON body may send either.
 */
function optionalTakesNull(schema: Schema): Schema {
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const properties = Object.entries((schema.properties ?? {}) as Record<string, Schema>).map(([name, p]): [string, Schema] => [
    name,
    required.has(name) ? p : typeof p.type === 'string' && !p.enum ? { ...p, type: [p.type, 'null'] } : { anyOf: [p, { type: 'null' }] },
  ]);
  return { ...schema, properties: Object.fromEntries(properties) };
}
