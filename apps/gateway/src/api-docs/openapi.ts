import { HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ALSO_ANSWERS, type AlsoAnswered, type Role } from '@trustwide/common';
import type { RouteRule } from '../access/route-table';
import type { DeclaredRoute } from '../access/service-controllers';
import type { OwningService } from '../proxy/service-routes';
import { DtoSchemas, SCHEMA_REF, type Schema } from './dto-schemas';
import type { ResponseSchemas } from './response-schemas';

/** One route of the public API as the gateway exposes it: `path` under the gateway's root (`/api/...`). */
export interface PublicRoute {
  service: 'gateway' | OwningService;
  /** What Swagger UI groups it under: the service, or a part of the gateway (`read-model`). */
  tag?: string;
  route: DeclaredRoute;
  path: string;
  /** Who may call it: the route table's roles, a gateway route's `@Allow`, or anyone (`@Public`). */
  roles: readonly Role[] | 'anyone';
  /** The route table's line, for a proxied route. */
  rule?: RouteRule;
}

type ArgMetadata = Record<string, { index: number; data?: unknown; pipes?: unknown[] }>;
type Operation = Record<string, unknown>;

const ERROR = { $ref: '#/components/responses/Error' };
const STATUS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content' };

/** The metadata keys of auth.guard.ts's `@Public()` and `@Allow()`: what a gateway route declares about its callers. */
export function declaredRoles(route: DeclaredRoute): readonly Role[] | 'anyone' {
  const at = (key: string): unknown => Reflect.getMetadata(key, route.handler) ?? Reflect.getMetadata(key, route.controllerClass);
  if (at('trustwide:public')) return 'anyone';
  return (at('trustwide:allowed-roles') as Role[] | undefined) ?? [];
}

/** `/trusts/:trustId/schools/:urn` → `/trusts/{trustId}/schools/{urn}`. */
const templated = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A path parameter's schema, from the pipe that checks it (`UuidParam`, `IntParam`), else a string. */
function pathParamSchema(pipes: unknown[] | undefined): Schema {
  for (const pipe of pipes ?? []) {
    const name = (pipe as object).constructor.name;
    if (name === 'CanonicalUuidPipe') return { type: 'string', format: 'uuid' };
    if (name === 'IntegerRangePipe') {
      const { min, max } = pipe as { min: number; max: number };
      return { type: 'integer', minimum: min, maximum: max };
    }
  }
  return { type: 'string' };
}

function operationOf(api: PublicRoute, schemas: DtoSchemas, responses: ResponseSchemas | undefined, operationId: string): Operation {
  const { route, rule } = api;
  const name = route.handler.name;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controllerClass, name) ?? {}) as ArgMetadata;
  const types = (Reflect.getMetadata('design:paramtypes', route.controllerClass.prototype as object, name) ?? []) as unknown[];
  const parameters: Schema[] = [];
  let requestBody: Schema | undefined;
  const pathParams = new Map<string, unknown[] | undefined>();
  for (const [key, arg] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]) as RouteParamtypes;
    const type = types[arg.index];
    if (kind === RouteParamtypes.PARAM && typeof arg.data === 'string') pathParams.set(arg.data, arg.pipes);
    if (kind === RouteParamtypes.QUERY && arg.data === undefined && DtoSchemas.isDto(type)) {
      const query = schemas.schemaOf(type);
      const required = new Set((query.required as string[] | undefined) ?? []);
      for (const [field, schema] of Object.entries((query.properties ?? {}) as Record<string, Schema>))
        parameters.push({ name: field, in: 'query', required: required.has(field), schema });
    }
    if (kind === RouteParamtypes.BODY && arg.data === undefined)
      requestBody = {
        required: true,
        content: { 'application/json': { schema: DtoSchemas.isDto(type) ? schemas.refTo(type) : { type: 'object' } } },
      };
  }
  if (rule?.upload) requestBody = { required: true, content: { 'text/csv': { schema: { type: 'string', contentMediaType: 'text/csv' } } } };
  const inPath = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  parameters.unshift(...inPath.map((p) => ({ name: p, in: 'path', required: true, schema: pathParamSchema(pathParams.get(p)) })));

  const status = (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'POST' ? 201 : 200);
  const returned = Reflect.getMetadata('design:returntype', route.controllerClass.prototype as object, name) as unknown;
  const success: Schema = { description: STATUS_TEXT[status] ?? String(status) };
  // A class says at run time what it holds; an interface only in the source, which the compiler read for `responses`.
  const declared = responses?.handlers.get(`${api.service}:${route.controller}.${name}`);
  if (DtoSchemas.isDto(returned)) success.content = { 'application/json': { schema: schemas.refTo(returned) } };
  else if (declared && status !== 204) success.content = { 'application/json': { schema: declared } };

  const operation: Operation = {
    operationId,
    tags: [api.tag ?? api.service],
    ...(rule ? { summary: rule.does } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: { [String(status)]: success, ...alsoAnswered(route, success), '4XX': ERROR, '5XX': ERROR },
  };
  if (api.roles === 'anyone') operation.security = [];
  else operation['x-roles'] = [...api.roles];
  if (rule?.schools) operation['x-school-scope'] = rule.schools;
  if (rule?.qaNamed) operation['x-qa-named'] = true;
  return operation;
}

/** A status `@AlsoAnswers` declares beside the `@HttpCode` one, with the same body. */
function alsoAnswered(route: DeclaredRoute, success: Schema): Record<string, Schema> {
  const also = Reflect.getMetadata(ALSO_ANSWERS, route.handler) as AlsoAnswered | undefined;
  return also ? { [String(also.status)]: { ...success, description: also.when } } : {};
}

/** The error every 4xx and 5xx of every service and the gateway answers with (libs/common/src/bootstrap/error-response.ts). */
const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['statusCode', 'message', 'errors'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', description: 'the status text, e.g. Not Found' },
    message: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'problems'],
        properties: {
          field: {
            type: 'string',
            description: 'the input at fault: a body field (`values.attendance`), a path parameter, `body`, `query`, `path`',
          },
          problems: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document of the public API: every route the gateway answers itself and every service route under
 * its public path, with its parameters and request body from the controllers' decorators and DTOs, and who may call
 * it (`x-roles`, from the route table or the gateway's `@Allow`). Deterministic, so the committed file can be compared.
 */
export function buildOpenApi(routes: readonly PublicRoute[], version: string, responses?: ResponseSchemas): Schema {
  const schemas = new DtoSchemas();
  const paths: Record<string, Record<string, Operation>> = {};
  const ids = new Set<string>();
  for (const api of routes) {
    let operationId = `${api.service}.${api.route.controller}.${api.route.handler.name}`;
    for (let n = 2; ids.has(operationId); n++) operationId = `${api.service}.${api.route.controller}.${api.route.handler.name}${n}`;
    ids.add(operationId);
    const item = (paths[templated(api.path)] ??= {});
    item[api.route.method.toLowerCase()] = operationOf(api, schemas, responses, operationId);
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const name of Object.keys(responses?.components ?? {}))
    if (name in schemas.schemas) throw new Error(`a request class and a response type are both named ${name}: rename one`);
  const all = { ...schemas.schemas, ...responses?.components };
  const sortedSchemas = Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trustwide public API',
      version,
      description:
        'Generated from the code by `npm run docs:api` (apps/gateway/src/api-docs): the controllers of the gateway and ' +
        'of every service, their request DTOs, and the route table (`x-roles`: the roles that may call an operation; ' +
        'another trust’s `:trustId` answers 404). Sign in at `POST /api/auth/sign-in` and send the access token as ' +
        '`Authorization: Bearer <token>`. Every error has one shape (`ErrorResponse`). Response bodies are described only where ' +
        'a handler returns a class; see the README.',
    },
    tags: [...new Set(routes.map((r) => r.tag ?? r.service))].map((name) => ({ name })),
    security: [{ bearer: [] }],
    paths: sortedPaths,
    components: {
      schemas: { ErrorResponse: ERROR_SCHEMA, ...sortedSchemas },
      responses: {
        Error: {
          description: 'refused or failed: `{ statusCode, message, errors: [{ field, problems }] }`',
          content: { 'application/json': { schema: { $ref: `${SCHEMA_REF}ErrorResponse` } } },
        },
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'the access token of POST /api/auth/sign-in' },
      },
    },
  };
}
