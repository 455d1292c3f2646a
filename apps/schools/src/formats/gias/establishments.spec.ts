import { describe, expect, it } from '@jest/globals';
import { CsvFileError, importCsv, importCsvSync } from '@trustwide/common';
import { chunked, sampleFile, sampleTable, streamOf, toCsv, windows1252 } from '../testing/csv-fixtures.test-helpers';
import { giasEstablishmentsImport, joinRouteOf, schoolPhaseOf, type GiasEstablishment } from './establishments';

import type { CsvImportOptions, CsvSource } from '@trustwide/common';

// The file read through the importer's own spec (what it streams in production), whole or streamed.
const parseGiasEstablishments = (input: Uint8Array | string) => importCsvSync(input, giasEstablishmentsImport);
const importGiasEstablishments = (source: CsvSource, options?: CsvImportOptions) => importCsv(source, giasEstablishmentsImport, options);

const SAMPLE = 'edubasealldata-sample-99.csv';
const sample = sampleTable(SAMPLE);

/** A copy of the sample's header and rows with some values changed, as a new release or a user's edit would have. */
function variant(edit: (header: string[], rows: string[][]) => void, rowCount = 5): { header: string[]; rows: string[][] } {
  const header = [...sample.header];
  const rows = sample.rows.slice(0, rowCount).map((r) => [...r]);
  edit(header, rows);
  return { header, rows };
}

function col(header: string[], name: string): number {
  const i = header.indexOf(name);
  if (i === -1) throw new Error(`no column ${name}`);
  return i;
}

function dropColumns(header: string[], rows: string[][], names: string[]): void {
  const drop = new Set(names.map((n) => col(header, n)));
  const keep = (cells: string[]) => cells.filter((_, i) => !drop.has(i));
  header.splice(0, header.length, ...keep(header));
  for (const row of rows) row.splice(0, row.length, ...keep(row));
}

function byUrn(records: GiasEstablishment[], urn: number): GiasEstablishment {
  const found = records.find((r) => r.urn === urn);
  if (!found) throw new Error(`no establishment ${urn}`);
  return found;
}

describe('GIAS establishments: the real sample extract', () => {
  const result = parseGiasEstablishments(sampleFile(SAMPLE));

  it('imports every row with no errors', () => {
    expect(result.rowsRead).toBe(99);
    expect(result.records).toHaveLength(99);
    expect(result.errors).toEqual([]);
    expect(result.encoding).toBe('utf-8');
    expect(result.header.missingRequired).toEqual([]);
    expect(result.header.absentOptional).toEqual([]);
    expect(result.header.width).toBe(sample.header.length);
  });

  it('maps a maintained primary school with codes and names', () => {
    expect(byUrn(result.records, 100000)).toEqual({
      urn: 100000,
      name: 'The Aldgate School',
      phase: 'primary',
      phaseOfEducation: 'Primary',
      phaseOfEducationCode: '2',
      establishmentType: 'Voluntary aided school',
      establishmentTypeCode: '2',
      establishmentTypeGroup: 'Local authority maintained schools',
      establishmentTypeGroupCode: '4',
      status: 'Open',
      statusCode: '1',
      reasonOpened: 'Not applicable',
      reasonOpenedCode: '0',
      reasonClosed: 'Not applicable',
      reasonClosedCode: '0',
      localAuthorityCode: '201',
      localAuthority: 'City of London',
      street: "St James's Passage",
      town: 'London',
      postcode: 'EC3A 5DE',
      easting: 533498,
      northing: 181201,
      pupilsOnRoll: 276,
      capacity: 276,
      lowAge: 3,
      highAge: 11,
      openedOn: null,
      closedOn: null,
      trustGroupUid: null,
      trustName: null,
      joinRoute: null,
      ofstedRating: 'Outstanding',
      ofstedLastInspectedOn: '2013-04-19',
      ukprn: '10079319',
    });
  });

  it('gives pupil referral units the alternative-provision phase, although GIAS says "Not applicable"', () => {
    expect(byUrn(result.records, 100006)).toMatchObject({ phase: 'alternative-provision', phaseOfEducation: 'Not applicable' });
    expect(byUrn(result.records, 100007)).toMatchObject({
      name: 'Camden Primary Pupil Referral Unit',
      phase: 'alternative-provision',
      pupilsOnRoll: 18,
      capacity: 20,
    });
  });

  it('maps nursery schools, independent and Welsh establishments', () => {
    expect(byUrn(result.records, 100005).phase).toBe('nursery');
    expect(byUrn(result.records, 100001)).toMatchObject({ phase: 'not-applicable', openedOn: '1920-01-01' });
    expect(byUrn(result.records, 402406)).toMatchObject({
      name: 'Ysgol Cybi',
      phase: 'not-applicable',
      establishmentType: 'Welsh establishment',
      town: 'Caergybi',
      openedOn: '2017-09-01',
      easting: null,
    });
  });

  it('reads open and close dates of closed schools', () => {
    expect(byUrn(result.records, 100037)).toMatchObject({ status: 'Closed', openedOn: '1900-01-01', closedOn: '2019-12-31' });
    expect(byUrn(result.records, 402428)).toMatchObject({ openedOn: '2018-05-31', closedOn: '2020-08-05' });
    expect(byUrn(result.records, 100012)).toMatchObject({ status: 'Open, but proposed to close', closedOn: '2021-08-31' });
  });

  it('keeps quoted names with commas whole', () => {
    expect(byUrn(result.records, 100028).name).toBe('Christ Church Primary School, Hampstead');
  });

  it('gives the same result streamed in small chunks, with progress', async () => {
    const progress: number[] = [];
    const streamed = await importGiasEstablishments(streamOf(chunked(sampleFile(SAMPLE), 997)), {
      onProgress: (p) => progress.push(p.bytesRead),
    });
    expect(streamed.records).toEqual(result.records);
    expect(streamed.errors).toEqual([]);
    expect(progress[progress.length - 1]).toBe(sampleFile(SAMPLE).length);
  });
});

describe('GIAS establishments: crafted variants', () => {
  it('reads a Windows-1252 file (0x92 apostrophe, 0xE9 é)', () => {
    const { header, rows } = variant((h, r) => {
      r[0][col(h, 'EstablishmentName')] = 'St Mary’s Catholic Primary School';
      r[1][col(h, 'Town')] = 'Sainte-Hélène';
    });
    const bytes = windows1252(toCsv([header, ...rows]));
    expect(bytes.includes(0x92)).toBe(true);
    expect(bytes.includes(0xe9)).toBe(true);
    const result = parseGiasEstablishments(bytes);
    expect(result.encoding).toBe('windows-1252');
    expect(result.errors).toEqual([]);
    expect(result.records[0].name).toBe('St Mary’s Catholic Primary School');
    expect(result.records[1].town).toBe('Sainte-Hélène');
  });

  it('reads the same Windows-1252 file streamed', async () => {
    const { header, rows } = variant((h, r) => {
      r[4][col(h, 'EstablishmentName')] = 'École St Mary’s';
    });
    const result = await importGiasEstablishments(streamOf(chunked(windows1252(toCsv([header, ...rows])), 100)));
    expect(result.encoding).toBe('windows-1252');
    expect(result.records[4].name).toBe('École St Mary’s');
  });

  it('reads quoted fields with commas, quotes and line breaks, and keeps counting lines', () => {
    const { header, rows } = variant((h, r) => {
      r[0][col(h, 'EstablishmentName')] = 'Art, Design and "Performing" Arts Academy';
      r[0][col(h, 'Street')] = 'Unit 4,\r\nThe Old Mill';
      r[2][col(h, 'URN')] = 'bad';
    });
    const result = parseGiasEstablishments(toCsv([header, ...rows]));
    expect(result.records[0]).toMatchObject({ name: 'Art, Design and "Performing" Arts Academy', street: 'Unit 4,\r\nThe Old Mill' });
    // row 3 starts on line 5 because row 1 spans two lines
    expect(result.errors).toEqual([{ line: 5, reason: 'URN "bad" is not a whole number' }]);
  });

  it('tolerates renamed columns', () => {
    const { header, rows } = variant((h) => {
      h[col(h, 'EstablishmentName')] = 'Establishment Name';
      h[col(h, 'NumberOfPupils')] = 'Number of pupils';
      h[col(h, 'PhaseOfEducation (name)')] = 'Phase of education (name)';
      h[col(h, 'Trusts (code)')] = 'Trusts code';
    });
    const result = parseGiasEstablishments(toCsv([header, ...rows]));
    expect(result.errors).toEqual([]);
    expect(result.header.column.name).toBe('Establishment Name');
    expect(result.records[0]).toMatchObject({ name: 'The Aldgate School', pupilsOnRoll: 276, phase: 'primary' });
  });

  it('tolerates vanished optional columns, reading them as null', () => {
    const { header, rows } = variant((h, r) => dropColumns(h, r, ['OfstedRating (name)', 'Easting', 'Trusts (code)']));
    const result = parseGiasEstablishments(toCsv([header, ...rows]));
    expect(result.errors).toEqual([]);
    expect(result.header.absentOptional).toEqual(['easting', 'trustGroupUid', 'ofstedRating']);
    expect(result.records[0]).toMatchObject({ urn: 100000, easting: null, northing: 181201, ofstedRating: null });
  });

  it('rejects the whole file when the URN column is missing', () => {
    const { header, rows } = variant((h, r) => dropColumns(h, r, ['URN']));
    const parse = () => parseGiasEstablishments(toCsv([header, ...rows]));
    expect(parse).toThrow(CsvFileError);
    expect(parse).toThrow(
      'This does not look like a complete GIAS establishments file: the required column "URN" (also accepted: "Unique Reference Number") is missing from the header row.',
    );
  });

  it('rejects a streamed file with a missing required column before yielding anything', async () => {
    const { header, rows } = variant((h, r) => dropColumns(h, r, ['URN', 'EstablishmentName']));
    await expect(importGiasEstablishments(streamOf([Buffer.from(toCsv([header, ...rows]))]))).rejects.toThrow(
      /required columns "URN".*"EstablishmentName".*are missing/,
    );
  });

  it('rejects an empty file', () => {
    expect(() => parseGiasEstablishments('')).toThrow('The GIAS establishments file is empty.');
  });

  it('skips malformed rows, reporting their line (and URN when readable), and imports the rest', () => {
    const { header, rows } = variant((h, r) => {
      r[0][col(h, 'NumberOfPupils')] = 'many';
      r[1][col(h, 'URN')] = '12';
      r[2][col(h, 'OpenDate')] = '31-02-2018';
      r[3].pop(); // a row cut short
      r[5][col(h, 'EstablishmentName')] = '';
      r[6][col(h, 'PhaseOfEducation (name)')] = 'Kindergarten'; // a pupil referral unit: its type decides, so no error
      r[8][col(h, 'PhaseOfEducation (name)')] = 'Kindergarten';
    }, 9);
    const result = parseGiasEstablishments(toCsv([header, ...rows]));
    expect(result.errors).toEqual([
      { line: 2, urn: 100000, reason: 'NumberOfPupils "many" is not a whole number' },
      { line: 3, reason: 'URN 12 is below 100000' },
      { line: 4, urn: 100002, reason: 'OpenDate: "31-02-2018" is not a real date: February 2018 has no day 31' },
      {
        line: 5,
        urn: 100003,
        reason: `the row has ${header.length - 1} values but the header has ${header.length} columns (a stray comma or quote?)`,
      },
      { line: 7, urn: 100005, reason: 'EstablishmentName is empty' },
      { line: 10, urn: 100008, reason: 'PhaseOfEducation (name) "Kindergarten" is not a known phase of education' },
    ]);
    expect(result.records.map((r) => r.urn)).toEqual([100004, 100006, 100007]);
    expect(result.rowsRead).toBe(9);
  });

  it('finds the header below a title line', () => {
    const { header, rows } = variant(() => undefined, 2);
    const result = parseGiasEstablishments(toCsv([['Get Information about Schools extract, 22 April 2025'], header, ...rows]));
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.urn)).toEqual([100000, 100001]);
  });

  it('reads trust membership and the academy route', () => {
    const { header, rows } = variant((h, r) => {
      r[0][col(h, 'Trusts (code)')] = '02044';
      r[0][col(h, 'Trusts (name)')] = 'ABBEY MULTI ACADEMY TRUST';
      r[0][col(h, 'TypeOfEstablishment (name)')] = 'Academy sponsor led';
      r[0][col(h, 'TypeOfEstablishment (code)')] = '28';
      r[0][col(h, 'EstablishmentTypeGroup (name)')] = 'Academies';
      r[1][col(h, 'TypeOfEstablishment (name)')] = 'Academy special converter';
      r[1][col(h, 'PhaseOfEducation (name)')] = 'Not applicable';
    }, 2);
    const [sponsored, special] = parseGiasEstablishments(toCsv([header, ...rows])).records;
    expect(sponsored).toMatchObject({
      trustGroupUid: '2044',
      trustName: 'ABBEY MULTI ACADEMY TRUST',
      joinRoute: 'sponsored',
      phase: 'primary',
    });
    expect(special).toMatchObject({ joinRoute: 'converter', phase: 'special' });
  });
});

describe('schoolPhaseOf', () => {
  it.each([
    ['Nursery', 'nursery'],
    ['Primary', 'primary'],
    ['Middle deemed primary', 'middle'],
    ['Middle deemed secondary', 'middle'],
    ['Secondary', 'secondary'],
    ['All-through', 'all-through'],
    ['16 plus', '16-plus'],
    ['Not applicable', 'not-applicable'],
    ['ALL THROUGH', 'all-through'],
  ])('maps the GIAS phase %s to %s', (gias, phase) => {
    expect(schoolPhaseOf({ phaseOfEducation: gias, establishmentType: 'Academy converter' })).toBe(phase);
  });

  it('makes special schools special whatever their phase', () => {
    expect(
      schoolPhaseOf({
        phaseOfEducation: 'Secondary',
        establishmentTypeGroup: 'Special schools',
        establishmentType: 'Foundation special school',
      }),
    ).toBe('special');
    expect(schoolPhaseOf({ phaseOfEducation: 'All-through', establishmentType: 'Academy special sponsor led' })).toBe('special');
    expect(schoolPhaseOf({ phaseOfEducation: 'Not applicable', establishmentType: 'Free schools special' })).toBe('special');
    expect(schoolPhaseOf({ phaseOfEducation: null, establishmentTypeCode: '44' })).toBe('special');
  });

  it('makes pupil referral units and academy alternative provision alternative-provision', () => {
    expect(schoolPhaseOf({ phaseOfEducation: 'Not applicable', establishmentType: 'Pupil referral unit' })).toBe('alternative-provision');
    expect(schoolPhaseOf({ phaseOfEducation: 'Secondary', establishmentType: 'Academy alternative provision converter' })).toBe(
      'alternative-provision',
    );
    expect(schoolPhaseOf({ phaseOfEducation: 'Primary', establishmentType: 'Academy alternative provision sponsor led' })).toBe(
      'alternative-provision',
    );
    expect(schoolPhaseOf({ phaseOfEducation: 'Not applicable', establishmentType: 'Free schools alternative provision' })).toBe(
      'alternative-provision',
    );
    expect(schoolPhaseOf({ phaseOfEducation: null, establishmentTypeCode: '14' })).toBe('alternative-provision');
  });

  it('falls back to the phase code, and returns null for an unknown phase', () => {
    expect(schoolPhaseOf({ phaseOfEducation: null, phaseOfEducationCode: '04' })).toBe('secondary');
    expect(schoolPhaseOf({ phaseOfEducation: null, phaseOfEducationCode: null })).toBe('not-applicable');
    expect(schoolPhaseOf({ phaseOfEducation: 'Kindergarten' })).toBeNull();
  });
});

describe('joinRouteOf', () => {
  it.each([
    [{ establishmentType: 'Academy converter' }, 'converter'],
    [{ establishmentType: 'Academy 16-19 converter' }, 'converter'],
    [{ establishmentType: 'Academy alternative provision converter' }, 'converter'],
    [{ establishmentType: 'Academy sponsor led' }, 'sponsored'],
    [{ establishmentType: 'Academy 16 to 19 sponsor led' }, 'sponsored'],
    [{ establishmentType: 'Free schools' }, 'free-school'],
    [{ establishmentType: 'Free schools special' }, 'free-school'],
    [{ establishmentType: 'University technical college', establishmentTypeGroup: 'Free Schools' }, 'free-school'],
    [{ establishmentType: 'Studio schools' }, 'free-school'],
    [{ establishmentType: 'Community school' }, null],
    [{ establishmentType: 'Academy secure 16 to 19' }, null],
    [{ establishmentType: null, reasonOpened: 'Academy Converter' }, 'converter'],
    [{ establishmentType: null, reasonOpened: 'Academy Sponsor Led' }, 'sponsored'],
    [{ establishmentType: null, reasonOpened: 'Academy Free School' }, 'free-school'],
    [{ establishmentType: 'Community school', reasonOpened: 'Result of Amalgamation' }, null],
  ])('%p → %p', (establishment, route) => {
    expect(joinRouteOf(establishment)).toBe(route);
  });
});
