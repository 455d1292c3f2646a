import { SCHEMA_REF, type Schema } from './dto-schemas';

/**
 * TypeScript declarations of the OpenAPI document's component schemas, for clients of the API (the web dashboard's
 * `web/src/api/schema.ts`): one `export type` per component, written from the document, so a client's types follow the
 * answers the document describes. Covers the schema forms the document's generators write.
 */
export function schemaTypes(components: Record<string, Schema>, header: string): string {
  const lines = [header, ''];
  for (const name of Object.keys(components).sort()) {
    const schema = components[name];
    if (typeof schema.description === 'string') lines.push(comment(schema.description, ''));
    lines.push(`export type ${name} = ${typeOf(schema, '')};`, '');
  }
  return lines.join('\n');
}

const comment = (text: string, indent: string) => `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\n/g, ' ')} */`;
const key = (name: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name));

function typeOf(schema: Schema, indent: string): string {
  if (typeof schema.$ref === 'string') return schema.$ref.slice(SCHEMA_REF.length);
  if (Array.isArray(schema.anyOf)) return union((schema.anyOf as Schema[]).map((s) => typeOf(s, indent)));
  if (Array.isArray(schema.oneOf)) return union((schema.oneOf as Schema[]).map((s) => typeOf(s, indent)));
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(' | ');
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length === 0) return schema.properties ? objectOf(schema, indent) : 'unknown';
  return union(types.map((t) => single(t, schema, indent)));
}

/** Members once each; `unknown` takes in the rest. */
const union = (members: string[]) => (members.includes('unknown') ? 'unknown' : [...new Set(members)].join(' | '));

function single(type: string, schema: Schema, indent: string): string {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      if (Array.isArray(schema.prefixItems)) return `[${(schema.prefixItems as Schema[]).map((s) => typeOf(s, indent)).join(', ')}]`;
      const item = schema.items ? typeOf(schema.items as Schema, indent) : 'unknown';
      return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      return objectOf(schema, indent);
    default:
      return 'unknown';
  }
}

function objectOf(schema: Schema, indent: string): string {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const inner = `${indent}  `;
  const members = Object.entries(properties).flatMap(([name, property]) => [
    ...(typeof property.description === 'string' ? [comment(property.description, inner)] : []),
    `${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};`,
  ]);
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') members.push(`${inner}[key: string]: ${typeOf(extra as Schema, inner)};`);
  if (members.length === 0) return extra === false ? 'Record<string, never>' : 'Record<string, unknown>';
  return `{\n${members.join('\n')}\n${indent}}`;
}
