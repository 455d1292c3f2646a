import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments: `/cohorts/waitlist` is matched before `/cohorts/{cohortId}`. */
  literals: number;
  operation: Operation;
}

/**
 * The public API's documented answers (docs/openapi.json, generated from the code by `npm run docs:api`), as checks
 * for the answers a test gets: a 2xx JSON body must match its operation's response schema, with no field the schema
 * does not name (the document itself allows more, for clients built on it to keep working as fields are added).
 */
class DocumentedAnswers {
  private readonly routes: Route[] = [];
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<Schema, ValidateFunction>();

  constructor(path: string) {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Schema> };
    };
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'doc', components: { schemas: closed(doc.components.schemas) } });
    for (const [template, item] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(item)) {
        const parts = template.split('/');
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`),
          literals: parts.filter((p) => p && !p.startsWith('{')).length,
          operation,
        });
      }
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  /** What is wrong with this answer, by the document (empty: nothing). */
  problems(method: string, url: string, status: number, contentType: string | undefined, body: unknown): string[] {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
    if (status < 200 || status >= 300) return [];
    if (!route) return [`${method} ${path} answered ${status}, and is not in docs/openapi.json`];
    const where = `${method} ${route.template} ${status}`;
    const response = route.operation.responses[String(status)];
    if (!response) return [`${where}: the document gives ${Object.keys(route.operation.responses).join(', ')}, not ${status}`];
    if (!contentType?.startsWith('application/json')) return [];
    const schema = response.content?.['application/json']?.schema;
    if (!schema)
      return body === undefined || body === '' || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)
        ? []
        : [`${where}: a JSON body, none documented`];
    let validate = this.validators.get(schema);
    if (!validate) this.validators.set(schema, (validate = this.ajv.compile(rebased(schema))));
    return validate(body)
      ? []
      : (validate.errors ?? []).map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }
}

/** A response schema refers to components by `#/components/...`: compiled apart, they are the doc's. */
const rebased = (schema: Schema): Schema =>
  closed(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/')) as Schema);

/** Objects that name their properties admit no others (see DocumentedAnswers). */
function closed<T>(value: T): T {
  if (Array.isArray(value)) return value.map(closed) as T;
  if (!value || typeof value !== 'object') return value;
  const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'properties' ? closedProperties(v) : closed(v)]));
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out as T;
}
const closedProperties = (properties: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, closed(schema)]));

const OPERATIONS = /^\/(health|metrics)(\/|\?|$)/;
let loaded: DocumentedAnswers | undefined;
const documented = () => (loaded ??= new DocumentedAnswers(join(process.cwd(), 'docs', 'openapi.json')));

/** Throws when an answer is not what docs/openapi.json says `method url` answers (`url` as the gateway serves it). */
export function assertDocumentedAnswer(method: string, url: string, status: number, contentType: string | undefined, body: unknown): void {
  const problems = documented().problems(method, url, status, contentType, body);
  if (problems.length > 0)
    throw new Error(`the answer differs from docs/openapi.json (npm run docs:api):\n${problems.slice(0, 10).join('\n')}`);
}

/**
 * supertest for `server()`, checking every answer against docs/openapi.json as `assertDocumentedAnswer` does. A
 * service's paths are the gateway's without `/api`: give `prefix` '/api' for them. `/health` and `/metrics` go unchecked.
 */
export function documentedHttp(server: () => unknown, prefix = '') {
  return () => {
    const agent = request(server() as Server);
    const checked =
      (method: 'get' | 'post' | 'put' | 'patch' | 'delete') =>
      (url: string): request.Test =>
        // Health and metrics are each process's own, not the public API.
        OPERATIONS.test(url)
          ? agent[method](url)
          : agent[method](url).expect((res) =>
              assertDocumentedAnswer(
                method,
                prefix + url,
                res.status,
                (res.headers as Record<string, string | undefined>)['content-type'],
                res.body,
              ),
            );
    return { get: checked('get'), post: checked('post'), put: checked('put'), patch: checked('patch'), delete: checked('delete') };
  };
}
