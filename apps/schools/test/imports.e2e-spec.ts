import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { topicName, Topics } from '@trustwide/common';
import { documentedHttp, expectEventually, readTopic, testEnvironment, TopicReader } from '@trustwide/common/testing';
import { ImportsService } from '../src/imports/imports.service';
import { giasSample, giasSampleTable, startSchoolsApp, toCsv } from './schools-app';

/** Imports of real DfE files through the API, against real PostgreSQL and Kafka. */
describe('imports', () => {
  const env = testEnvironment('schools_imports');
  let app: INestApplication;
  let db: DataSource;
  let topic: TopicReader;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const table = giasSampleTable();
  const col = (name: string) => table.header.indexOf(name);

  const upload = async (trustId: string, body: string | Buffer, query = 'scope=all') =>
    (await http().post(`/trusts/${trustId}/imports?wait=true&${query}`).set('content-type', 'text/csv').send(body).expect(200)).body;

  /** Waits until every outboxed event is on the topic, then counts what the consumer saw for the trust. */
  const settledEvents = async (trustId: string) => {
    await expectEventually(async () =>
      expect((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`))[0].n).toBe(0),
    );
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE trust_id = $1`, [trustId]);
    return expectEventually(() => {
      const seen = topic.events().filter((e) => e.trustId === trustId);
      expect(seen).toHaveLength(n);
      return seen;
    });
  };

  const newTrust = async (body: object) => (await http().post('/trusts').send(body).expect(201)).body.id as string;

  interface RawAnswer {
    status: number;
    headers: IncomingMessage['headers'];
    body: { statusCode?: number; message?: string; errors?: { field: string; problems: string[] }[] } & Record<string, unknown>;
  }

  /**
   * POSTs a body streamed from `chunks` on a connection of its own, as a client uploading a file does.
   * `contentLength` is declared when given (chunked otherwise); with `hold`, the body is never finished.
   */
  function rawPost(
    server: INestApplication,
    path: string,
    chunks: Iterable<Buffer | string>,
    options: { contentLength?: number; hold?: boolean } = {},
  ): { answer: Promise<RawAnswer>; abort: () => void } {
    const { port } = server.getHttpServer().address() as { port: number };
    const headers: Record<string, string | number> = { 'content-type': 'text/csv' };
    if (options.contentLength !== undefined) headers['content-length'] = options.contentLength;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers });
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') }),
        );
        res.on('error', reject);
      });
    });
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
      }
      if (!options.hold) req.end();
    })().catch(() => undefined);
    return {
      answer,
      abort: () => {
        answer.catch(() => undefined); // the answer of an aborted upload is not awaited
        req.destroy();
      },
    };
  }

  const MiB = 1024 * 1024;
  function* repeated(text: string, bytes: number): Generator<string> {
    const chunk = text.repeat(Math.ceil((64 * 1024) / text.length));
    for (let sent = 0; sent < bytes; sent += chunk.length) yield bytes - sent >= chunk.length ? chunk : chunk.slice(0, bytes - sent);
  }

  beforeAll(async () => {
    app = await startSchoolsApp(env);
    await app.listen(0, '127.0.0.1');
    db = app.get(DataSource);
    topic = await readTopic(env.env('x').KAFKA_BROKERS, topicName(env.topicPrefix, Topics.schools));
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await env.cleanup();
  });

  it('imports the real GIAS sample; importing it again changes and announces nothing', async () => {
    const trustId = await newTrust({ name: 'National view' });
    const first = await upload(trustId, giasSample(), 'scope=all&fileName=edubasealldata-sample-99.csv');
    expect(first).toMatchObject({
      status: 'completed',
      kind: 'gias-establishments',
      scope: 'all',
      fileName: 'edubasealldata-sample-99.csv',
    });
    expect(first.created).toBe(table.rows.length - first.errorCount);
    expect(first.created).toBeGreaterThan(90);
    expect(first.processedBytes).toBe(first.totalBytes);
    for (const internal of ['owner', 'heartbeatAt']) expect(first).not.toHaveProperty(internal);
    const afterFirst = await settledEvents(trustId);
    expect(afterFirst.filter((e) => e.type === 'schools.school.registered')).toHaveLength(first.created);

    const aldgate = (await http().get(`/trusts/${trustId}/schools/100000`).expect(200)).body;
    expect(aldgate).toMatchObject({
      name: 'The Aldgate School',
      phase: 'primary',
      localAuthorityCode: '201',
      postcode: 'EC3A 5DE',
      easting: 533498,
      pupilsOnRoll: 276,
      membership: 'not-member',
    });

    const second = await upload(trustId, giasSample());
    expect(second).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: first.created });
    expect(await settledEvents(trustId)).toHaveLength(afterFirst.length);

    // A newer extract: two schools changed; only they are written and announced.
    const rows = table.rows.map((r) => [...r]);
    rows[0][col('EstablishmentName')] = 'The Aldgate School (renamed)';
    rows[1][col('NumberOfPupils')] = '750';
    const third = await upload(trustId, toCsv(table.header, rows));
    expect(third).toMatchObject({ created: 0, updated: 2, unchanged: first.created - 2 });
    const afterThird = await settledEvents(trustId);
    const updates = afterThird.slice(afterFirst.length);
    expect(updates.map((e) => [e.type, (e.data as { changedFields: string[] }).changedFields])).toEqual(
      expect.arrayContaining([
        ['schools.school.updated', ['name']],
        ['schools.school.updated', ['pupilsOnRoll']],
      ]),
    );
    expect(updates).toHaveLength(2);
  });

  it('reports unreadable rows with their line and reason, and imports the rest', async () => {
    const trustId = await newTrust({ name: 'Malformed' });
    const rows = table.rows.slice(0, 6).map((r) => [...r]);
    rows[1][col('URN')] = 'ABC';
    rows[2][col('OpenDate')] = '31-02-2020';
    rows[3] = rows[3].slice(0, 10); // a row cut short
    const job = await upload(trustId, toCsv(table.header, rows));
    expect(job).toMatchObject({ status: 'completed', created: 3, errorCount: 3 });
    expect(job.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(job.errors[0].reason).toMatch(/URN/);
    expect(job.errors[1].reason).toMatch(/31-02-2020|date/i);
    expect(job.errors[2].reason).toMatch(/values but the header has/);
    expect((await http().get(`/trusts/${trustId}/schools`).expect(200)).body.total).toBe(3);
  });

  it('rejects a file without a required column as a whole, saying which', async () => {
    const trustId = await newTrust({ name: 'No URN' });
    const keep = table.header.map((_, i) => i).filter((i) => table.header[i] !== 'URN');
    const csv = toCsv(
      keep.map((i) => table.header[i]),
      table.rows.slice(0, 3).map((r) => keep.map((i) => r[i])),
    );
    const job = await upload(trustId, csv, 'scope=all&kind=gias-establishments');
    expect(job.status).toBe('failed');
    expect(job.message).toMatch(/URN/);
    expect((await http().get(`/trusts/${trustId}/schools`).expect(200)).body.total).toBe(0);
    await http().get(`/trusts/${trustId}/imports/${job.id}`).expect(200);
  });

  it('tolerates renamed and vanished columns and reads Windows-1252 text', async () => {
    const trustId = await newTrust({ name: 'Encodings' });
    const header = table.header.map((h) => (h === 'EstablishmentName' ? 'Establishment Name' : h));
    const drop = col('SchoolWebsite');
    const rows = table.rows.slice(0, 2).map((r) => [...r]);
    rows[0][col('EstablishmentName')] = 'École Saint-Exupéry’s';
    const csv = toCsv(
      header.filter((_, i) => i !== drop),
      rows.map((r) => r.filter((_, i) => i !== drop)),
    );
    const bytes = Buffer.from(
      new Uint8Array([...csv].map((ch) => (ch === 'É' ? 0xc9 : ch === 'é' ? 0xe9 : ch === '’' ? 0x92 : ch.charCodeAt(0)))),
    );
    const job = await upload(trustId, bytes);
    expect(job).toMatchObject({ status: 'completed', created: 2, errorCount: 0 });
    const school = (
      await http()
        .get(`/trusts/${trustId}/schools/${rows[0][col('URN')]}`)
        .expect(200)
    ).body;
    expect(school.name).toBe('École Saint-Exupéry’s');
  });

  it("imports only the trust's own schools, then its group details and join dates", async () => {
    const trustId = await newTrust({ name: 'St Aquinas', companiesHouseNumber: '07318714' });
    const rows = table.rows.slice(0, 8).map((r) => [...r]);
    for (const r of rows.slice(0, 3)) {
      r[col('Trusts (code)')] = '2044';
      r[col('Trusts (name)')] = "ST. ACQUINAS' ABBEY ACADEMIES CO OPERATIVE LTD (UK)";
    }
    // Without a group UID the trust's schools can't be picked out.
    await http().post(`/trusts/${trustId}/imports?scope=trust`).set('content-type', 'text/csv').send(toCsv(table.header, rows)).expect(400);

    const groups = await upload(trustId, giasSample('groups-sample.csv'), 'scope=trust');
    expect(groups).toMatchObject({ kind: 'gias-groups', status: 'completed', updated: 1, skipped: 3 });
    expect((await http().get(`/trusts/${trustId}`).expect(200)).body).toMatchObject({
      groupUid: '2044',
      name: "ST. ACQUINAS' ABBEY ACADEMIES CO OPERATIVE LTD (UK)",
    });

    const own = await upload(trustId, toCsv(table.header, rows), 'scope=trust');
    expect(own).toMatchObject({ status: 'completed', created: 3, skipped: 5 });
    const members = (await http().get(`/trusts/${trustId}/schools?membership=member`).expect(200)).body;
    expect(members.total).toBe(3);

    const links = await upload(trustId, giasSample('group-links-sample.csv'), 'scope=trust');
    expect(links).toMatchObject({ kind: 'gias-links', status: 'completed', updated: 2, skipped: 1 });
    expect((await http().get(`/trusts/${trustId}/schools/100000`).expect(200)).body.joinedTrustOn).toBe('2010-12-01');
    const again = await upload(trustId, giasSample('group-links-sample.csv'), 'scope=trust');
    expect(again).toMatchObject({ updated: 0, unchanged: 2 });

    // A leave recorded in Trustwide stands when the same extract is imported again.
    const firstUrn = Number(rows[0][col('URN')]);
    await http()
      .post(`/trusts/${trustId}/schools/${firstUrn}/leave`)
      .send({ leftOn: '2026-08-31', reason: 'Moving to another trust' })
      .expect(201);
    const same = await upload(trustId, toCsv(table.header, rows), 'scope=trust');
    expect(same).toMatchObject({ created: 0, updated: 0 });
    expect((await http().get(`/trusts/${trustId}/schools/${firstUrn}`).expect(200)).body).toMatchObject({
      membership: 'former-member',
      leftTrustOn: '2026-08-31',
    });

    // A newer extract lists one of them under another trust: it has left.
    rows[2][col('Trusts (code)')] = '2070';
    rows[2][col('Trusts (name)')] = 'ACORN EDUCATION TRUST';
    const moved = await upload(trustId, toCsv(table.header, rows), 'scope=trust');
    expect(moved).toMatchObject({ status: 'completed', created: 0, updated: 1 });
    const urn = Number(rows[2][col('URN')]);
    expect((await http().get(`/trusts/${trustId}/schools/${urn}`).expect(200)).body).toMatchObject({ membership: 'former-member' });
    const left = (await settledEvents(trustId))
      .filter((e) => e.type === 'schools.school.left-trust')
      .map((e) => e.data as { urn: number; reason: string });
    expect(left).toEqual([
      expect.objectContaining({ urn: firstUrn, reason: 'Moving to another trust' }),
      expect.objectContaining({ urn, reason: expect.stringContaining('ACORN EDUCATION TRUST') }),
    ]);
  });

  it('adds Ofsted inspections by URN once, with their framework, and re-derives risk', async () => {
    const trustId = await newTrust({ name: 'Ofsted' });
    await upload(trustId, toCsv(table.header, table.rows.slice(0, 3)));
    const legacy = [
      'Web link,URN,LAESTAB,School name,Ofsted phase,Type of education,Inspection number,Inspection type,Inspection start date,Publication date,Overall effectiveness,Category of concern,Quality of education,Behaviour and attitudes,Personal development,Effectiveness of leadership and management,Safeguarding is effective?,Early years provision (where applicable),Sixth form provision (where applicable)',
      'http://x,100000,2013614,The Aldgate School,Primary,Voluntary aided school,10200001,S5 Inspection,15/03/2023,20/04/2023,4,Special Measures,4,3,3,4,Yes,9,9',
      'http://x,100001,2016005,City of London School for Girls,Secondary,Other independent,10200002,S5 Inspection,01/02/2022,01/03/2022,2,,2,2,1,2,Yes,,',
      'http://x,999999,2019999,Not In Register,Primary,Academy,10200003,S5 Inspection,01/02/2022,01/03/2022,1,,1,1,1,1,Yes,,',
    ].join('\r\n');
    const job = await upload(trustId, legacy, 'scope=all');
    expect(job).toMatchObject({ kind: 'ofsted', status: 'completed', created: 2, skipped: 1 });
    const school = (await http().get(`/trusts/${trustId}/schools/100000`).expect(200)).body;
    expect(school.inspections[0]).toMatchObject({
      framework: 'oeif',
      overallEffectiveness: 4,
      startDate: '2023-03-15',
      categoryOfConcern: 'special-measures',
    });
    expect(school.risk.level).toBe('red');
    const again = await upload(trustId, legacy, 'scope=all');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // A later file amends one inspection's publication date: it is corrected, not duplicated.
    const amended = await upload(trustId, legacy.replace('01/02/2022,01/03/2022,2', '01/02/2022,08/03/2022,2'), 'scope=all');
    expect(amended).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const girls = (await http().get(`/trusts/${trustId}/schools/100001`).expect(200)).body;
    expect(girls.inspections).toHaveLength(1);
    expect(girls.inspections[0].publicationDate).toBe('2022-03-08');
    const events = await settledEvents(trustId);
    const recorded = events.filter((e) => e.type === 'schools.inspection.recorded').map((e) => e.data as { inspectionId: string });
    expect(recorded).toHaveLength(3);
    expect(new Set(recorded.map((r) => r.inspectionId)).size).toBe(2);
  });

  it('adds report-card inspections from the in-year file, on their own scale', async () => {
    const trustId = await newTrust({ name: 'Report cards' });
    await upload(trustId, toCsv(table.header, table.rows.slice(0, 3)));
    // The D1 "in-year inspections" header as Ofsted publishes it (../shared/data/ofsted-mi-headers.md).
    const header = (
      'Web Link (opens in new window),URN,LAESTAB,School name,Ofsted phase,Type of education,School open date,Admissions policy,Sixth form,' +
      'Designated religious character,Religious ethos,Faith grouping,Ofsted region,Region,Local authority,Parliamentary constituency,Postcode,' +
      'Multi-academy trust UID,Multi-academy trust name,Academy sponsor UID,Academy Sponsor Name,' +
      'The income deprivation affecting children index (IDACI) quintile,Total number of pupils,Statutory lowest age,Statutory highest age,' +
      'Inspection number,Inspection type,Inspection type grouping,Event type grouping,Inspection start date,Publication date,' +
      'Outcomes for legacy monitoring inspections,Category of concern,Safeguarding standards,Inclusion,Curriculum and teaching,Achievement,' +
      'Attendance and behaviour,Personal development and wellbeing,Early years (where applicable),Post-16 provision (where applicable),' +
      'Leadership and governance'
    ).split(',');
    const values: Record<string, string> = {
      URN: '100000',
      'School name': 'The Aldgate School',
      'Inspection number': '10400001',
      'Inspection type': 'Full inspection',
      'Inspection start date': '20/01/2026',
      'Publication date': '03/03/2026',
      'Safeguarding standards': 'Met',
      Inclusion: 'Strong standard',
      'Curriculum and teaching': 'Needs attention',
      Achievement: 'Expected standard',
      'Attendance and behaviour': 'Expected standard',
      'Personal development and wellbeing': 'Strong standard',
      'Leadership and governance': 'Expected standard',
    };
    const job = await upload(trustId, toCsv(header, [header.map((h) => values[h] ?? '')]), 'scope=all');
    expect(job).toMatchObject({ kind: 'ofsted', status: 'completed', created: 1, errorCount: 0 });
    const school = (await http().get(`/trusts/${trustId}/schools/100000`).expect(200)).body;
    expect(school.inspections[0]).toMatchObject({
      framework: 'report-card',
      overallEffectiveness: null,
      safeguarding: 'met',
      startDate: '2026-01-20',
    });
    expect(school.inspections[0].judgements).toEqual(
      expect.arrayContaining([{ area: 'curriculum-and-teaching', grade: 'needs-attention' }]),
    );
    expect(school.risk.level).toBe('amber');
  });

  it('marks an import interrupted when the instance running it stopped beating, and leaves live ones alone', async () => {
    const trustId = await newTrust({ name: 'Replicas' });
    const live = await upload(trustId, toCsv(table.header, table.rows.slice(0, 2)));
    const [{ id: dead }] = await db.query(
      `INSERT INTO import_jobs (id, trust_id, kind, scope, status, owner, heartbeat_at)
       VALUES (gen_random_uuid(), $1, 'gias-establishments', 'all', 'running', 'elsewhere:1:gone', now() - interval '10 minutes') RETURNING id`,
      [trustId],
    );
    await app.get<ImportsService, { beat: () => Promise<void> }>(ImportsService).beat(); // beat is private
    expect((await http().get(`/trusts/${trustId}/imports/${dead}`).expect(200)).body).toMatchObject({
      status: 'interrupted',
      message: expect.stringContaining('stopped'),
    });
    expect((await http().get(`/trusts/${trustId}/imports/${live.id}`).expect(200)).body.status).toBe('completed');
  });

  it('refuses a header then 64 MiB of commas with no line break, in bounded time and memory, while /health answers', async () => {
    const trustId = await newTrust({ name: 'No line breaks' });
    const header = table.header.join(',') + '\r\n';
    const heapBefore = process.memoryUsage().heapUsed;
    const health: number[] = [];
    const { answer } = rawPost(app, `/trusts/${trustId}/imports?scope=all&kind=gias-establishments`, [header, ...repeated(',', 64 * MiB)]);
    // While the file arrives and is read, the service goes on answering.
    const job = await expectEventually(
      async () => {
        health.push((await http().get('/health')).status);
        const [latest] = (await http().get(`/trusts/${trustId}/imports`).expect(200)).body;
        expect(latest?.status).toBe('failed');
        return latest;
      },
      { timeoutMs: 120_000, intervalMs: 50 },
    );
    expect((await answer).status).toBe(202);
    expect(job).toMatchObject({ totalBytes: header.length + 64 * MiB, rowsRead: 0, created: 0 });
    expect(job.message).toContain('The record starting on line 2 has more than');
    expect(job.message).toContain(`(the header has ${table.header.length} columns)`);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
    // Nothing of the file is held: the heap grows by much less than the file (generous, as GC timing varies).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(48 * MiB);
  });

  it('refuses a record over the length limit, and one with too many values, naming the line, after importing the rows before it', async () => {
    const trustId = await newTrust({ name: 'Long records' });
    const good = toCsv(table.header, table.rows.slice(0, 2));
    const long = await upload(trustId, good + table.rows[2].join(',').replace(/,/, ',' + 'x'.repeat(2 * MiB)) + '\r\n');
    expect(long).toMatchObject({ status: 'failed', rowsRead: 2 });
    expect(long.message).toBe(
      'The record starting on line 4 is longer than 1 MiB, the longest this service reads: a line break or a closing quote is probably missing, so the rest of the file cannot be read.',
    );
    const wide = await upload(trustId, good + table.rows[3].join(',') + ','.repeat(300) + '\r\n' + table.rows[4].join(',') + '\r\n');
    expect(wide).toMatchObject({ status: 'failed' });
    expect(wide.message).toContain('The record starting on line 4 has more than');
  });

  it('refuses an upload whose Content-Length is over the limit before reading its body', async () => {
    const trustId = await newTrust({ name: 'Too big' });
    // 600 MiB declared, 64 KiB sent, and the connection held open: the answer can only come from the header.
    const { answer, abort } = rawPost(app, `/trusts/${trustId}/imports?scope=all`, repeated('a', 64 * 1024), {
      contentLength: 600 * MiB,
      hold: true,
    });
    try {
      const res = await answer;
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'Payload Too Large',
        errors: [{ field: 'body', problems: [`the file is ${600 * MiB} bytes; files over 512 MiB are refused`] }],
      });
      expect(res.headers.connection).toBe('close');
    } finally {
      abort();
    }
    expect((await http().get(`/trusts/${trustId}/imports`).expect(200)).body).toEqual([]);
  });

  it('reports a NUL character in a cell as a row error naming the column', async () => {
    const trustId = await newTrust({ name: 'NUL' });
    const rows = table.rows.slice(0, 3).map((r) => [...r]);
    rows[1][col('EstablishmentName')] = 'Nul\u0000School';
    const job = await upload(trustId, toCsv(table.header, rows));
    expect(job).toMatchObject({ status: 'completed', created: 2, errorCount: 1 });
    expect(job.errors).toEqual([
      { line: 3, urn: Number(rows[1][col('URN')]), reason: 'EstablishmentName contains a NUL character (\\0), which no value may hold' },
    ]);
  });

  it('sweeps uploads left by a stopped instance at start, and answers 503 in shape when its import queue is full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustwide-uploads-'));
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid; // a process that has ended
    const orphan = join(dir, `${deadPid}-0badc0de`, `${randomUUID()}.csv`);
    const live = join(dir, `${process.pid}-0c0ffee0`, `${randomUUID()}.csv`); // another instance of a running process
    for (const file of [orphan, live]) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, 'URN\r\n100000\r\n');
    }
    const small = await startSchoolsApp(env, { IMPORT_UPLOAD_DIR: dir, IMPORT_MAX_QUEUED: '1', IMPORT_MAX_CONCURRENT_UPLOADS: '2' });
    try {
      await small.listen(0, '127.0.0.1');
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(join(orphan, '..'))).toBe(false);
      expect(existsSync(live)).toBe(true);

      const trustId = (await request(small.getHttpServer()).post('/trusts').send({ name: 'Busy' }).expect(201)).body.id as string;
      const path = `/trusts/${trustId}/imports?scope=all`;
      // One upload in progress takes the one place.
      const first = rawPost(small, path, [table.header.join(',') + '\r\n'], { hold: true });
      await expectEventually(async () => {
        const res = await request(small.getHttpServer())
          .post(path)
          .set('content-type', 'text/csv')
          .send(toCsv(table.header, table.rows.slice(0, 1)));
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('30');
        expect(res.body).toEqual({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'Service Unavailable',
          errors: [{ field: 'body', problems: [expect.stringContaining('1 import is waiting or running on this instance')] }],
        });
      });
      first.abort();
      // Once it is gone, the place is free again.
      const job = await expectEventually(async () => {
        const res = await request(small.getHttpServer())
          .post(`${path}&wait=true`)
          .set('content-type', 'text/csv')
          .send(toCsv(table.header, table.rows.slice(0, 1)));
        expect(res.status).toBe(200);
        return res.body;
      });
      expect(job).toMatchObject({ status: 'completed', created: 1 });
    } finally {
      await small.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file it does not know, and an empty upload', async () => {
    const trustId = await newTrust({ name: 'Refusals' });
    const res = await http().post(`/trusts/${trustId}/imports`).set('content-type', 'text/csv').send('a,b\n1,2\n').expect(400);
    expect(res.body.errors[0]).toMatchObject({ field: 'file' });
    await http().post(`/trusts/${trustId}/imports`).set('content-type', 'text/csv').send('').expect(400);
    await http().post(`/trusts/${trustId}/imports?kind=pdf`).set('content-type', 'text/csv').send('x').expect(400);
    // What `curl --data-binary @file` sends (form-encoded) is still the file.
    const job = await http()
      .post(`/trusts/${trustId}/imports?scope=all&wait=true`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(giasSample().toString('latin1'))
      .expect(200);
    expect(job.body).toMatchObject({ status: 'completed', kind: 'gias-establishments' });
    expect((await http().get(`/trusts/${trustId}/imports`).expect(200)).body).toHaveLength(1);
  });
});
