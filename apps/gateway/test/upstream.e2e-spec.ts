import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { configureHttp, GATEWAY_HTTP } from '@trustwide/common';
import { hardenHttpServer } from '@trustwide/common/bootstrap/client-errors';
import { expectEventually, testEnvironment, withEnv } from '@trustwide/common/testing';
import { AppModule as GatewayModule } from '../src/app.module';

/**
 * The gateway against an upstream this test controls (a plain node:http server standing in for the schools
 * service): what it passes on, and what the client sees when the upstream fails at each point.
 */
describe('gateway forwarding to an upstream that misbehaves', () => {
  const env = testEnvironment('gateway_upstream');
  let gateway: INestApplication;
  let gatewayPort: number;
  let upstream: Server;
  let upstreamPort: number;
  /** What the upstream received, in order. */
  let received: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  let handle: (req: IncomingMessage, res: ServerResponse) => void;
  const requestsOn = new WeakMap<Socket, number>();

  const GATEWAY_BODY_IDLE_MS = 500;
  const UPSTREAM_KEEP_ALIVE_MS = 2_000; // announced as `Keep-Alive: timeout=2`

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      requestsOn.set(req.socket, (requestsOn.get(req.socket) ?? 0) + 1);
      received.push({ method: req.method!, url: req.url!, headers: req.headers });
      handle(req, res);
    });
    hardenHttpServer(upstream, { keepAliveTimeoutMs: UPSTREAM_KEEP_ALIVE_MS });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamPort = (upstream.address() as AddressInfo).port;

    gateway = await withEnv(
      env.env('gateway', {
        SCHOOLS_URL: `http://127.0.0.1:${upstreamPort}`,
        PEOPLE_URL: 'http://127.0.0.1:1',
        IMPROVEMENT_URL: 'http://127.0.0.1:1',
        CPD_URL: 'http://127.0.0.1:1',
        // Shorter than the upstream's 2 s; with its hint less 1 s, pooled connections live 1 s.
        UPSTREAM_KEEP_ALIVE_MS: '1500',
      }),
      async () => {
        const app = (await Test.createTestingModule({ imports: [GatewayModule] }).compile()).createNestApplication({
          logger: ['error'],
          bodyParser: false,
        });
        configureHttp(app, GATEWAY_HTTP);
        await app.listen(0, '127.0.0.1');
        hardenHttpServer(app.getHttpServer(), { bodyIdleTimeoutMs: GATEWAY_BODY_IDLE_MS });
        return app;
      },
    );
    gatewayPort = (gateway.getHttpServer().address() as AddressInfo).port;
  });

  beforeEach(() => {
    received = [];
    handle = echo;
  });

  afterAll(async () => {
    await gateway?.close();
    upstream?.closeAllConnections();
    await new Promise((resolve) => upstream?.close(resolve));
    await env.cleanup();
  });

  /** Answers with what it was sent: method, URL, headers and the body's length. */
  function echo(req: IncomingMessage, res: ServerResponse) {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, bytes }));
    });
  }

  interface Answer {
    status: number;
    headers: IncomingMessage['headers'];
    text: string;
    json: () => Record<string, unknown>;
  }

  /** A request on its own connection, with the request-target exactly as given. */
  function send(
    path: string,
    options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
  ): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: gatewayPort, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
          });
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  }

  const inTheShape = (status: number) =>
    expect.objectContaining({
      statusCode: status,
      message: expect.any(String),
      errors: [{ field: expect.any(String), problems: [expect.any(String)] }],
    });

  it('refuses empty segments and Object.prototype names in the one shape, and sends nothing upstream', async () => {
    for (const [path, status] of [
      ['/api//trusts/x', 400],
      ['/api//evil.example/x', 400],
      ['/api/trusts//schools', 400],
      ['/api/schools/..%2F..%2F@evil', 400],
      ['/api/constructor', 404],
      ['/api/__proto__', 404],
      ['/api/toString', 404],
      ['/api/trusts/t/constructor', 404],
      ['/api/trusts/t/hasOwnProperty', 404],
      ['/api/nothing-here', 404],
      ['/api', 404],
      ['/api/', 400],
    ] as const) {
      const answer = await send(path);
      expect({ path, status: answer.status, body: answer.json() }).toEqual({ path, status, body: inTheShape(status) });
    }
    expect(received).toEqual([]);
  });

  it('never changes the origin: whatever the request-target, only the upstream is asked, with its own host', async () => {
    for (const path of [
      '//evil.example/x',
      '/api//evil.example/x',
      'http://evil.example/api/trusts/t',
      '/api/trusts/@evil.example',
      '/api/trusts/t?u=//evil.example/x',
    ]) {
      await send(path, { headers: { host: 'evil.example' } });
    }
    expect(received.map((r) => [r.url, r.headers.host])).toEqual([
      ['/trusts/@evil.example', `127.0.0.1:${upstreamPort}`],
      ['/trusts/t?u=//evil.example/x', `127.0.0.1:${upstreamPort}`],
    ]);
  });

  it('strips hop-by-hop headers, the ones Connection names, and client forwarding and identity headers; sets its own', async () => {
    const answer = await send('/api/trusts/t/schools?phase=primary', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        connection: 'keep-alive, x-hop',
        'x-hop': 'hop',
        'keep-alive': 'timeout=100',
        te: 'trailers',
        'proxy-authorization': 'Basic eA==',
        upgrade: 'h2c',
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        forwarded: 'for=6.6.6.6',
        'x-real-ip': '6.6.6.6',
        'x-trustwide-actor': 'system',
        'x-trustwide-user': 'someone',
        'x-trustwide-trust': 'another-trust',
        'x-trustwide-roles': 'admin',
        'x-correlation-id': 'corr-42',
      },
      body: '{"a":1}',
    });
    expect(answer.status).toBe(200);
    const seen = answer.json();
    expect(seen).toMatchObject({ method: 'POST', url: '/trusts/t/schools?phase=primary', bytes: 7 });
    for (const name of [
      'x-hop',
      'keep-alive',
      'te',
      'proxy-authorization',
      'upgrade',
      'forwarded',
      'x-real-ip',
      'x-trustwide-actor',
      'x-trustwide-user',
      'x-trustwide-trust',
      'x-trustwide-roles',
    ]) {
      expect(seen.headers).not.toHaveProperty(name);
    }
    expect(seen.headers).toMatchObject({
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-host': `127.0.0.1:${gatewayPort}`,
      'x-correlation-id': 'corr-42',
      host: `127.0.0.1:${upstreamPort}`,
    });
    expect(answer.headers['x-correlation-id']).toBe('corr-42');
  });

  it('passes answers without a body (HEAD, 204, 304) and their headers through', async () => {
    handle = (req, res) => {
      if (req.method === 'HEAD') res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1234', etag: '"v1"' }).end();
      else if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
      else res.writeHead(204, { 'x-done': 'yes' }).end();
    };
    const head = await send('/api/trusts/t/imports/x', { method: 'HEAD' });
    expect([head.status, head.headers['content-length'], head.headers.etag, head.text]).toEqual([200, '1234', '"v1"', '']);
    const notModified = await send('/api/trusts/t', { headers: { 'if-none-match': '"v1"' } });
    expect([notModified.status, notModified.headers.etag, notModified.text]).toEqual([304, '"v1"', '']);
    const noContent = await send('/api/trusts/t', { method: 'PATCH' }); // a route the gateway knows (it has no DELETE route)
    expect([noContent.status, noContent.headers['x-done'], noContent.text]).toEqual([204, 'yes', '']);
  });

  it('answers 502 in the shape when the upstream dies before its answer, with or without a body', async () => {
    handle = (req) => req.socket.destroy();
    const get = await send('/api/trusts/t');
    expect([get.status, get.json()]).toEqual([
      502,
      { statusCode: 502, error: 'Bad Gateway', message: 'the schools service did not answer; try again shortly', errors: [] },
    ]);
    const post = await send('/api/trusts/t/schools', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' });
    expect([post.status, post.json().statusCode]).toEqual([502, 502]);
    // The GET was sent twice (its connection might have been a stale pooled one), the POST once.
    expect(received.map((r) => r.method)).toEqual(['GET', 'GET', 'POST']);
  });

  it('destroys the client connection when the upstream dies mid-body: the client gets an error, not a hang', async () => {
    handle = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '100000' });
      res.write('urn,name\n1,first rows\n', () => setImmediate(() => req.socket.destroy()));
    };
    const seen: string[] = [];
    const req = httpRequest({ host: '127.0.0.1', port: gatewayPort, path: '/api/trusts/t/imports/x', agent: false }, (res) => {
      seen.push(`status ${res.statusCode}`);
      res.on('data', () => {});
      res.on('end', () => seen.push('end'));
      res.on('aborted', () => seen.push('aborted'));
      res.on('error', (err) => seen.push(`error ${err.message}`));
    });
    req.on('error', (err) => seen.push(`request error ${err.message}`));
    req.end();
    await expectEventually(() =>
      expect(seen).toEqual(expect.arrayContaining(['status 200', expect.stringMatching(/^(aborted|error|request error)/)])),
    );
    expect(seen).not.toContain('end');
  });

  it('aborts the upstream request when the client goes away', async () => {
    let upstreamClosed = false;
    handle = (req, res) => res.on('close', () => (upstreamClosed = true)); // never answers
    const req = httpRequest({
      host: '127.0.0.1',
      port: gatewayPort,
      path: '/api/trusts/t/schools',
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      agent: false,
    });
    req.on('error', () => {});
    req.write('urn,name\n');
    await expectEventually(() => expect(received).toHaveLength(1));
    req.destroy();
    await expectEventually(() => expect(upstreamClosed).toBe(true));
  });

  it('sends an idempotent request again when the pooled connection it went out on was closed by the upstream', async () => {
    // The race, made deterministic: the upstream closes a connection as the second request on it arrives,
    // as a server whose keep-alive timer fires at that moment does.
    handle = (req, res) => ((requestsOn.get(req.socket) ?? 0) > 1 ? req.socket.destroy() : echo(req, res));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await send(`/api/trusts/t${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    // A POST is never sent twice: it is answered 502 and the caller decides.
    await send('/api/trusts/t');
    const post = await send('/api/trusts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(502);
  });

  it('reuses connections without a 502 when requests are spaced around the keep-alive timeouts', async () => {
    // Pooled connections live 1 s (the upstream's 2 s hint less 1 s); the upstream closes idle ones after 2 s.
    // POSTs, which are never sent twice: a request lost on a closing connection would show as a 502 here.
    const post = (path: string) => send(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const statuses = [(await post('/api/trusts')).status];
    for (const gapMs of [900, 1_000, 1_100, 1_900, 2_000, 2_100]) {
      await delay(gapMs); // the scenario's spacing, not a wait for a result
      statuses.push((await post('/api/trusts')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
    expect(received).toHaveLength(7); // none lost on a closing connection and sent again
  });

  it('lets a slow upload through as long as its bytes keep coming, and drops one that stalls', async () => {
    expect(gateway.getHttpServer().requestTimeout).toBe(0);
    const slow = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: gatewayPort,
          path: '/api/trusts/t/imports',
          method: 'POST',
          headers: { 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
          agent: false,
        },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }),
          );
        },
      );
      req.on('error', reject);
      void (async () => {
        // Five times the gateway's body idle timeout in all, a chunk every fifth of it.
        for (let i = 0; i < 25; i++) {
          req.write('x'.repeat(1000));
          await delay(GATEWAY_BODY_IDLE_MS / 5);
        }
        req.end();
      })();
    });
    expect([slow.status, slow.json().bytes]).toEqual([200, 25_000]);

    let upstreamClosed = false;
    handle = (req, res) => res.on('close', () => (upstreamClosed = true));
    const outcome: string[] = [];
    const stalled = httpRequest({
      host: '127.0.0.1',
      port: gatewayPort,
      path: '/api/trusts/t/imports',
      method: 'POST',
      headers: { 'transfer-encoding': 'chunked' },
      agent: false,
    });
    stalled.on('error', (err) => outcome.push(`error ${err.message}`));
    stalled.on('close', () => outcome.push('closed'));
    stalled.write('urn,name\n'); // and nothing more
    await expectEventually(() => expect(outcome).toContain('closed'));
    await expectEventually(() => expect(upstreamClosed).toBe(true));
  });

  it('answers a URL over 16 kB with a JSON 431 in the shape', async () => {
    const answer = await send(`/api/trusts/t?q=${'a'.repeat(17 * 1024)}`);
    expect(answer.status).toBe(431);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toEqual(inTheShape(431));
    expect(received).toEqual([]);
  });
});
