import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { EVENT_CATALOGUE } from './catalogue';

type Ctor = new () => object;

/** One line per field: how class-validator constrains it, so the doc says exactly what consumers check. */
function describeFields(target: Ctor, seen: Map<Ctor, string[]>): void {
  if (seen.has(target)) return;
  const lines: string[] = [];
  seen.set(target, lines);
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false);
  const byProperty = new Map<string, string[]>();
  const optional = new Set<string>();
  for (const m of metadatas) {
    const list = byProperty.get(m.propertyName) ?? [];
    byProperty.set(m.propertyName, list);
    if (m.type === 'conditionalValidation') {
      optional.add(m.propertyName);
      continue;
    }
    if (m.type === 'nestedValidation') {
      const nested = defaultMetadataStorage.findTypeMetadata(target, m.propertyName)?.typeFunction() as Ctor | undefined;
      if (nested) {
        list.push(`${m.each ? 'array of ' : ''}${nested.name}`);
        describeFields(nested, seen);
      }
      continue;
    }
    const constraint = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls)[0];
    const name = constraint?.name ?? m.name ?? m.type;
    const args = (m.constraints ?? []).filter((c) => c !== undefined && (typeof c !== 'object' || Array.isArray(c)));
    const shown = args.length ? `${name}(${args.map((a) => (Array.isArray(a) ? a.join(' | ') : String(a))).join(', ')})` : name;
    list.push(m.each ? `each ${shown}` : shown);
  }
  for (const [property, constraints] of byProperty) {
    lines.push(
      `| \`${property}\` | ${optional.has(property) ? 'optional' : 'required'} | ${[...new Set(constraints)].reverse().join(', ')} |`,
    );
  }
}

/** The event catalogue as Markdown: what each event means, where it travels, and its contract. */
export function renderEventCatalogue(): string {
  const out: string[] = [
    '# Trustwide events',
    '',
    'Generated from the contracts (`libs/common/src/events/<service>.events.ts`, combined in `catalogue.ts`) by',
    '`npm run docs:events`; a test fails when this file is out of date. Import them alone, without Nest, Kafka or',
    'TypeORM, from `@trustwide/contracts`.',
    '',
    'Every event travels in the same envelope: `eventId` (uuid, consumers de-duplicate on it), `type`, `version`,',
    "`trustId` (the tenant), `aggregateType`, `aggregateId` (the Kafka key: one aggregate's events stay in order),",
    '`occurredAt`, `correlationId`, `causationId`, `actor` (`kind`: user | service | system, `id`), `source` (the',
    'publishing service) and `data`, the versioned contract below. A breaking change to `data` is a new version.',
    '',
    'The class-validator classes are the declaration. What runs per event (in `Outbox.record` and `parseEvent`) is',
    'JSON Schema derived from them and compiled by ajv once at load (`events/json-schema.ts`); a test checks that both',
    'agree on valid and mutated samples of every event. Where they cannot agree, the compiled check is the stricter:',
    'a nested object (`@ValidateNested()`) must be that object, where class-validator also takes an array of them,',
    'and the elements of a nested array must be objects, where class-validator also takes arrays of them. Fields',
    'not in a contract are allowed (a consumer ignores what it does not know, so adding a field is not breaking).',
    '',
    '| event | version | topic | aggregate | meaning |',
    '|---|---|---|---|---|',
  ];
  for (const [type, def] of Object.entries(EVENT_CATALOGUE)) {
    out.push(
      `| [\`${type}\`](#${type.replace(/[^a-z0-9-]/g, '')}) | ${def.version} | \`${def.topic}\` | ${def.aggregateType} | ${def.description} |`,
    );
  }
  for (const [type, def] of Object.entries(EVENT_CATALOGUE)) {
    const classes = new Map<Ctor, string[]>();
    describeFields(def.data, classes);
    out.push('', `## ${type}`, '', `${def.description} Version ${def.version}, on \`${def.topic}\`, keyed by the ${def.aggregateType} id.`);
    for (const [cls, lines] of classes) {
      out.push('', `\`${cls.name}\``, '', '| field | presence | constraints |', '|---|---|---|', ...lines);
    }
  }
  return out.join('\n') + '\n';
}
