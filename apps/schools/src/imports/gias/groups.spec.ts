import { describe, expect, it } from '@jest/globals';
import { CsvFileError } from '../csv/parser';
import { sampleFile, sampleTable, toCsv, windows1252 } from '../testing/csv-fixtures.test-helpers';
import { companiesHouseNumberKey, normaliseCode, normaliseGroupUid } from './codes';
import { parseGiasEstablishments, type GiasEstablishment } from './establishments';
import { importGiasGroupLinks, parseGiasGroupLinks, parseGiasGroups } from './groups';
import { linkedUrnsWithoutEstablishment, schoolsOfTrust } from './trust-schools';

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

describe('schoolsOfTrust', () => {
  const establishments = parseGiasEstablishments(sampleFile('edubasealldata-sample-99.csv')).records;
  const links = parseGiasGroupLinks(sampleFile('group-links-sample.csv')).records;

  it("finds a trust's schools from the group links, with their join dates", () => {
    const schools = schoolsOfTrust('2044', establishments, links);
    expect(schools.map((s) => [s.establishment.urn, s.joinedOn, s.source])).toEqual([
      [100000, '2010-12-01', 'link'],
      [100001, '2010-12-01', 'link'],
    ]);
    expect(schoolsOfTrust('2070', establishments, links).map((s) => s.establishment.name)).toEqual(['St Paul\'s Cathedral School']);
  });

  it("finds a trust's schools from the establishments' Trusts (code), and says where membership was found", () => {
    const withTrust: GiasEstablishment[] = establishments.map((e) =>
      e.urn === 100001 || e.urn === 100005 ? { ...e, trustGroupUid: '2044', trustName: 'ABBEY TRUST' } : e,
    );
    expect(schoolsOfTrust('2044', withTrust).map((s) => [s.establishment.urn, s.joinedOn, s.source])).toEqual([
      [100001, null, 'establishment'],
      [100005, null, 'establishment'],
    ]);
    expect(schoolsOfTrust('02044', withTrust, links).map((s) => [s.establishment.urn, s.source])).toEqual([
      [100000, 'link'],
      [100001, 'both'],
      [100005, 'establishment'],
    ]);
  });

  it('returns nothing for an unknown or empty group UID', () => {
    expect(schoolsOfTrust('9999', establishments, links)).toEqual([]);
    expect(schoolsOfTrust('', establishments, links)).toEqual([]);
  });

  it('keeps the earliest join date of a school linked twice', () => {
    const twice = [...links, { ...links[0], joinedOn: '2009-01-01' }, { ...links[0], joinedOn: null }];
    expect(schoolsOfTrust('2044', establishments, twice)[0].joinedOn).toBe('2009-01-01');
  });

  it('lists linked URNs that the establishments extract lacks', () => {
    const withoutFirst = establishments.filter((e) => e.urn !== 100000);
    expect(linkedUrnsWithoutEstablishment('2044', withoutFirst, links)).toEqual([100000]);
    expect(linkedUrnsWithoutEstablishment('2044', establishments, links)).toEqual([]);
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
