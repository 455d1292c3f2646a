import fc from 'fast-check';
import type { Server } from 'node:http';
import request from 'supertest';

/**
 * Property-based testing of a service's HTTP API: a table of routes, each with arbitraries for its path
 * parameters, query and body that mix valid values with hostile ones (NUL characters, huge and
 * non-finite numbers, objects where a value belongs, deep nesting, upper-case and unknown ids). Every
 * answer must be below 500 and every error in the one shape; the caller checks, after the run, that
 * nothing was half-written. A service registers its routes as a list of `FuzzRoute`s (see
 * apps/schools/test/fuzz-routes.ts) and runs `fuzzRoutes` in a spec.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface FuzzRoute {
  method: HttpMethod;
  /** Express-style path: `/trusts/:trustId/schools/:urn`. */
  path: string;
  params?: Record<string, fc.Arbitrary<string>>;
  query?: fc.Arbitrary<Record<string, string | string[]>>;
  body?: fc.Arbitrary<unknown>;
  /** Content type of the body [application/json; the body is JSON-encoded]. Other types send the body as text. */
  contentType?: string;
}

export interface FuzzRequest {
  method: HttpMethod;
  route: string;
  url: string;
  contentType: string;
  body?: string;
}

export interface FuzzAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/** Fast-check's settings for a run: `FUZZ_SEED` and `FUZZ_RUNS` (set by `npm run fuzz`), else fixed and small for CI. */
export function fuzzSettings(defaultRuns = 200): { seed: number; numRuns: number; path?: string } {
  const seed = Number(process.env.FUZZ_SEED ?? 20261120);
  const numRuns = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(numRuns) || numRuns < 1)
    throw new Error('FUZZ_SEED and FUZZ_RUNS must be whole numbers');
  // FUZZ_PATH replays one failure (and its shrinking) straight away.
  return { seed, numRuns, path: process.env.FUZZ_PATH || undefined };
}

// ---- hostile values ---------------------------------------------------------------------------------

const deep = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** Texts that broke services before, or could. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a\u0000b',
    '\u0000',
    '123456abc',
    '1e308',
    '-1',
    'NaN',
    'Infinity',
    '2099/00',
    '0',
    'null',
    'true',
    '__proto__',
    'constructor',
    '%',
    '\\',
    "'; DROP TABLE x; --",
    '\uD800',
    'é',
    '😀'.repeat(3),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 400 }).map((s) => s.repeat(8)),
);

/** Any JSON value a caller might send where a field is expected. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, 2 ** 53, 1.5, -0),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<unknown>({ toString: 'x' }, { valueOf: 'x' }, { toJSON: 1 }, [], {}, ['a', 'a'], deep(40), Array(5000).fill('a')),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Mostly the valid value, sometimes a hostile one, sometimes left out (undefined). */
export function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

/** A JSON body: the record of fields (each `field(...)`), sometimes with an unknown key, sometimes not an object at all. */
export function jsonBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const record = fc.record(fields).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
  return fc.oneof(
    { weight: 10, arbitrary: record },
    { weight: 1, arbitrary: fc.tuple(record, hostileText, hostileValue).map(([r, k, v]) => ({ ...r, [k]: v })) },
    { weight: 1, arbitrary: hostileValue },
  );
}

/** A query: each key mostly valid, sometimes hostile text or repeated. */
export function queryOf(fields: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Record<string, string | string[]>> {
  const one = (valid: fc.Arbitrary<string>) =>
    fc.oneof(
      { weight: 6, arbitrary: valid },
      { weight: 2, arbitrary: hostileText },
      { weight: 1, arbitrary: fc.tuple(valid, valid).map(([a, b]) => [a, b]) },
      {
        weight: 2,
        arbitrary: fc.constant(undefined),
      },
    );
  return fc
    .record(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, one(v)])))
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string | string[]>);
}

/** A UUID path parameter: the known ones (and their upper-case spelling) mostly, else unknown or malformed. */
export function uuidParam(...known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.constantFrom(...known.map((k) => k.toUpperCase())) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: hostileText },
  );
}

// ---- running ----------------------------------------------------------------------------------------

/** Percent-encodes a path segment byte by byte (a lone surrogate becomes U+FFFD, as a client would send it). */
const encodeSegment = (s: string) =>
  [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

export function requestArbitrary(routes: FuzzRoute[]): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...routes.map((route) =>
      fc
        .record({
          params: fc.record(route.params ?? {}),
          query: route.query ?? fc.constant({}),
          body: route.body ?? fc.constant(undefined),
        })
        .map(({ params, query, body }) => {
          const path = route.path.replace(/:(\w+)/g, (_, name: string) => encodeSegment(params[name] ?? ''));
          const search = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) for (const one of Array.isArray(v) ? v : [v]) search.append(k, one);
          const contentType = route.contentType ?? 'application/json';
          // A text body (CSV) goes as it is; anything else as JSON.
          const text =
            body === undefined ? undefined : contentType !== 'application/json' && typeof body === 'string' ? body : JSON.stringify(body);
          return {
            method: route.method,
            route: `${route.method.toUpperCase()} ${route.path}`,
            url: `${path}${search.size ? `?${search.toString()}` : ''}`,
            contentType,
            body: text,
          };
        }),
    ),
  );
}

/** What is wrong with an answer, or null: a 5xx, or an error not in the one shape. */
export function answerProblem(answer: FuzzAnswer): string | null {
  if (answer.status >= 500) return `answered ${answer.status}`;
  if (answer.status < 400) return null;
  const body = answer.body as { statusCode?: unknown; message?: unknown; errors?: unknown } | null;
  if (!body || body.statusCode !== answer.status || typeof body.message !== 'string')
    return `${answer.status} without statusCode and message`;
  const errors = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return `${answer.status} without errors`;
  for (const e of errors as { field?: unknown; problems?: unknown }[]) {
    if (
      typeof e?.field !== 'string' ||
      !Array.isArray(e.problems) ||
      e.problems.length === 0 ||
      !e.problems.every((p) => typeof p === 'string')
    ) {
      return `${answer.status} with an entry of errors not shaped { field, problems }`;
    }
  }
  return null;
}

/**
 * Sends `numRuns` generated requests over the routes; fails with the seed and path that reproduce the
 * first failure (`npm run fuzz -- --runs 1 --seed S` then finds it again, shrunk), and the request.
 */
export async function fuzzRoutes(options: {
  routes: FuzzRoute[];
  send: (request: FuzzRequest) => Promise<FuzzAnswer>;
  seed: number;
  numRuns: number;
  path?: string;
}): Promise<{ routesHit: Set<string> }> {
  const routesHit = new Set<string>();
  const property = fc.asyncProperty(requestArbitrary(options.routes), async (request) => {
    routesHit.add(request.route);
    const answer = await options.send(request);
    const problem = answerProblem(answer);
    if (problem)
      throw new Error(
        `${request.method.toUpperCase()} ${request.url} ${request.body?.slice(0, 300) ?? ''}: ${problem}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
  });
  const result = await fc.check(property, { seed: options.seed, numRuns: options.numRuns, path: options.path });
  if (result.failed) {
    const error = result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
    throw new Error(
      `fuzz failed: seed ${result.seed}, path "${result.counterexamplePath}" (replay: npm run fuzz -- --seed ${result.seed} --runs ${options.numRuns} --path ${result.counterexamplePath})\n${error}`,
    );
  }
  return { routesHit };
}

/**
 * `send` for `fuzzRoutes` against an app's HTTP server (through supertest, 30 s per request); `headersFor`
 * adds headers a request should carry (a bearer token, say).
 */
export function sendTo(server: () => Server, headersFor: (r: FuzzRequest) => Record<string, string> = () => ({})) {
  return async (r: FuzzRequest): Promise<FuzzAnswer> => {
    let req = request(server())[r.method](r.url).timeout(30_000).set(headersFor(r));
    if (r.body !== undefined) req = req.set('content-type', r.contentType).send(r.body);
    const res = await req;
    return { status: res.status, body: res.body as unknown, headers: res.headers };
  };
}
