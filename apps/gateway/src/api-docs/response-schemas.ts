/**
 * The JSON Schemas of the public API's answers, read from the handlers' return types by the TypeScript compiler.
 * Response types are interfaces (mapped from entities, as `mapSchool()` → `SchoolResponseDto`), which leave nothing to
 * read at run time, so the OpenAPI document's generator (`npm run docs:api`, in a spec) reads the source instead.
 * Docs time only: the gateway never loads this file (it serves the committed docs/openapi.json).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { SCHEMA_REF, type Schema } from './dto-schemas';

export interface ResponseSchemas {
  /**
   * By `<app>:<ControllerClass>.<handler>`, e.g. `schools:MeasuresController.record`: its JSON body's schema, or null
   * for none (`void`: it writes its own answer, or answers 204).
   */
  handlers: Map<string, Schema | null>;
  /** The named response types, as OpenAPI components (named by the type; one of the same name elsewhere gets its app's prefix). */
  components: Record<string, Schema>;
}

const HTTP_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

/** Every source file under `apps/<app>/src` that declares a controller (most are `*.controller.ts`, not all). */
export function controllerFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && readFileSync(path, 'utf8').includes('@Controller('))
        found.push(path);
    }
  };
  for (const app of readdirSync(join(root, 'apps'), { withFileTypes: true }))
    if (app.isDirectory()) walk(join(root, 'apps', app.name, 'src'));
  return found.sort();
}

/** The response schemas of every HTTP handler of the given controller files (the project's tsconfig.json applies). */
export function responseSchemas(root: string, files: string[] = controllerFiles(root)): ResponseSchemas {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const program = ts.createProgram(files, { ...config.options, noEmit: true, skipLibCheck: true });
  const converter = new TypeToSchema(program.getTypeChecker(), root);
  const handlers = new Map<string, Schema | null>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not part of the program`);
    const app = relative(join(root, 'apps'), file).split(sep)[0];
    for (const statement of source.statements) {
      if (!ts.isClassDeclaration(statement) || !statement.name) continue;
      for (const member of statement.members) {
        if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name) || !isHttpHandler(member)) continue;
        const key = `${app}:${statement.name.text}.${member.name.text}`;
        handlers.set(key, converter.response(member, app));
      }
    }
  }
  return { handlers, components: converter.components };
}

function isHttpHandler(method: ts.MethodDeclaration): boolean {
  return (ts.getDecorators(method) ?? []).some((d) => {
    const call = d.expression;
    return ts.isCallExpression(call) && ts.isIdentifier(call.expression) && HTTP_DECORATORS.has(call.expression.text);
  });
}

/** A TypeScript type as the JSON its value becomes (`JSON.stringify`: a Date is its ISO string, `undefined` leaves a field out). */
class TypeToSchema {
  readonly components: Record<string, Schema> = {};
  /** Component names by declaration, and the declarations by name (two of one name: the later one is prefixed). */
  private readonly named = new Map<ts.Declaration, string>();
  private readonly taken = new Set<string>();

  constructor(
    private readonly checker: ts.TypeChecker,
    private readonly root: string,
  ) {}

  response(method: ts.MethodDeclaration, app: string): Schema | null {
    const signature = this.checker.getSignatureFromDeclaration(method);
    if (!signature) throw new Error(`no signature for ${method.name.getText()}`);
    const returned = this.checker.getAwaitedType(this.checker.getReturnTypeOfSignature(signature)) ?? signature.getReturnType();
    const parts = returned.isUnion() ? returned.types : [returned];
    // `undefined` beside a body: the handler wrote its own answer that time (a CSV download, with `@Res({ passthrough })`).
    const body = parts.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    return body.length === 0 ? null : this.union(body, method, app);
  }

  private schemaOf(type: ts.Type, at: ts.Node, app: string): Schema {
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isStringLiteral()) return { type: 'string', const: type.value };
    if (type.isNumberLiteral()) return { type: 'number', const: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', const: this.checker.typeToString(type) === 'true' };
    // JSON.stringify throws on a bigint: a handler must not answer one.
    if (f & ts.TypeFlags.BigInt) throw new Error(`a bigint cannot go out as JSON (at ${at.getSourceFile().fileName})`);
    const named = this.componentName(type, app);
    const describe = () => (type.isUnion() ? this.union(type.types, at, app) : this.structure(type, at, app));
    if (named) {
      if (!(named in this.components)) {
        this.components[named] = {}; // a type that refers to itself finds its name while it is being described
        const doc = ts.displayPartsToString((type.aliasSymbol ?? type.getSymbol())?.getDocumentationComment(this.checker)).trim();
        this.components[named] = doc ? { description: doc, ...describe() } : describe();
      }
      return { $ref: SCHEMA_REF + named };
    }
    return describe();
  }

  /** Members of a union; literals of one kind become an enum, `null` a type beside them. */
  private union(types: readonly ts.Type[], at: ts.Node, app: string): Schema {
    const present = types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)));
    // `boolean` is the union true | false.
    const booleans = present.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest = present.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    const members = booleans.length === 2 ? [{ type: 'boolean' } as Schema] : booleans.map((t) => this.schemaOf(t, at, app));
    const hasNull = rest.some((t) => t.flags & ts.TypeFlags.Null);
    const strings = rest.filter((t): t is ts.StringLiteralType => t.isStringLiteral());
    const numbers = rest.filter((t): t is ts.NumberLiteralType => t.isNumberLiteral());
    const others = rest.filter((t) => !(t.flags & ts.TypeFlags.Null) && !t.isStringLiteral() && !t.isNumberLiteral());
    if (strings.length > 0) members.push({ type: 'string', enum: strings.map((t) => t.value).sort() });
    if (numbers.length > 0) members.push({ type: 'number', enum: numbers.map((t) => t.value).sort((a, b) => a - b) });
    members.push(...others.map((t) => this.schemaOf(t, at, app)));
    if (members.length === 1 && !hasNull) return members[0];
    if (hasNull) {
      const only = members.length === 1 ? members[0] : undefined;
      if (only && typeof only.type === 'string' && !only.$ref) {
        const withNull: Schema = { ...only, type: [only.type, 'null'] };
        if (Array.isArray(only.enum)) withNull.enum = [...(only.enum as unknown[]), null];
        if ('const' in only) {
          delete withNull.const;
          withNull.enum = [only.const, null];
        }
        return withNull;
      }
      members.push({ type: 'null' });
    }
    if (members.length === 1) return members[0];
    return { anyOf: members };
  }

  private structure(type: ts.Type, at: ts.Node, app: string): Schema {
    const symbolName = type.getSymbol()?.getName();
    if (symbolName === 'Date') return { type: 'string', format: 'date-time' };
    if (this.checker.isArrayType(type)) {
      const [item] = this.checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: this.schemaOf(item, at, app) };
    }
    if (this.checker.isTupleType(type)) {
      const items = this.checker.getTypeArguments(type as ts.TypeReference).map((t) => this.schemaOf(t, at, app));
      return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
    }
    const schema: Schema = { type: 'object' };
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of this.checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = this.checker.getTypeOfSymbolAtLocation(property, declaration ?? at);
      // Methods are not data; JSON.stringify leaves functions out.
      if (propertyType.getCallSignatures().length > 0) continue;
      const parts = propertyType.isUnion() ? propertyType.types : [propertyType];
      const maybeAbsent =
        (property.flags & ts.SymbolFlags.Optional) !== 0 || parts.some((t) => t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void));
      const described = this.schemaOf(propertyType, declaration ?? at, app);
      const doc = ts.displayPartsToString(property.getDocumentationComment(this.checker)).trim();
      // Beside a $ref too: OpenAPI 3.1 (JSON Schema 2020-12) allows it.
      properties[property.getName()] = doc ? { ...described, description: doc } : described;
      if (!maybeAbsent) required.push(property.getName());
    }
    if (Object.keys(properties).length > 0) schema.properties = properties;
    if (required.length > 0) schema.required = required;
    const index = this.checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & (ts.TypeFlags.String | ts.TypeFlags.Number));
    if (index) schema.additionalProperties = this.schemaOf(index.type, at, app);
    return schema;
  }

  /**
   * The component name of a declared interface, class or type alias of this project (not of a package), without type
   * arguments: those and anonymous object types are described where they are used.
   */
  private componentName(type: ts.Type, app: string): string | undefined {
    const symbol = type.aliasSymbol && !type.aliasTypeArguments?.length ? type.aliasSymbol : type.getSymbol();
    if (!symbol || symbol.getName().startsWith('__')) return undefined;
    if (symbol !== type.aliasSymbol && (type as ts.TypeReference).typeArguments?.length) return undefined;
    const declaration = symbol.declarations?.[0];
    if (!declaration) return undefined;
    if (!ts.isInterfaceDeclaration(declaration) && !ts.isTypeAliasDeclaration(declaration) && !ts.isClassDeclaration(declaration))
      return undefined;
    const file = declaration.getSourceFile().fileName;
    if (!file.startsWith(this.root) || file.includes(`${sep}node_modules${sep}`)) return undefined;
    const known = this.named.get(declaration);
    if (known) return known;
    let name = symbol.getName();
    if (this.taken.has(name)) name = `${app[0].toUpperCase()}${app.slice(1)}${name}`;
    for (let n = 2; this.taken.has(name); n++) name = `${symbol.getName()}${n}`;
    this.taken.add(name);
    this.named.set(declaration, name);
    return name;
  }
}
