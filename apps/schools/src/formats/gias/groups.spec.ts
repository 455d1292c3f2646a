import { describe, expect, it } from '@jest/globals';
import { CsvFileError, importCsv, importCsvSync, type CsvSource } from '@trustwide/common';
import { sampleFile, sampleTable, toCsv, windows1252 } from '../testing/csv-fixtures.test-helpers';
import { companiesHouseNumberKey, normaliseCode, normaliseGroupUid } from './codes';
import { giasGroupLinksImport, giasGroupsImport } from './groups';

// The files read through the importers' own specs (what they stream in production).
const parseGiasGroups = (input: Uint8Array | string) => importCsvSync(input, giasGroupsImport);
const parseGiasGroupLinks = (input: Uint8Array | string) => importCsvSync(input, giasGroupLinksImport);
const importGiasGroupLinks = (source: CsvSource) => importCsv(source, giasGroupLinksImport);

describe('GIAS groups: the real sample', () => {
  const result = parseGiasGroups(sampleFile('groups-sample.csv'));

  it('imports every group', () => {
    expect(result.errors).toEqual([]);
    expect(result.records.map((g) => g.groupUid)).toEqual(['2044', '2046', '2059', '2070']);
  });

  it('maps a trust, keeping the Companies House number as given and the incorporation date as opening date', () => {
    expect(result.records[0]).toEqual({
      groupUid: '2044',
      groupId: 'TR00261',
      name: "ST. ACQUINAS' ABBEY ACADEMIES CO OPERATIVE LTD (UK)",
      companiesHouseNumber: '7318714',
      groupTypeCode: '6',
      groupType: 'Multi-academy trust',
      status: 'Open',
      statusCode: 'OPEN',
      openedOn: '2010-07-19',
      closedOn: null,
      street: 'Bourne Abbey C Of E Primary Academy',
      town: 'Bourne',
      postcode: 'PE10 9EP',
      ukprn: '10058308',
    });
  });

  it('treats the group type codes "06" and "6" as the same code', () => {
    const types = result.records.map((g) => [g.groupTypeCode, g.groupType]);
    expect(types).toEqual([
      ['6', 'Multi-academy trust'],
      ['6', 'Multi-academy trust'],
      ['1', 'Federation'],
      ['6', 'Multi-academy trust'],
    ]);
  });
});

describe('GIAS groups: crafted variants', () => {
  const { header, rows } = sampleTable('groups-sample.csv');

  it('tolerates renamed columns ("GroupUID", "CompaniesHouseNumber") and uses the open date when there is no incorporation date', () => {
    const renamed = header.map((h) => (h === 'Group UID' ? 'GroupUID' : h === 'Companies House Number' ? 'CompaniesHouseNumber' : h));
    const edited = rows.map((r) => [...r]);
    edited[0][header.indexOf('Incorporated on (open date)')] = '';
    edited[0][header.indexOf('Open date')] = '01/09/2012';
    edited[1][header.indexOf('Group Name')] = 'Trust of St Mary’s and Sainte-Hélène';
    const result = parseGiasGroups(windows1252(toCsv([renamed, ...edited])));
    expect(result.encoding).toBe('windows-1252');
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({ groupUid: '2044', companiesHouseNumber: '7318714', openedOn: '2012-09-01' });
    expect(result.records[1].name).toBe('Trust of St Mary’s and Sainte-Hélène');
  });

  it('reports bad rows with their line and group UID', () => {
    const edited = rows.map((r) => [...r]);
    edited[0][header.indexOf('Group UID')] = 'TR1';
    edited[2][header.indexOf('Incorporated on (open date)')] = '30/02/2011';
    const result = parseGiasGroups(toCsv([header, ...edited]));
    expect(result.errors).toEqual([
      { line: 2, reason: 'Group UID "TR1" is not a group UID (a whole number)' },
      { line: 4, groupUid: '2059', reason: 'Incorporated on (open date): "30/02/2011" is not a real date: February 2011 has no day 30' },
    ]);
    expect(result.records.map((g) => g.groupUid)).toEqual(['2046', '2070']);
  });

  it('rejects a file without group UIDs', () => {
    const without = header.filter((h) => h !== 'Group UID');
    expect(() => parseGiasGroups(toCsv([without]))).toThrow(CsvFileError);
  });
});

describe('GIAS group links', () => {
  it('imports the real sample with join dates', () => {
    const result = parseGiasGroupLinks(sampleFile('group-links-sample.csv'));
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      {
        urn: 100000,
        groupUid: '2044',
        groupId: 'TR00261',
        groupName: "ST. ACQUINAS' ABBEY ACADEMIES CO OPERATIVE LTD (UK)",
        joinedOn: '2010-12-01',
        groupTypeCode: '6',
        groupType: 'Multi-academy trust',
      },
      expect.objectContaining({ urn: 100001, groupUid: '2044', joinedOn: '2010-12-01', groupTypeCode: '6' }),
      expect.objectContaining({ urn: 100002, groupUid: '2070', joinedOn: '2011-08-01' }),
    ]);
  });

  it('reports a link with a bad URN and keeps the others', async () => {
    const { header, rows } = sampleTable('group-links-sample.csv');
    rows[1][0] = '10000X';
    const result = await importGiasGroupLinks([Buffer.from(toCsv([header, ...rows]))]);
    expect(result.errors).toEqual([{ line: 3, reason: 'URN "10000X" is not a whole number' }]);
    expect(result.records.map((l) => l.urn)).toEqual([100000, 100002]);
  });
});

describe('codes', () => {
  it('normalises numeric codes without leading zeros', () => {
    expect(normaliseCode('06')).toBe('6');
    expect(normaliseCode(' 6 ')).toBe('6');
    expect(normaliseCode('0')).toBe('0');
    expect(normaliseCode('00')).toBe('0');
    expect(normaliseCode('OPEN')).toBe('OPEN');
    expect(normaliseCode('E09000001')).toBe('E09000001');
    expect(normaliseCode('')).toBeNull();
    expect(normaliseGroupUid('02044')).toBe('2044');
  });

  it('gives Companies House numbers a comparison key with the leading zeros GIAS drops', () => {
    expect(companiesHouseNumberKey('7318714')).toBe('07318714');
    expect(companiesHouseNumberKey('07318714')).toBe('07318714');
    expect(companiesHouseNumberKey('sc123456')).toBe('SC123456');
    expect(companiesHouseNumberKey(' ')).toBeNull();
  });
});
