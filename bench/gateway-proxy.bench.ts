/**
 * Benchmark: the gateway's proxy core, undici (`forwardRequest` over a `Pool`, what the gateway runs) against
 * the hand-written node:http proxy it replaced (`http.request` with a keep-alive Agent, `pipe` both ways).
 * Both run as a bare node:http server in front of the same upstream, without Nest, so only the forwarding
 * differs. Run with `npm run bench -- bench/gateway-proxy.bench.ts` (see bench/README.md). It reports
 * numbers and asserts nothing about speed.
 *
 * Everything shares one process and one thread (load generator, proxy, upstream), so absolute numbers
 * understate a real gateway; compare the two proxies within a run. Rounds alternate (node:http, undici, …)
 * and the best round of each is reported, to damp the noise of a shared machine.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent as HttpAgent, createServer, IncomingMessage, request as httpRequest, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';
import { forwardRequest, upstreamPool, UPSTREAM_TIMINGS } from '../apps/gateway/src/proxy/forward';

const REQUESTS = Number(process.env.BENCH_PROXY_REQUESTS ?? 20_000);
const CONCURRENCY = Number(process.env.BENCH_PROXY_CONCURRENCY ?? 32);
const UPLOADS = Number(process.env.BENCH_PROXY_UPLOADS ?? 200);
const UPLOAD_BYTES = 1024 * 1024;
const ROUNDS = 3;
const out = (text = '') => process.stdout.write(`${text}\n`);

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

describe('gateway proxy: undici vs node:http', () => {
  const small = Buffer.from(
    JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ urn: 100000 + i, name: `School ${i}`, risk: 'green' })) }),
  );
  let upstream: Server;
  let upstreamUrl: string;
  const proxies: Record<string, { server: Server; url: string; close: () => Promise<void> }> = {};

  beforeAll(async () => {
    upstream = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => {
        if (req.method === 'POST') res.end(JSON.stringify({ bytes }));
        else res.writeHead(200, { 'content-type': 'application/json', 'content-length': small.length }).end(small);
      });
    });
    upstream.keepAliveTimeout = 65_000;
    upstreamUrl = await listen(upstream);
    const origin = new URL(upstreamUrl);

    // The gateway's proxy before this change, reduced to its forwarding.
    const agent = new HttpAgent({ keepAlive: true });
    const nodeServer = createServer((req: IncomingMessage, res: ServerResponse) => {
      const upstreamReq = httpRequest(
        { host: origin.hostname, port: origin.port, path: req.url, method: req.method, headers: req.headers, agent },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstreamReq.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
      req.pipe(upstreamReq);
    });
    proxies['node:http'] = { server: nodeServer, url: await listen(nodeServer), close: () => Promise.resolve(agent.destroy()) };

    const pool = upstreamPool(origin.origin, UPSTREAM_TIMINGS);
    const undiciServer = createServer((req, res) => {
      const headers = { ...(req.headers as Record<string, string>) };
      delete headers.host;
      delete headers.connection;
      void forwardRequest(pool, req.url!, req, res, headers).then((r) => {
        if (r.outcome === 'no-answer') res.writeHead(502).end();
      });
    });
    proxies.undici = { server: undiciServer, url: await listen(undiciServer), close: () => pool.close() };
  });

  afterAll(async () => {
    for (const p of Object.values(proxies)) {
      await p.close();
      p.server.closeAllConnections();
      await new Promise((resolve) => p.server.close(resolve));
    }
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  /** `count` requests, `concurrency` at a time, through a fresh client pool: requests/s, latency percentiles, CPU. */
  async function load(url: string, count: number, concurrency: number, body?: Buffer) {
    const client = new Pool(url, { connections: concurrency });
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < count) {
          const t = performance.now();
          const res = await client.request({
            path: '/trusts/t/schools',
            method: body ? 'POST' : 'GET',
            body,
            headers: body ? { 'content-type': 'text/csv' } : {},
          });
          await res.body.arrayBuffer();
          if (res.statusCode !== 200) failures++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await client.close();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    return {
      perSecond: (count / wallMs) * 1000,
      p50: pct(50),
      p99: pct(99),
      cpuMsPerRequest: (used.user + used.system) / 1000 / count,
      failures,
    };
  }

  it('reports requests/s, latency and CPU per request of each proxy', async () => {
    const scenarios = [
      {
        name: `GET, 1 kB answer, ${REQUESTS} requests, ${CONCURRENCY} at a time`,
        count: REQUESTS,
        concurrency: CONCURRENCY,
        body: undefined,
      },
      { name: `POST 1 MB body, ${UPLOADS} requests, 8 at a time`, count: UPLOADS, concurrency: 8, body: Buffer.alloc(UPLOAD_BYTES, 'a') },
    ];
    for (const scenario of scenarios) {
      const best: Record<string, Awaited<ReturnType<typeof load>>> = {};
      await load(proxies.undici.url, Math.min(1000, scenario.count), scenario.concurrency, scenario.body); // warm-up
      await load(proxies['node:http'].url, Math.min(1000, scenario.count), scenario.concurrency, scenario.body);
      for (let round = 0; round < ROUNDS; round++) {
        for (const name of ['node:http', 'undici']) {
          const result = await load(proxies[name].url, scenario.count, scenario.concurrency, scenario.body);
          expect(result.failures).toBe(0);
          if (!best[name] || result.perSecond > best[name].perSecond) best[name] = result;
        }
      }
      out(`\n${scenario.name} (best of ${ROUNDS} rounds)`);
      out('proxy       req/s    p50 ms   p99 ms   CPU ms/req');
      for (const [name, r] of Object.entries(best)) {
        out(
          `${name.padEnd(10)} ${r.perSecond.toFixed(0).padStart(6)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${r.cpuMsPerRequest.toFixed(3).padStart(12)}`,
        );
      }
      out(`undici / node:http throughput: ${(best.undici.perSecond / best['node:http'].perSecond).toFixed(2)}`);
    }
  });
});
