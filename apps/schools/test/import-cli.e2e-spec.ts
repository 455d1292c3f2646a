import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { testEnvironment } from '@trustwide/common/testing';
import { runImportCli, USAGE } from '../src/cli/import-cli';
import { GIAS_DIR, giasSampleTable, startSchoolsApp, toCsv } from './schools-app';

class Capture {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

/** The import command-line tool against the schools service listening on a real port. */
describe('import CLI', () => {
  const env = testEnvironment('schools_import_cli');
  const sample = join(GIAS_DIR, 'edubasealldata-sample-99.csv');
  const scratch = mkdtempSync(join(tmpdir(), 'trustwide-cli-'));
  let app: INestApplication;
  let url: string;
  const http = () => request(app.getHttpServer());
  const newTrust = async (name: string) => (await http().post('/trusts').send({ name }).expect(201)).body.id as string;

  const cli = async (argv: string[], options: { tty?: boolean; env?: Record<string, string> } = {}) => {
    const stdout = new Capture(options.tty);
    const stderr = new Capture();
    const code = await runImportCli(argv, { stdout, stderr, env: options.env ?? {}, pollMs: 50, lineIntervalMs: 0 });
    return { code, out: stdout.text, err: stderr.text };
  };

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('uploads the GIAS sample with progress, follows the import and prints a summary', async () => {
    const trustId = await newTrust('CLI national view');
    const { code, out, err } = await cli(['--trust', trustId, '--scope', 'all', '--url', url, sample]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/Uploading edubasealldata-sample-99\.csv \[/);
    expect(out).toMatch(/Uploaded edubasealldata-sample-99\.csv: 88\.0 KB/);
    expect(out).toMatch(/Importing \[█+\] 100%/);
    expect(out).toMatch(/Import [0-9a-f-]{36} completed in .* \(gias-establishments, scope all/);
    const created = Number(/99 rows read: (\d+) created, 0 updated, 0 unchanged, 0 skipped, (\d+) rows with errors/.exec(out)?.[1]);
    expect(created).toBeGreaterThan(90);
    expect(out).not.toContain('\r'); // not a terminal: lines, no redraws

    const schools = (await http().get(`/trusts/${trustId}/schools`).expect(200)).body;
    expect(schools.total).toBe(created);
    const [job] = (await http().get(`/trusts/${trustId}/imports`).expect(200)).body;
    expect(job).toMatchObject({ status: 'completed', fileName: 'edubasealldata-sample-99.csv', created });

    // Again, through SCHOOLS_URL and on a terminal: nothing changes, the bar is redrawn in place.
    const again = await cli(['--trust', trustId, '--scope', 'all', sample], { tty: true, env: { SCHOOLS_URL: url } });
    expect(again.code).toBe(0);
    expect(again.out).toContain('\x1b[1G'); // cli-progress: back to the line's start
    expect(again.out).toContain(`${created} unchanged`);
  });

  it('lists the first 20 row errors with their lines, and still exits 0', async () => {
    const trustId = await newTrust('CLI malformed');
    const table = giasSampleTable();
    const urn = table.header.indexOf('URN');
    const rows = table.rows.slice(0, 30).map((r, i) => (i < 25 ? r.map((v, c) => (c === urn ? `X${i}` : v)) : r));
    const file = join(scratch, 'malformed.csv');
    writeFileSync(file, toCsv(table.header, rows));
    const { code, out } = await cli(['--trust', trustId, '--scope', 'all', '--url', url, file]);
    expect(code).toBe(0);
    expect(out).toMatch(/30 rows read: 5 created, .* 25 rows with errors/);
    expect(out).toContain('Row errors (first 20 of 25):');
    expect(out.match(/^ {2}line \d+.*URN/gm)).toHaveLength(20);
    expect(out).toMatch(/^ {2}line 2\b/m);
    expect(out).not.toMatch(/^ {2}line 22\b/m);
  });

  it('exits 1 when the import fails, with the reason', async () => {
    const trustId = await newTrust('CLI wrong kind');
    const { code, out } = await cli(['--trust', trustId, '--scope', 'all', '--kind', 'ofsted', '--url', url, sample]);
    expect(code).toBe(1);
    expect(out).toMatch(/Import [0-9a-f-]{36} failed/);
    expect(out).toMatch(/Ofsted/i);
  });

  it('exits 1 with the service’s reason when it refuses the upload or the trust is unknown', async () => {
    const trustId = await newTrust('CLI no group');
    const refused = await cli(['--trust', trustId, '--url', url, sample]); // scope trust without a group UID
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/refused the file: .*GIAS group UID.*\(HTTP 400\)/);

    const unknown = randomUUID();
    const missing = await cli(['--trust', unknown, '--scope', 'all', '--url', url, sample]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`no trust ${unknown}`);
  });

  it('exits 1 naming the address when the service cannot be reached', async () => {
    const { code, err } = await cli(['--trust', randomUUID(), '--url', 'http://127.0.0.1:9', sample]);
    expect(code).toBe(1);
    expect(err).toMatch(/cannot reach the schools service at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/);
  });

  it('exits 2 with the usage for bad usage, and 0 for --help', async () => {
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('--trust <trustId> is required');
    expect(none.err).toContain('the CSV file to import is missing');
    expect(none.err).toContain(USAGE);
    for (const option of ['--trust', '--scope', '--kind', '--url', '--help']) expect(USAGE).toContain(option);

    const bad = await cli(['--trust', 'not-a-uuid', '--scope', 'everything', '--kind', 'pdf', sample]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--trust must be the trust's id/);
    expect(bad.err).toMatch(/--scope must be one of all, trust, not "everything"/);
    expect(bad.err).toMatch(/--kind must be one of gias-establishments, gias-groups, gias-links, ofsted, not "pdf"/);

    const unknown = await cli(['--trust', randomUUID(), '--frobnicate', sample]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--frobnicate/);

    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain(USAGE);
  });

  it('exits 2 naming a missing file', async () => {
    const missing = join(scratch, 'no-such-extract.csv');
    const { code, err } = await cli(['--trust', randomUUID(), '--url', url, missing]);
    expect(code).toBe(2);
    expect(err).toContain(`${missing}: no such file`);
  });
});
