import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { testEnvironment } from '@trustwide/common/testing';
import { startGateway, TestClock } from './auth-harness';

const ROOT = process.cwd();

/** The API documents from a running gateway that requires sign-in everywhere else, under its security headers. */
describe('API documents at /api/docs', () => {
  const env = testEnvironment('gateway_api_docs');
  let gateway: INestApplication;
  const http = () => request(gateway.getHttpServer());

  beforeAll(async () => {
    gateway = await startGateway(env, new TestClock(), { AUTH_REQUIRED: 'true', SCHOOLS_URL: 'http://127.0.0.1:1' });
  });

  afterAll(async () => {
    await gateway?.close();
    await env.cleanup();
  });

  it('serves Swagger UI without a token, its scripts files of this origin (the CSP runs no inline script)', async () => {
    const page = await http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((s) => [/src="\/api\/docs\/[^"]+"/.test(s[1]), s[2].trim()])).toEqual([
      [true, ''],
      [true, ''],
    ]);
    for (const [, attributes] of scripts) {
      const src = /src="([^"]+)"/.exec(attributes)![1];
      const script = await http().get(src).expect(200);
      expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    }
    const bundle = await http().get('/api/docs/ui/swagger-ui-bundle.js').expect(200);
    expect(bundle.text).toBe(readFileSync(join(ROOT, 'node_modules', 'swagger-ui-dist', 'swagger-ui-bundle.js'), 'utf8'));
    const init = await http().get('/api/docs/init.js').expect(200);
    expect(init.text).toContain("url: '/api/docs/openapi.json'");
    await http()
      .get('/api/docs/ui/swagger-ui.css')
      .expect(200)
      .expect('content-type', /^text\/css/);
  });

  it('serves the committed OpenAPI and AsyncAPI documents as they are', async () => {
    for (const name of ['openapi.json', 'asyncapi.json']) {
      const res = await http().get(`/api/docs/${name}`).buffer(true).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.text).toBe(readFileSync(join(ROOT, 'docs', name), 'utf8'));
    }
  });

  it('renders the events as a page of plain HTML, with no script', async () => {
    const page = await http().get('/api/docs/events').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<h2><code>trustwide.schools</code></h2>');
    expect(page.text).toContain('<code>schools.school.registered v1</code>');
    expect(page.text).not.toMatch(/<script/);
  });

  it('serves nothing else of node_modules or docs/, in the one error shape; the rest of the API still wants a token', async () => {
    for (const path of ['/api/docs/ui/package.json', '/api/docs/ui/..%2F..%2Fpackage.json', '/api/docs/access.md']) {
      const res = await http().get(path);
      expect([path, res.status, res.body.errors?.length]).toEqual([path, 404, 1]);
    }
    await http().get('/api/docs/ui/..%2Findex.js').expect(404);
    await http().get('/api/auth/me').expect(401);
  });
});
