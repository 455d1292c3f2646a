import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { documentedHttp, testEnvironment } from '@trustwide/common/testing';
import { runStaffImportCli } from '../src/cli/staff-import-cli';
import { knowSchool, startPeopleApp } from './people-app';

/** Windows-1252 bytes of a text (what Excel on Windows saves as "CSV"). */
const cp1252 = (text: string) => Buffer.from([...text].map((c) => ({ '’': 0x92, é: 0xe9 })[c] ?? c.charCodeAt(0)));

/** Importing a staff list from an MIS export through the API, on real PostgreSQL (and the outbox). */
describe('staff import', () => {
  const env = testEnvironment('people_import');
  const trustId = randomUUID();
  const schoolA = randomUUID();
  const schoolB = randomUUID();
  let app: INestApplication;
  let db: DataSource;
  const http = documentedHttp(() => app.getHttpServer(), '/api');
  const base = `/trusts/${trustId}/staff`;
  const upload = async (file: Buffer | string, expected = 200) =>
    (await http().post(`${base}/imports?wait=true&fileName=staff.csv`).set('content-type', 'text/csv').send(file).expect(expected)).body;
  const snapshot = async () => ({
    staff: await db.query(
      `SELECT first_name, last_name, work_email, school_id, status, joined_on::text FROM staff WHERE trust_id = $1 ORDER BY work_email`,
      [trustId],
    ),
    roles: await db.query(
      `SELECT s.work_email, r.role, r.school_id, r.started_on::text, r.ended_on::text FROM role_spells r JOIN staff s ON s.id = r.staff_id WHERE r.trust_id = $1 ORDER BY 1, 2, 4, 5 NULLS FIRST`,
      [trustId],
    ),
    events: (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE trust_id = $1`, [trustId]))[0].n as number,
  });

  // A SIMS-like export: other names and order, a column the service does not keep (NI Number), dd/mm/yyyy dates.
  const file = [
    'Employee Number,Legal Surname,Legal Forename,School Email,School URN,Post,Employment Start Date,Leaving Date,NI Number',
    'E001,O’Neill,Siobhán,s.oneill@abbey.sch.uk,140001,Executive Headteacher,01/09/2019,,QQ123456A',
    'E002,Okafor,Chidi,c.okafor@abbey.sch.uk,140001,Deputy Headteacher,01/09/2021,,QQ123456B',
    'E003,Brontë,Renée,r.bronte@fen.sch.uk,140002,Head of English,01/09/2020,,QQ123456C',
    'E004,Nobody,Nemo,,140002,Teacher,01/09/2020,,QQ123456D',
    'E005,Elsewhere,Eve,e.elsewhere@far.sch.uk,999999,Teacher,01/09/2020,,QQ123456E',
    'E006,Datum,Dan,d.datum@abbey.sch.uk,140001,Teacher,31/02/2020,,QQ123456F',
    'E007,Past,Pat,p.past@fen.sch.uk,140002,Assistant Headteacher,01/09/2015,31/08/2019,QQ123456G',
  ].join('\r\n');

  beforeAll(async () => {
    app = await startPeopleApp(env, { PEOPLE_EXPIRY_INTERVAL_MS: '0' });
    db = app.get(DataSource);
    await knowSchool(app, trustId, schoolA, undefined, 140001);
    await knowSchool(app, trustId, schoolB, undefined, 140002);
  });

  afterAll(async () => {
    await app?.close();
    await env.cleanup();
  });

  it('imports the good rows of a Windows-1252 file and reports each bad row by line and reason', async () => {
    const job = await upload(cp1252(file));
    expect(job).toMatchObject({
      status: 'completed',
      fileName: 'staff.csv',
      rowsRead: 7,
      created: 4,
      updated: 0,
      unchanged: 0,
      errorCount: 3,
    });
    expect(job.processedBytes).toBe(job.totalBytes);
    expect(job.errors).toEqual([
      { line: 5, staffNumber: 'E004', reason: 'the row has no work email: staff are matched by work email, so it cannot be imported' },
      {
        line: 6,
        staffNumber: 'E005',
        workEmail: 'e.elsewhere@far.sch.uk',
        reason: 'URN 999999 is not a school of this trust (as the school directory knows it)',
      },
      {
        line: 7,
        staffNumber: 'E006',
        workEmail: 'd.datum@abbey.sch.uk',
        reason: 'Employment Start Date "31/02/2020" is not a date (dd/mm/yyyy)',
      },
    ]);
    const { staff, roles } = await snapshot();
    expect(staff.map((s: { first_name: string; last_name: string }) => `${s.first_name} ${s.last_name}`)).toEqual([
      'Chidi Okafor',
      'Pat Past',
      'Renée Brontë',
      'Siobhán O’Neill',
    ]);
    expect(roles).toEqual([
      { work_email: 'c.okafor@abbey.sch.uk', role: 'deputy-headteacher', school_id: schoolA, started_on: '2021-09-01', ended_on: null },
      {
        work_email: 'p.past@fen.sch.uk',
        role: 'assistant-headteacher',
        school_id: schoolB,
        started_on: '2015-09-01',
        ended_on: '2019-08-31',
      },
      { work_email: 'r.bronte@fen.sch.uk', role: 'middle-leader', school_id: schoolB, started_on: '2020-09-01', ended_on: null },
      { work_email: 's.oneill@abbey.sch.uk', role: 'executive-headteacher', school_id: schoolA, started_on: '2019-09-01', ended_on: null },
    ]);
    // Followed by id, as the CLI does.
    expect((await http().get(`${base}/imports/${job.id}`).expect(200)).body).toEqual(job);
    expect((await http().get(`${base}/imports`).expect(200)).body.map((j: { id: string }) => j.id)).toContain(job.id);
  });

  it('changes and announces nothing when the same file is imported again (UTF-8 this time)', async () => {
    const before = await snapshot();
    const job = await upload(Buffer.from(file, 'utf8'));
    expect(job).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 4, errorCount: 3 });
    expect(await snapshot()).toEqual(before);
  });

  it('writes and announces only what changed in a newer export: a move, a past spell, a new role', async () => {
    const before = await snapshot();
    const newer = file
      .replace(
        'E002,Okafor,Chidi,c.okafor@abbey.sch.uk,140001,Deputy Headteacher,01/09/2021,',
        'E002,Okafor,Chidi,c.okafor@abbey.sch.uk,140002,Deputy Headteacher,01/09/2021,31/12/2026',
      )
      .replace(
        'E003,Brontë,Renée,r.bronte@fen.sch.uk,140002,Head of English,01/09/2020,',
        'E003,Brontë,Renée,r.bronte@fen.sch.uk,140002,Assistant Headteacher,01/01/2026,',
      );
    const job = await upload(newer);
    expect(job).toMatchObject({ status: 'completed', created: 0, updated: 2, unchanged: 2, errorCount: 3 });
    const after = await snapshot();
    expect(after.staff.find((s: { work_email: string }) => s.work_email === 'c.okafor@abbey.sch.uk').school_id).toBe(schoolB);
    // Okafor's spell at A is still open (a role at another school is its own spell); a deputy spell at B ends on the date given.
    expect(after.roles.filter((r: { work_email: string }) => r.work_email === 'c.okafor@abbey.sch.uk')).toEqual([
      { work_email: 'c.okafor@abbey.sch.uk', role: 'deputy-headteacher', school_id: schoolA, started_on: '2021-09-01', ended_on: null },
      {
        work_email: 'c.okafor@abbey.sch.uk',
        role: 'deputy-headteacher',
        school_id: schoolB,
        started_on: '2021-09-01',
        ended_on: '2026-12-31',
      },
    ]);
    expect(
      after.roles.filter((r: { work_email: string }) => r.work_email === 'r.bronte@fen.sch.uk').map((r: { role: string }) => r.role),
    ).toEqual(['assistant-headteacher', 'middle-leader']);
    // Announced: the move, the past spell at B (started and ended), Brontë's new role.
    expect(after.events - before.events).toBe(4);
  });

  it('imports from the command line, with progress and the row errors by line', async () => {
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const dir = await mkdtemp(join(tmpdir(), 'staff-cli-'));
    try {
      await writeFile(join(dir, 'staff.csv'), cp1252(file));
      const out: string[] = [];
      const err: string[] = [];
      const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, cwd: dir, pollMs: 20 };
      expect(await runStaffImportCli(['--trust', trustId, '--url', url, 'staff.csv'], io)).toBe(0);
      const text = out.join('');
      expect(text).toMatch(/uploading 100%/);
      // The first file again, after the newer one: Okafor's row puts him back at 140001 (a move); the rest is as recorded.
      expect(text).toMatch(/Import [0-9a-f-]{36} completed: 0 joined, 1 updated, 3 unchanged, 3 rows with errors/);
      expect(text).toContain('  line 5 (E004): the row has no work email');
      expect(err).toEqual([]);
      expect(await runStaffImportCli(['--trust', 'nope', 'staff.csv'], io)).toBe(2);
      expect(err.join('')).toContain('--trust must be the trust\'s id (a UUID), not "nope"');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not a staff list as a whole, and an empty upload', async () => {
    const job = await upload('Name,Email\nA,b@c.d\n');
    expect(job).toMatchObject({ status: 'failed', rowsRead: 0 });
    expect(job.message).toContain('This does not look like a staff list');
    const empty = await http().post(`${base}/imports`).set('content-type', 'text/csv').send('').expect(400);
    expect(empty.body.errors).toEqual([{ field: 'file', problems: ['the upload is empty: send the CSV file as the request body'] }]);
    await http().get(`${base}/imports/${randomUUID()}`).expect(404);
  });
});
