import { describe, expect, it } from '@jest/globals';
import { CsvFileError, importCsv, importCsvSync, type CsvImportResult, type CsvSource } from '@trustwide/common';
import { chunked, streamOf, toCsv, windows1252 } from '../testing/csv-fixtures.test-helpers';
import { areInspectionsComparable, compareGrades, normaliseCategoryOfConcern, type ParsedInspection } from './inspections';
import { createOfstedImport, detectOfstedLayout, type OfstedImportSpec } from './ofsted-mi';

// The file read through the importer's own spec (what it streams in production): the layout it
// recognised, and the inspections of all rows (a row may give none, one or two).
const flatten = (result: CsvImportResult<ParsedInspection[]>, spec: OfstedImportSpec) => ({
  ...result,
  layout: spec.layout,
  inspections: result.records.flat(),
});
function parseOfstedInspections(input: Uint8Array | string) {
  const spec = createOfstedImport();
  return flatten(importCsvSync(input, spec), spec);
}
async function importOfstedInspections(source: CsvSource) {
  const spec = createOfstedImport();
  return flatten(await importCsv(source, spec), spec);
}

// Headers as Ofsted publishes them (see /work/shared/data/ofsted-mi-headers.md).
const LEGACY_HEADER = [
  'Web link',
  'URN',
  'LAESTAB',
  'School name',
  'Ofsted phase',
  'Type of education',
  'Inspection number',
  'Inspection type',
  'Inspection start date',
  'Publication date',
  'Overall effectiveness',
  'Category of concern',
  'Quality of education',
  'Behaviour and attitudes',
  'Personal development',
  'Effectiveness of leadership and management',
  'Safeguarding is effective?',
  'Early years provision (where applicable)',
  'Sixth form provision (where applicable)',
  'Previous inspection number',
];

const D1_HEADER = [
  'Web Link (opens in new window)',
  'URN',
  'LAESTAB',
  'School name',
  'Ofsted phase',
  'Type of education',
  'School open date',
  'Admissions policy',
  'Sixth form',
  'Designated religious character',
  'Religious ethos',
  'Faith grouping',
  'Ofsted region',
  'Region',
  'Local authority',
  'Parliamentary constituency',
  'Postcode',
  'Multi-academy trust UID',
  'Multi-academy trust name',
  'Academy sponsor UID',
  'Academy Sponsor Name',
  'The income deprivation affecting children index (IDACI) quintile',
  'Total number of pupils',
  'Statutory lowest age',
  'Statutory highest age',
  'Inspection number',
  'Inspection type',
  'Inspection type grouping',
  'Event type grouping',
  'Inspection start date',
  'Publication date',
  'Outcomes for legacy monitoring inspections',
  'Category of concern',
  'Safeguarding standards',
  'Inclusion',
  'Curriculum and teaching',
  'Achievement',
  'Attendance and behaviour',
  'Personal development and wellbeing',
  'Early years (where applicable)',
  'Post-16 provision (where applicable)',
  'Leadership and governance',
];

const D2_HEADER = [
  'Web Link (opens in new window)',
  'URN',
  'LAESTAB',
  'School name',
  'Ofsted phase',
  'Type of education',
  'Postcode',
  'Multi-academy trust UID',
  'Multi-academy trust name',
  'Total number of pupils',
  'Inspection number of latest full inspection',
  'Inspection type',
  'Inspection type grouping',
  'Event type grouping',
  'Inspection start date',
  'Publication date',
  'Does the latest full inspection relate to the URN of the current school?',
  'URN at time of latest full inspection',
  'Category of concern',
  'Safeguarding standards',
  'Safeguarding standards - date of grade',
  'Inclusion',
  'Inclusion - date of grade',
  'Curriculum and teaching',
  'Curriculum and teaching - date of grade',
  'Achievement',
  'Achievement - date of grade',
  'Attendance and behaviour',
  'Attendance and behaviour - date of grade',
  'Personal development and wellbeing',
  'Personal development and wellbeing - date of grade',
  'Early years (where applicable)',
  'Early years - date of grade',
  'Post-16 provision (where applicable)',
  'Post-16 provision - date of grade',
  'Leadership and governance',
  'Leadership and governance - date of grade',
  'Inspection number of latest OEIF graded inspection',
  'Inspection type of latest OEIF graded inspection',
  'Inspection type grouping of latest OEIF graded inspection',
  'Event type grouping of latest OEIF graded inspection',
  'Inspection start date of latest OEIF graded inspection',
  'Publication date of latest OEIF graded inspection',
  'Does the latest OEIF graded inspection relate to the URN of the current school?',
  'URN at time of latest OEIF graded inspection',
  'Latest OEIF category of concern',
  'Latest OEIF overall effectiveness',
  'Latest OEIF quality of education',
  'Latest OEIF behaviour and attitudes',
  'Latest OEIF personal development',
  'Latest OEIF effectiveness of leadership and management',
  'Latest OEIF  safeguarding is effective?',
  'Latest OEIF early years provision (where applicable)',
  'Latest OEIF sixth form provision (where applicable)',
  'Latest ungraded inspection number',
  'Date of latest ungraded inspection',
  'Ungraded inspection publication date',
  'Ungraded inspection overall outcome',
  'Most recent category of concern',
];

/** A row for `header` with the given cells (others empty); fails on a column the header lacks. */
function row(header: readonly string[], cells: Record<string, string>): string[] {
  const out = header.map(() => '');
  for (const [name, value] of Object.entries(cells)) {
    const i = header.indexOf(name);
    if (i === -1) throw new Error(`fixture: no column "${name}"`);
    out[i] = value;
  }
  return out;
}

describe('detectOfstedLayout', () => {
  it('recognises the three layouts from their headers', () => {
    expect(detectOfstedLayout(LEGACY_HEADER)).toBe('oeif');
    expect(detectOfstedLayout(D1_HEADER)).toBe('report-card');
    expect(detectOfstedLayout(D2_HEADER)).toBe('most-recent');
    expect(detectOfstedLayout(['URN', 'EstablishmentName'])).toBeNull();
  });
});

describe('legacy OEIF file', () => {
  const base = { 'School name': 'Example School', 'Inspection type': 'S5 Inspection' };
  const csv = toCsv([
    LEGACY_HEADER,
    row(LEGACY_HEADER, {
      ...base,
      URN: '100000',
      'Inspection number': '10293847',
      'Inspection start date': '12/03/2024',
      'Publication date': '18/04/2024',
      'Overall effectiveness': '2',
      'Category of concern': 'NULL',
      'Quality of education': '2',
      'Behaviour and attitudes': '1',
      'Personal development': '2',
      'Effectiveness of leadership and management': '2',
      'Safeguarding is effective?': 'Yes',
      'Early years provision (where applicable)': '2',
      'Sixth form provision (where applicable)': 'NULL',
    }),
    row(LEGACY_HEADER, {
      ...base,
      URN: '100001',
      'Inspection number': '10300001',
      'Inspection start date': '05/02/2023',
      'Publication date': '20/03/2023',
      'Overall effectiveness': '4',
      'Category of concern': 'SM',
      'Quality of education': '4',
      'Behaviour and attitudes': '3',
      'Personal development': '3',
      'Effectiveness of leadership and management': '4',
      'Safeguarding is effective?': 'No',
      'Early years provision (where applicable)': '9',
    }),
    row(LEGACY_HEADER, {
      ...base,
      URN: '100002',
      'Inspection number': '10300002',
      'Inspection type': 'S8 Inspection',
      'Inspection start date': '01/10/2024',
      'Overall effectiveness': 'NULL',
      'Safeguarding is effective?': 'Yes',
    }),
    row(LEGACY_HEADER, {
      ...base,
      URN: '100003',
      'Inspection number': '10300003',
      'Inspection start date': '2022-06-14',
      'Overall effectiveness': 'Not judged',
      'Category of concern': 'Serious weaknesses',
      'Quality of education': 'Requires improvement',
    }),
    row(LEGACY_HEADER, {
      ...base,
      URN: '100004',
      'Inspection number': '1',
      'Inspection start date': '01/01/2024',
      'Overall effectiveness': '5',
    }),
    row(LEGACY_HEADER, { ...base, URN: '100005', 'Inspection number': '10300005', 'Overall effectiveness': '2' }),
    row(LEGACY_HEADER, { ...base, URN: 'URN?', 'Inspection number': '10300006', 'Inspection start date': '01/01/2024' }),
    row(LEGACY_HEADER, {
      ...base,
      URN: '100007',
      'Inspection number': '2',
      'Inspection start date': '01/01/2024',
      'Safeguarding is effective?': 'Maybe',
    }),
  ]);
  const result = parseOfstedInspections(csv);

  it('is recognised as OEIF and maps a graded inspection with its sub-judgements', () => {
    expect(result.layout).toBe('oeif');
    expect(result.inspections[0]).toEqual({
      framework: 'oeif',
      urn: 100000,
      inspectionNumber: '10293847',
      inspectionType: 'S5 Inspection',
      startDate: '2024-03-12',
      publicationDate: '2024-04-18',
      overallEffectiveness: 2,
      categoryOfConcern: null,
      safeguarding: 'effective',
      judgements: [
        { area: 'quality-of-education', grade: '2' },
        { area: 'behaviour-and-attitudes', grade: '1' },
        { area: 'personal-development', grade: '2' },
        { area: 'leadership-and-management', grade: '2' },
        { area: 'early-years', grade: '2' },
      ],
    });
  });

  it('maps an inadequate school in special measures whose safeguarding is not effective', () => {
    expect(result.inspections[1]).toMatchObject({
      urn: 100001,
      overallEffectiveness: 4,
      categoryOfConcern: 'special-measures',
      safeguarding: 'not-effective',
      judgements: [
        { area: 'quality-of-education', grade: '4' },
        { area: 'behaviour-and-attitudes', grade: '3' },
        { area: 'personal-development', grade: '3' },
        { area: 'leadership-and-management', grade: '4' },
      ],
    });
  });

  it('maps ungraded and "Not judged" inspections with no overall grade, and grade names to numbers', () => {
    expect(result.inspections[2]).toMatchObject({
      urn: 100002,
      inspectionType: 'S8 Inspection',
      overallEffectiveness: null,
      judgements: [],
    });
    expect(result.inspections[3]).toMatchObject({
      urn: 100003,
      startDate: '2022-06-14',
      overallEffectiveness: null,
      categoryOfConcern: 'serious-weaknesses',
      judgements: [{ area: 'quality-of-education', grade: '3' }],
    });
  });

  it('reports bad rows with their line and URN, and keeps the others', () => {
    expect(result.errors).toEqual([
      { line: 6, urn: 100004, reason: 'Overall effectiveness "5" is not an OEIF grade (1 to 4)' },
      { line: 7, urn: 100005, reason: 'Inspection start date is empty for inspection 10300005: an inspection needs its start date' },
      { line: 8, reason: 'URN "URN?" is not a whole number' },
      { line: 9, urn: 100007, reason: 'Safeguarding is effective? "Maybe" is not Yes or No' },
    ]);
    expect(result.inspections.map((i) => i.urn)).toEqual([100000, 100001, 100002, 100003]);
    expect(result.rowsRead).toBe(8);
  });
});

describe('report-card file (D1, since 10 November 2025)', () => {
  const cells = (urn: string, extra: Record<string, string>) =>
    row(D1_HEADER, {
      URN: urn,
      'School name': 'École St Mary’s',
      'Inspection number': `2000${urn.slice(-2)}`,
      'Inspection type': 'Full inspection',
      'Inspection start date': '02/12/2025',
      'Publication date': '20/01/2026',
      ...extra,
    });
  const text = toCsv([
    D1_HEADER,
    cells('100010', {
      'Safeguarding standards': 'Met',
      Inclusion: 'Strong standard',
      'Curriculum and teaching': 'Expected standard',
      Achievement: 'Needs attention',
      'Attendance and behaviour': 'Exceptional',
      'Personal development and wellbeing': 'Strong standard',
      'Early years (where applicable)': 'Not applicable',
      'Post-16 provision (where applicable)': 'NULL',
      'Leadership and governance': 'Expected standard',
    }),
    cells('100011', {
      'Category of concern': 'Requires significant improvement',
      'Safeguarding standards': 'Not met',
      Inclusion: 'Urgent improvement',
      'Leadership and governance': 'Urgent improvement',
      'Post-16 provision (where applicable)': 'Needs attention',
    }),
    cells('100012', { 'Safeguarding standards': 'Met', Achievement: 'Good' }),
    cells('100013', { 'Safeguarding standards': 'Partly' }),
  ]);

  it('is recognised and maps per-area grades, read as Windows-1252 as Ofsted publishes', () => {
    const result = parseOfstedInspections(windows1252(text));
    expect(result.encoding).toBe('windows-1252');
    expect(result.layout).toBe('report-card');
    expect(result.inspections[0]).toEqual({
      framework: 'report-card',
      urn: 100010,
      inspectionNumber: '200010',
      inspectionType: 'Full inspection',
      startDate: '2025-12-02',
      publicationDate: '2026-01-20',
      overallEffectiveness: null,
      categoryOfConcern: null,
      safeguarding: 'met',
      judgements: [
        { area: 'inclusion', grade: 'strong-standard' },
        { area: 'curriculum-and-teaching', grade: 'expected-standard' },
        { area: 'achievement', grade: 'needs-attention' },
        { area: 'attendance-and-behaviour', grade: 'exceptional' },
        { area: 'personal-development-and-wellbeing', grade: 'strong-standard' },
        { area: 'leadership-and-governance', grade: 'expected-standard' },
      ],
    });
  });

  it('maps safeguarding not met, a category of concern and post-16', () => {
    const result = parseOfstedInspections(text);
    expect(result.inspections[1]).toMatchObject({
      urn: 100011,
      categoryOfConcern: 'requires-significant-improvement',
      safeguarding: 'not-met',
      judgements: [
        { area: 'inclusion', grade: 'urgent-improvement' },
        { area: 'post-16', grade: 'needs-attention' },
        { area: 'leadership-and-governance', grade: 'urgent-improvement' },
      ],
    });
  });

  it('never reads an OEIF word as a report-card grade', () => {
    const result = parseOfstedInspections(text);
    expect(result.errors).toEqual([
      {
        line: 4,
        urn: 100012,
        reason:
          'Achievement "Good" is not a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement)',
      },
      { line: 5, urn: 100013, reason: 'Safeguarding standards "Partly" is not Met or Not met' },
    ]);
  });

  it('gives the same result streamed', async () => {
    const streamed = await importOfstedInspections(streamOf(chunked(windows1252(text), 50)));
    expect(streamed.inspections).toEqual(parseOfstedInspections(windows1252(text)).inspections);
    expect(streamed.layout).toBe('report-card');
  });

  it('rejects a report-card file without its inspection start date column', () => {
    const header = D1_HEADER.filter((h) => h !== 'Inspection start date');
    expect(() => parseOfstedInspections(toCsv([header]))).toThrow(/required column "Inspection start date"/);
  });
});

describe('most recent inspections file (D2)', () => {
  const school = { 'School name': 'Example Academy', 'Multi-academy trust UID': '2044' };
  const text = toCsv([
    D2_HEADER,
    // inspected under both frameworks: a report card and the latest OEIF graded inspection
    row(D2_HEADER, {
      ...school,
      URN: '100020',
      'Inspection number of latest full inspection': '20001',
      'Inspection type': 'Full inspection',
      'Inspection start date': '13/01/2026',
      'Publication date': '24/02/2026',
      'Safeguarding standards': 'Met',
      'Safeguarding standards - date of grade': '13/01/2026',
      Inclusion: 'Expected standard',
      'Curriculum and teaching': 'Needs attention',
      'Curriculum and teaching - date of grade': '13/01/2026',
      'Inspection number of latest OEIF graded inspection': '10250001',
      'Inspection type of latest OEIF graded inspection': 'S5 Inspection',
      'Inspection start date of latest OEIF graded inspection': '07/11/2022',
      'Publication date of latest OEIF graded inspection': '12/12/2022',
      'Latest OEIF category of concern': 'NULL',
      'Latest OEIF overall effectiveness': '3',
      'Latest OEIF quality of education': '3',
      'Latest OEIF behaviour and attitudes': '2',
      'Latest OEIF personal development': '2',
      'Latest OEIF effectiveness of leadership and management': '3',
      'Latest OEIF  safeguarding is effective?': 'Yes',
      'Latest OEIF sixth form provision (where applicable)': '2',
    }),
    // not yet inspected under report cards
    row(D2_HEADER, {
      ...school,
      URN: '100021',
      'Inspection number of latest OEIF graded inspection': '10250002',
      'Inspection start date of latest OEIF graded inspection': '15/03/2023',
      'Latest OEIF category of concern': 'SWK',
      'Latest OEIF overall effectiveness': '4',
      'Latest OEIF  safeguarding is effective?': 'No',
    }),
    // never inspected (a new school)
    row(D2_HEADER, { ...school, URN: '100022' }),
    // the report-card block repeating the OEIF inspection is not a report card
    row(D2_HEADER, {
      ...school,
      URN: '100023',
      'Inspection number of latest full inspection': '10250003',
      'Inspection start date': '01/02/2024',
      'Inspection number of latest OEIF graded inspection': '10250003',
      'Inspection start date of latest OEIF graded inspection': '01/02/2024',
      'Latest OEIF overall effectiveness': '1',
    }),
    // an OEIF grade but no date
    row(D2_HEADER, {
      ...school,
      URN: '100024',
      'Inspection number of latest OEIF graded inspection': '10250004',
      'Latest OEIF overall effectiveness': '2',
    }),
  ]);
  const result = parseOfstedInspections(text);

  it('is recognised despite the double space in "Latest OEIF  safeguarding is effective?"', () => {
    expect(result.layout).toBe('most-recent');
    expect(result.header.missingRequired).toEqual([]);
    expect(result.header.column).toMatchObject({ oeifSafeguarding: 'Latest OEIF  safeguarding is effective?' });
  });

  it('gives two inspections for a school inspected under both frameworks, each on its own scale', () => {
    const mine = result.inspections.filter((i) => i.urn === 100020);
    expect(mine).toEqual([
      {
        framework: 'report-card',
        urn: 100020,
        inspectionNumber: '20001',
        inspectionType: 'Full inspection',
        startDate: '2026-01-13',
        publicationDate: '2026-02-24',
        overallEffectiveness: null,
        categoryOfConcern: null,
        safeguarding: 'met',
        judgements: [
          { area: 'inclusion', grade: 'expected-standard' },
          { area: 'curriculum-and-teaching', grade: 'needs-attention' },
        ],
      },
      {
        framework: 'oeif',
        urn: 100020,
        inspectionNumber: '10250001',
        inspectionType: 'S5 Inspection',
        startDate: '2022-11-07',
        publicationDate: '2022-12-12',
        overallEffectiveness: 3,
        categoryOfConcern: null,
        safeguarding: 'effective',
        judgements: [
          { area: 'quality-of-education', grade: '3' },
          { area: 'behaviour-and-attitudes', grade: '2' },
          { area: 'personal-development', grade: '2' },
          { area: 'leadership-and-management', grade: '3' },
          { area: 'sixth-form', grade: '2' },
        ],
      },
    ]);
    expect(areInspectionsComparable(mine[0], mine[1])).toBe(false);
  });

  it('gives only the OEIF inspection of a school without a report card, and nothing for a school never inspected', () => {
    expect(result.inspections.filter((i) => i.urn === 100021)).toEqual([
      expect.objectContaining({
        framework: 'oeif',
        overallEffectiveness: 4,
        categoryOfConcern: 'serious-weaknesses',
        safeguarding: 'not-effective',
      }),
    ]);
    expect(result.inspections.filter((i) => i.urn === 100022)).toEqual([]);
  });

  it('does not take an OEIF inspection repeated in the report-card block for a report card', () => {
    expect(result.inspections.filter((i) => i.urn === 100023).map((i) => [i.framework, i.overallEffectiveness])).toEqual([['oeif', 1]]);
  });

  it('reports an OEIF block without a start date', () => {
    expect(result.errors).toEqual([
      {
        line: 6,
        urn: 100024,
        reason:
          'Inspection start date of latest OEIF graded inspection is empty for inspection 10250004: an inspection needs its start date',
      },
    ]);
    expect(result.rowsRead).toBe(5);
  });
});

describe('Ofsted files: rejections and header search', () => {
  it('rejects a file of another kind with a clear message', () => {
    expect(() =>
      parseOfstedInspections(
        toCsv([
          ['URN', 'EstablishmentName'],
          ['100000', 'x'],
        ]),
      ),
    ).toThrow(/does not look like an Ofsted inspections management information file/);
  });

  it('rejects an OEIF file without URNs', () => {
    const header = LEGACY_HEADER.filter((h) => h !== 'URN');
    expect(() => parseOfstedInspections(toCsv([header]))).toThrow(CsvFileError);
  });

  it('finds the header under a title line, as some Ofsted files have', () => {
    const result = parseOfstedInspections(
      toCsv([
        ['Management information - state-funded schools - as at 31 January 2026'],
        LEGACY_HEADER,
        row(LEGACY_HEADER, {
          URN: '100000',
          'Inspection number': '1',
          'Inspection start date': '01/01/2024',
          'Overall effectiveness': '1',
        }),
      ]),
    );
    expect(result.errors).toEqual([]);
    expect(result.inspections).toEqual([expect.objectContaining({ urn: 100000, overallEffectiveness: 1 })]);
  });
});

describe('framework handling', () => {
  const oeif = { framework: 'oeif' } as ParsedInspection;
  const card = { framework: 'report-card' } as ParsedInspection;

  it('says inspections are comparable only within one framework', () => {
    expect(areInspectionsComparable(oeif, oeif)).toBe(true);
    expect(areInspectionsComparable(card, card)).toBe(true);
    expect(areInspectionsComparable(oeif, card)).toBe(false);
  });

  it('orders grades within a framework, best first', () => {
    expect(compareGrades('oeif', '1', '3')).toBeLessThan(0);
    expect(compareGrades('oeif', '4', '2')).toBeGreaterThan(0);
    expect(compareGrades('report-card', 'exceptional', 'needs-attention')).toBeLessThan(0);
    expect(compareGrades('report-card', 'urgent-improvement', 'expected-standard')).toBeGreaterThan(0);
    expect(compareGrades('report-card', 'strong-standard', 'strong-standard')).toBe(0);
  });

  it('refuses to put grades of different frameworks on one scale', () => {
    expect(() => compareGrades('oeif', '2', 'strong-standard')).toThrow('"strong-standard" is not a grade of the oeif framework');
    expect(() => compareGrades('report-card', '3', 'needs-attention')).toThrow('"3" is not a grade of the report-card framework');
  });

  it('normalises categories of concern', () => {
    expect(normaliseCategoryOfConcern('SM')).toBe('special-measures');
    expect(normaliseCategoryOfConcern('Special Measures')).toBe('special-measures');
    expect(normaliseCategoryOfConcern('SWK')).toBe('serious-weaknesses');
    expect(normaliseCategoryOfConcern('RSI')).toBe('requires-significant-improvement');
    expect(normaliseCategoryOfConcern('NULL')).toBeNull();
    expect(normaliseCategoryOfConcern('')).toBeNull();
    expect(normaliseCategoryOfConcern(null)).toBeNull();
    expect(normaliseCategoryOfConcern('Notice to improve')).toBe('Notice to improve');
  });
});
