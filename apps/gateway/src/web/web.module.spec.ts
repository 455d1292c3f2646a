import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { DashboardMiddleware } from './web.module';

/** A request as a client sends it, with the body as the bytes on the wire (fetch would decode them). */
function raw(base: string, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = get(`${base}${path}`, { headers, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

describe('the dashboard middleware sending precompressed assets', () => {
  const script = 'export const rows = [' + '"a school",'.repeat(500) + '];\n';
  const html = '<!doctype html><html><body>' + '<p>the page</p>'.repeat(100) + '</body></html>\n';
  const picture = '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'web-dist-'));
    mkdirSync(join(dir, 'assets'));
    // As the build leaves them: a script and index.html with both copies, an svg with none (too small to gain).
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(script));
    writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(script));
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(join(dir, 'index.html.gz'), gzipSync(html));
    writeFileSync(join(dir, 'assets', 'logo-abc123.svg'), picture);
    const previous = process.env.WEB_DIST_DIR;
    process.env.WEB_DIST_DIR = dir;
    const middleware = new DashboardMiddleware();
    process.env.WEB_DIST_DIR = previous;
    if (previous === undefined) delete process.env.WEB_DIST_DIR;
    const app = express();
    app.use((req, res, next) => middleware.use(req, res, next));
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const decode = (encoding: string | undefined, body: Buffer) =>
    (encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body).toString();

  it.each([
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0, br;q=0', undefined],
    ['*;q=0', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    [undefined, undefined],
  ])('a hashed script for Accept-Encoding %j: %s, with its type, Vary and a year of caching', async (accept, encoding) => {
    const res = await raw(base, '/assets/index-abc123.js', accept === undefined ? {} : { 'accept-encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(decode(encoding, res.body)).toBe(script);
  });

  it.each([
    ['/', 'br', 'br'],
    ['/overview', 'gzip', 'gzip'],
    ['/index.html', 'br;q=0, gzip;q=0', undefined],
  ])('index.html at %s for %j: %s, never cached', async (path, accept, encoding) => {
    const res = await raw(base, path, { 'accept-encoding': accept });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(decode(encoding, res.body)).toBe(html);
  });

  it('sends a file with no compressed copy as it is, not varying', async () => {
    const res = await raw(base, '/assets/logo-abc123.svg', { 'accept-encoding': 'br, gzip' });
    expect([res.status, res.headers['content-encoding'], res.headers['vary']]).toEqual([200, undefined, undefined]);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body.toString()).toBe(picture);
  });

  it('answers HEAD with the headers of the copy it would send, and a missing asset with a plain 404', async () => {
    const head = await raw(base, '/assets/index-abc123.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect([head.status, head.headers['content-encoding'], head.body.length]).toEqual([200, 'gzip', 0]);
    expect(Number(head.headers['content-length'])).toBe(gzipSync(script).length);
    const missing = await raw(base, '/assets/missing-abc123.js', { 'accept-encoding': 'br' });
    expect([missing.status, missing.headers['content-encoding']]).toEqual([404, undefined]);
  });

  it('does not send a compressed copy as a file of its own: an asset’s is a 404, the page’s is the page', async () => {
    for (const name of ['/assets/index-abc123.js.br', '/assets/index-abc123.js.gz']) {
      const res = await raw(base, name, { 'accept-encoding': 'identity' });
      expect([name, res.status, res.body.toString()]).toEqual([name, 404, 'Not found\n']);
    }
    const page = await raw(base, '/index.html.gz', { 'accept-encoding': 'identity' });
    expect([page.status, page.headers['content-type'], page.body.toString()]).toEqual([200, 'text/html; charset=utf-8', html]);
  });
});
