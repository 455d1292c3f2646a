import { describe, expect, it } from '@jest/globals';
import { importCsvSync } from '@trustwide/common';
import { describeMissingStaffColumns, mapStaffHeader, parseUkDate, readStaffRow, roleFromJobTitle, STAFF_CSV } from './staff-csv';
import type { Role } from './roles';

describe('staff list header mapping', () => {
  it.each<[string, string[], Record<string, number>]>([
    [
      'an Arbor-like export',
      ['Staff ID', 'First Name', 'Last Name', 'Work Email', 'URN', 'Job Title', 'Start Date', 'End Date'],
      { staffNumber: 0, role: 5, roleEndedOn: 7 },
    ],
    [
      'a SIMS-like export, other names and order',
      ['Legal Surname', 'Legal Forename', 'Employee Number', 'Post', 'Employment Start Date', 'School URN', 'NI Number'],
      { staffNumber: 2, firstName: 1, lastName: 0, role: 3, workEmail: -1, roleEndedOn: -1 },
    ],
    [
      'case, spaces and punctuation ignored',
      ['staff_id', 'FORENAME', 'surname', 'e-mail address', 'urn', 'job title', 'start-date'],
      { staffNumber: 0, firstName: 1, role: 5, workEmail: 3 },
    ],
  ])('%s', (_, header, expected) => {
    const map = mapStaffHeader(header);
    expect(map.missingRequired).toEqual([]);
    expect(map.index).toMatchObject(expected);
  });

  it('names each missing required column and what else is accepted', () => {
    const map = mapStaffHeader(['Staff ID', 'Forename', 'Surname', 'Start Date']);
    expect(map.missingRequired).toEqual(['schoolUrn', 'role']);
    expect(describeMissingStaffColumns(map.missingRequired)).toBe(
      'This does not look like a staff list: the required columns "URN" (also accepted: "School URN", "Establishment URN", "School Unique Reference Number"); ' +
        '"Role" (also accepted: "Job Title", "Post", "Position", "Post Title", "Staff Role") are missing from the header row.',
    );
  });
});

describe('job titles to roles', () => {
  it.each<[string, Role]>([
    ['CEO', 'ceo'],
    ['Chief Executive Officer', 'ceo'],
    ['Executive Headteacher', 'executive-headteacher'],
    ['Executive Principal', 'executive-headteacher'],
    ['Headteacher', 'headteacher'],
    ['Head Teacher', 'headteacher'],
    ['Principal', 'headteacher'],
    ['Head of School', 'head-of-school'],
    ['Deputy Headteacher', 'deputy-headteacher'],
    ['Vice Principal', 'deputy-headteacher'],
    ['Assistant Head', 'assistant-headteacher'],
    ['Assistant Principal', 'assistant-headteacher'],
    ['Head of Maths', 'middle-leader'],
    ['Deputy Head of Year', 'middle-leader'],
    ['Phase Leader', 'middle-leader'],
    ['SENCO', 'senco'],
    ['SENDCo', 'senco'],
    ['School Business Manager', 'business-manager'],
    ['Class Teacher', 'teacher'],
    ['Teacher of English', 'teacher'],
    ['Teaching Assistant', 'other'],
    ['Site Supervisor', 'other'],
  ])('%s → %s', (title, role) => {
    expect(roleFromJobTitle(title)).toBe(role);
  });
});

describe('reading a staff row', () => {
  const header = ['Staff ID', 'Forename', 'Surname', 'Work Email', 'URN', 'Job Title', 'Start Date', 'End Date'];
  const map = mapStaffHeader(header);
  const row = (cells: Partial<Record<string, string>>) =>
    readStaffRow(
      header.map(
        (h) =>
          cells[h] ??
          {
            'Staff ID': 'E123',
            Forename: 'Asha',
            Surname: 'Patel',
            'Work Email': 'A.Patel@Abbey.sch.uk',
            URN: '140001',
            'Job Title': 'Headteacher',
            'Start Date': '01/09/2019',
            'End Date': '',
          }[h]!,
      ),
      header,
      map,
      7,
    );

  it('keeps what the product uses, normalised', () => {
    expect(row({})).toEqual({
      ok: true,
      row: {
        staffNumber: 'E123',
        firstName: 'Asha',
        lastName: 'Patel',
        workEmail: 'a.patel@abbey.sch.uk',
        schoolUrn: 140001,
        role: 'headteacher',
        roleStartedOn: '2019-09-01',
        roleEndedOn: null,
      },
    });
    expect(row({ 'Work Email': 'NULL', 'End Date': '31-08-2025' })).toMatchObject({
      ok: true,
      row: { workEmail: null, roleEndedOn: '2025-08-31' },
    });
  });

  it.each<[string, Partial<Record<string, string>>, string[]]>([
    ['no staff id', { 'Staff ID': ' ' }, ['Staff ID is empty']],
    ['no names', { Forename: '', Surname: 'n/a' }, ['Forename is empty', 'Surname is empty']],
    ['a bad email', { 'Work Email': 'asha at abbey' }, ['Work Email "asha at abbey" is not an email address']],
    ['a bad URN', { URN: '12' }, ['URN "12" is not a URN (six or seven digits)']],
    ['an impossible date', { 'Start Date': '31/02/2020' }, ['Start Date "31/02/2020" is not a date (dd/mm/yyyy)']],
    ['an American date', { 'Start Date': '2019/09/01' }, ['Start Date "2019/09/01" is not a date (dd/mm/yyyy)']],
    ['ending before starting', { 'End Date': '31/08/2019' }, ['End Date (2019-08-31) is before Start Date (2019-09-01)']],
    ['several problems at once', { URN: 'x', 'Job Title': '' }, ['URN "x" is not a URN (six or seven digits)', 'Job Title is empty']],
  ])('refuses %s, by line and reason', (_, cells, reasons) => {
    expect(row(cells)).toEqual({ ok: false, line: 7, reasons });
  });

  it('reads a short row as empty cells', () => {
    expect(readStaffRow(['E1', 'A', 'B'], header, map, 3)).toEqual({
      ok: false,
      line: 3,
      reasons: ['URN is empty', 'Job Title is empty', 'Start Date is empty'],
    });
  });
});

describe('parseUkDate', () => {
  it.each<[string, string | null]>([
    ['01/09/2019', '2019-09-01'],
    ['1.9.2019', '2019-09-01'],
    ['2019-09-01', '2019-09-01'],
    ['29/02/2023', null],
    ['09/2019', null],
  ])('%s → %s', (text, date) => {
    expect(parseUkDate(text)).toBe(date);
  });
});

describe('STAFF_CSV through the shared CSV reader', () => {
  it('reads a Windows-1252 export with a title line above the header, and reports each bad row by line with what it was about', () => {
    const text = [
      'Staff list exported 01/11/2026',
      'Staff ID,Forename,Surname,Email,URN,Job Title,Start Date',
      'E1,Zoë,Smith,Z.Smith@abbey.sch.uk,140001,Headteacher,01/09/2018',
      'E2,Al,,a@b.c,12,Teacher,2020-13-01',
      'E3,Nul\u0000,Byte,n@b.c,140001,Teacher,01/09/2020',
    ].join('\r\n');
    const bytes = Buffer.from([...text].map((c) => (c === 'ë' ? 0xeb : c.charCodeAt(0))));
    const result = importCsvSync(bytes, STAFF_CSV);
    expect(result.encoding).toBe('windows-1252');
    expect(result.records).toEqual([
      {
        staffNumber: 'E1',
        firstName: 'Zoë',
        lastName: 'Smith',
        workEmail: 'z.smith@abbey.sch.uk',
        schoolUrn: 140001,
        role: 'headteacher',
        roleStartedOn: '2018-09-01',
        roleEndedOn: null,
      },
    ]);
    expect(result.errors).toEqual([
      {
        line: 4,
        staffNumber: 'E2',
        workEmail: 'a@b.c',
        reason: 'Surname is empty; URN "12" is not a URN (six or seven digits); Start Date "2020-13-01" is not a date (dd/mm/yyyy)',
      },
      { line: 5, staffNumber: 'E3', workEmail: 'n@b.c', reason: 'Forename contains a NUL character (\\0), which no value may hold' },
    ]);
  });

  it('refuses a file without the required columns as a whole', () => {
    expect(() => importCsvSync('Name,Email\nA,b@c.d\n', STAFF_CSV)).toThrow(
      /This does not look like a staff list: the required columns "Staff ID"/,
    );
  });
});
