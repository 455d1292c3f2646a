import {
  defineCsvImport,
  normaliseHeaderName,
  RowProblem,
  type BoundCsvImport,
  type CsvImportSpec,
  type CsvRow,
  type FieldSpecs,
} from '@trustwide/common';
import { readUrn, urnOf } from '../urn';
import type { OeifArea, OeifGrade, ReportCardArea, ReportCardGrade } from '@trustwide/contracts';
import { normaliseCategoryOfConcern, type OeifInspection, type ParsedInspection, type ReportCardInspection } from './inspections';

/**
 * Ofsted "State-funded schools inspections and outcomes: management information" CSVs, in the three
 * layouts Ofsted publishes:
 * - `oeif`: the pre-November-2025 files, one OEIF inspection per row;
 * - `report-card`: D1 "in-year inspections" since 10 November 2025, one report-card inspection per row;
 * - `most-recent`: D2 "most recent inspections", one school per row with its latest report card and,
 *   in a block of "Latest OEIF ..." columns, its latest OEIF graded inspection (so up to two inspections).
 * The layout is recognised from the header.
 */

export type OfstedLayout = 'oeif' | 'report-card' | 'most-recent';

const URN = { headers: ['URN'], required: true } as const;
const PUBLICATION_DATE = { headers: ['Publication date'] } as const;
const INSPECTION_TYPE = { headers: ['Inspection type'] } as const;
const CATEGORY_OF_CONCERN = { headers: ['Category of concern'] } as const;

const REPORT_CARD_AREA_FIELDS = {
  inclusion: { headers: ['Inclusion'] },
  curriculumAndTeaching: { headers: ['Curriculum and teaching'] },
  achievement: { headers: ['Achievement'] },
  attendanceAndBehaviour: { headers: ['Attendance and behaviour'] },
  personalDevelopmentAndWellbeing: { headers: ['Personal development and wellbeing', 'Personal development and well-being'] },
  earlyYears: { headers: ['Early years (where applicable)', 'Early years'] },
  post16: { headers: ['Post-16 provision (where applicable)', 'Post-16 provision', 'Post-16'] },
  leadershipAndGovernance: { headers: ['Leadership and governance'] },
} as const;

const REPORT_CARD_AREA_OF: Readonly<Record<keyof typeof REPORT_CARD_AREA_FIELDS, ReportCardArea>> = {
  inclusion: 'inclusion',
  curriculumAndTeaching: 'curriculum-and-teaching',
  achievement: 'achievement',
  attendanceAndBehaviour: 'attendance-and-behaviour',
  personalDevelopmentAndWellbeing: 'personal-development-and-wellbeing',
  earlyYears: 'early-years',
  post16: 'post-16',
  leadershipAndGovernance: 'leadership-and-governance',
};

export const OFSTED_OEIF_FIELDS = {
  urn: URN,
  inspectionNumber: { headers: ['Inspection number'], required: true },
  inspectionType: INSPECTION_TYPE,
  startDate: { headers: ['Inspection start date', 'First day of inspection'], required: true },
  publicationDate: PUBLICATION_DATE,
  overallEffectiveness: { headers: ['Overall effectiveness'], required: true },
  categoryOfConcern: CATEGORY_OF_CONCERN,
  qualityOfEducation: { headers: ['Quality of education'] },
  behaviourAndAttitudes: { headers: ['Behaviour and attitudes'] },
  personalDevelopment: { headers: ['Personal development'] },
  leadershipAndManagement: { headers: ['Effectiveness of leadership and management'] },
  safeguarding: { headers: ['Safeguarding is effective?', 'Safeguarding is effective'] },
  earlyYears: { headers: ['Early years provision (where applicable)', 'Early years provision'] },
  sixthForm: { headers: ['Sixth form provision (where applicable)', 'Sixth form provision'] },
} as const satisfies FieldSpecs<string>;

export const OFSTED_REPORT_CARD_FIELDS = {
  urn: URN,
  inspectionNumber: { headers: ['Inspection number'], required: true },
  inspectionType: INSPECTION_TYPE,
  startDate: { headers: ['Inspection start date'], required: true },
  publicationDate: PUBLICATION_DATE,
  categoryOfConcern: CATEGORY_OF_CONCERN,
  safeguarding: { headers: ['Safeguarding standards'], required: true },
  ...REPORT_CARD_AREA_FIELDS,
} as const satisfies FieldSpecs<string>;

/** D2: the report-card block as in D1 (but "Inspection number of latest full inspection"), then the OEIF block. */
export const OFSTED_MOST_RECENT_FIELDS = {
  ...OFSTED_REPORT_CARD_FIELDS,
  inspectionNumber: { headers: ['Inspection number of latest full inspection', 'Inspection number'], required: true },
  oeifInspectionNumber: { headers: ['Inspection number of latest OEIF graded inspection'] },
  oeifInspectionType: { headers: ['Inspection type of latest OEIF graded inspection'] },
  oeifStartDate: {
    headers: ['Inspection start date of latest OEIF graded inspection', 'Inspection start date of latest OEIF standard inspection'],
  },
  oeifPublicationDate: {
    headers: ['Publication date of latest OEIF graded inspection', 'Publication date of latest OEIF standard inspection'],
  },
  oeifCategoryOfConcern: { headers: ['Latest OEIF category of concern'] },
  oeifOverallEffectiveness: { headers: ['Latest OEIF overall effectiveness'], required: true },
  oeifQualityOfEducation: { headers: ['Latest OEIF quality of education'] },
  oeifBehaviourAndAttitudes: { headers: ['Latest OEIF behaviour and attitudes'] },
  oeifPersonalDevelopment: { headers: ['Latest OEIF personal development'] },
  oeifLeadershipAndManagement: { headers: ['Latest OEIF effectiveness of leadership and management'] },
  // Ofsted's header has a double space; matching ignores spaces anyway.
  oeifSafeguarding: { headers: ['Latest OEIF  safeguarding is effective?'] },
  oeifEarlyYears: { headers: ['Latest OEIF early years provision (where applicable)'] },
  oeifSixthForm: { headers: ['Latest OEIF sixth form provision (where applicable)'] },
} as const satisfies FieldSpecs<string>;

type OeifField = keyof typeof OFSTED_OEIF_FIELDS;
type ReportCardField = keyof typeof OFSTED_REPORT_CARD_FIELDS;
type MostRecentField = keyof typeof OFSTED_MOST_RECENT_FIELDS;

/** Recognises the layout from the header cells; null when it is none of them. */
export function detectOfstedLayout(header: readonly string[]): OfstedLayout | null {
  const names = new Set(header.map(normaliseHeaderName));
  if (names.has('latestoeifoveralleffectiveness')) return 'most-recent';
  if (names.has('overalleffectiveness')) return 'oeif';
  if (names.has('safeguardingstandards') || names.has('curriculumandteaching')) return 'report-card';
  return null;
}

// ---- cell values --------------------------------------------------------------------------------

function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Cells that mean "no grade" in Ofsted MI ("9" is Ofsted's code for not applicable). */
const NO_GRADE = new Set(['', 'null', 'na', 'notapplicable', 'notjudged', 'notgraded', 'notinspected', '9', 'none']);

const OEIF_GRADE_BY_TEXT: Readonly<Record<string, OeifGrade>> = {
  '1': '1',
  '2': '2',
  '3': '3',
  '4': '4',
  outstanding: '1',
  good: '2',
  requiresimprovement: '3',
  inadequate: '4',
};

const REPORT_CARD_GRADE_BY_TEXT: Readonly<Record<string, ReportCardGrade>> = {
  exceptional: 'exceptional',
  strongstandard: 'strong-standard',
  expectedstandard: 'expected-standard',
  needsattention: 'needs-attention',
  urgentimprovement: 'urgent-improvement',
};

function gradeCell<K extends string, G extends string>(
  row: CsvRow<K>,
  field: K,
  table: Readonly<Record<string, G>>,
  expected: string,
): G | null {
  const text = row.text(field);
  if (text === null || NO_GRADE.has(squash(text))) return null;
  const grade = table[squash(text)];
  if (grade === undefined) throw new RowProblem(`${row.columnName(field)} "${text}" is not ${expected}`);
  return grade;
}

function oeifGrade<K extends string>(row: CsvRow<K>, field: K): OeifGrade | null {
  return gradeCell(row, field, OEIF_GRADE_BY_TEXT, 'an OEIF grade (1 to 4)');
}

function reportCardGrade<K extends string>(row: CsvRow<K>, field: K): ReportCardGrade | null {
  return gradeCell(
    row,
    field,
    REPORT_CARD_GRADE_BY_TEXT,
    'a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention, Urgent improvement)',
  );
}

function oeifSafeguarding<K extends string>(row: CsvRow<K>, field: K): 'effective' | 'not-effective' | null {
  return gradeCell(row, field, { yes: 'effective', no: 'not-effective' } as const, 'Yes or No');
}

function reportCardSafeguarding<K extends string>(row: CsvRow<K>, field: K): 'met' | 'not-met' | null {
  return gradeCell(row, field, { met: 'met', notmet: 'not-met' } as const, 'Met or Not met');
}

function requiredStartDate<K extends string>(row: CsvRow<K>, field: K, numberField: K): string {
  const date = row.date(field);
  if (date === null) {
    const number = row.text(numberField);
    throw new RowProblem(
      `${row.columnName(field)} is empty${number ? ` for inspection ${number}` : ''}: an inspection needs its start date`,
    );
  }
  return date;
}

function judgements<K extends string, A extends string, G extends string>(
  row: CsvRow<K>,
  areas: readonly (readonly [K, A])[],
  read: (row: CsvRow<K>, field: K) => G | null,
): { area: A; grade: G }[] {
  const out: { area: A; grade: G }[] = [];
  for (const [field, area] of areas) {
    const grade = read(row, field);
    if (grade !== null) out.push({ area, grade });
  }
  return out;
}

// ---- rows ---------------------------------------------------------------------------------------

const OEIF_AREA_COLUMNS: readonly (readonly [OeifField, OeifArea])[] = [
  ['qualityOfEducation', 'quality-of-education'],
  ['behaviourAndAttitudes', 'behaviour-and-attitudes'],
  ['personalDevelopment', 'personal-development'],
  ['leadershipAndManagement', 'leadership-and-management'],
  ['earlyYears', 'early-years'],
  ['sixthForm', 'sixth-form'],
];

const LATEST_OEIF_AREA_COLUMNS: readonly (readonly [MostRecentField, OeifArea])[] = [
  ['oeifQualityOfEducation', 'quality-of-education'],
  ['oeifBehaviourAndAttitudes', 'behaviour-and-attitudes'],
  ['oeifPersonalDevelopment', 'personal-development'],
  ['oeifLeadershipAndManagement', 'leadership-and-management'],
  ['oeifEarlyYears', 'early-years'],
  ['oeifSixthForm', 'sixth-form'],
];

const REPORT_CARD_AREA_COLUMNS = Object.entries(REPORT_CARD_AREA_OF) as [ReportCardField, ReportCardArea][];

function overallOf(grade: OeifGrade | null): 1 | 2 | 3 | 4 | null {
  return grade === null ? null : (Number(grade) as 1 | 2 | 3 | 4);
}

/** Where an OEIF inspection's facts are in a row: the legacy file's own columns or the "Latest OEIF" block. */
interface OeifColumns<K extends string> {
  inspectionNumber: K;
  inspectionType: K;
  startDate: K;
  publicationDate: K;
  overallEffectiveness: K;
  categoryOfConcern: K;
  safeguarding: K;
  areas: readonly (readonly [K, OeifArea])[];
}

function oeifOf<K extends string>(row: CsvRow<K>, urn: number, c: OeifColumns<K>): OeifInspection {
  return {
    framework: 'oeif',
    urn,
    inspectionNumber: row.text(c.inspectionNumber),
    inspectionType: row.text(c.inspectionType),
    startDate: requiredStartDate(row, c.startDate, c.inspectionNumber),
    publicationDate: row.date(c.publicationDate),
    overallEffectiveness: overallOf(oeifGrade(row, c.overallEffectiveness)),
    categoryOfConcern: normaliseCategoryOfConcern(row.text(c.categoryOfConcern)),
    safeguarding: oeifSafeguarding(row, c.safeguarding),
    judgements: judgements(row, c.areas, oeifGrade),
  };
}

const LEGACY_OEIF: OeifColumns<OeifField> = {
  inspectionNumber: 'inspectionNumber',
  inspectionType: 'inspectionType',
  startDate: 'startDate',
  publicationDate: 'publicationDate',
  overallEffectiveness: 'overallEffectiveness',
  categoryOfConcern: 'categoryOfConcern',
  safeguarding: 'safeguarding',
  areas: OEIF_AREA_COLUMNS,
};

const LATEST_OEIF: OeifColumns<MostRecentField> = {
  inspectionNumber: 'oeifInspectionNumber',
  inspectionType: 'oeifInspectionType',
  startDate: 'oeifStartDate',
  publicationDate: 'oeifPublicationDate',
  overallEffectiveness: 'oeifOverallEffectiveness',
  categoryOfConcern: 'oeifCategoryOfConcern',
  safeguarding: 'oeifSafeguarding',
  areas: LATEST_OEIF_AREA_COLUMNS,
};

function mapOeifRow(row: CsvRow<OeifField>): ParsedInspection[] {
  return [oeifOf(row, readUrn(row as CsvRow<'urn'>), LEGACY_OEIF)];
}

function reportCardOf<K extends ReportCardField>(row: CsvRow<K>, urn: number): ReportCardInspection {
  return {
    framework: 'report-card',
    urn,
    inspectionNumber: row.text('inspectionNumber' as K),
    inspectionType: row.text('inspectionType' as K),
    startDate: requiredStartDate(row, 'startDate' as K, 'inspectionNumber' as K),
    publicationDate: row.date('publicationDate' as K),
    overallEffectiveness: null,
    categoryOfConcern: normaliseCategoryOfConcern(row.text('categoryOfConcern' as K)),
    safeguarding: reportCardSafeguarding(row, 'safeguarding' as K),
    judgements: judgements(row, REPORT_CARD_AREA_COLUMNS as [K, ReportCardArea][], reportCardGrade),
  };
}

function mapReportCardRow(row: CsvRow<ReportCardField>): ParsedInspection[] {
  return [reportCardOf(row, readUrn(row as CsvRow<'urn'>))];
}

function mapMostRecentRow(row: CsvRow<MostRecentField>): ParsedInspection[] {
  const urn = readUrn(row);
  const out: ParsedInspection[] = [];
  // A school not yet inspected under report cards has an empty report-card block; and should a file
  // repeat the OEIF inspection there, it is not a report card.
  const reportCardNumber = row.text('inspectionNumber');
  const repeatsOeif = reportCardNumber !== null && reportCardNumber === row.text('oeifInspectionNumber');
  if ((reportCardNumber !== null || row.text('startDate') !== null) && !repeatsOeif) out.push(reportCardOf(row, urn));
  if (
    row.text('oeifInspectionNumber') !== null ||
    row.text('oeifStartDate') !== null ||
    oeifGrade(row, 'oeifOverallEffectiveness') !== null
  ) {
    out.push(oeifOf(row, urn, LATEST_OEIF));
  }
  return out;
}

const identify = (row: CsvRow<string>) => urnOf(row);

const LAYOUT_IMPORTS: Readonly<Record<OfstedLayout, CsvImportSpec<ParsedInspection[]>>> = {
  oeif: defineCsvImport({
    fileKind: 'Ofsted inspections (OEIF)',
    fields: OFSTED_OEIF_FIELDS,
    mapRow: mapOeifRow,
    identify,
  }),
  'report-card': defineCsvImport({
    fileKind: 'Ofsted inspections (report card)',
    fields: OFSTED_REPORT_CARD_FIELDS,
    mapRow: mapReportCardRow,
    identify,
  }),
  'most-recent': defineCsvImport({
    fileKind: 'Ofsted most recent inspections',
    fields: OFSTED_MOST_RECENT_FIELDS,
    mapRow: mapMostRecentRow,
    identify,
  }),
};

/** An Ofsted MI import; `layout` tells which layout the header was recognised as. */
export interface OfstedImportSpec extends CsvImportSpec<ParsedInspection[]> {
  readonly layout: OfstedLayout | null;
}

/** A fresh spec per file, since it remembers the layout it recognised. */
export function createOfstedImport(): OfstedImportSpec {
  let layout: OfstedLayout | null = null;
  return {
    fileKind: 'Ofsted inspections management information',
    get layout() {
      return layout;
    },
    bind(header): BoundCsvImport<ParsedInspection[]> {
      const detected = detectOfstedLayout(header);
      if (detected === null) {
        const bound = LAYOUT_IMPORTS['report-card'].bind(header);
        return {
          ...bound,
          rejection:
            'This does not look like an Ofsted inspections management information file: the header has neither ' +
            '"Overall effectiveness" (OEIF), "Latest OEIF overall effectiveness" (most recent inspections) nor ' +
            '"Safeguarding standards" (report card).',
        };
      }
      const bound = LAYOUT_IMPORTS[detected].bind(header);
      if (bound.rejection === null) layout = detected;
      return bound;
    },
  };
}
