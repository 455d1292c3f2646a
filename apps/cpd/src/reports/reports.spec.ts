import { describe, expect, it } from '@jest/globals';
import { BOM, csvCell, toCsv } from './csv';
import {
  COMPLETION_HEADER,
  completionRates,
  completionRows,
  impactPerProgramme,
  IMPACT_HEADER,
  impactRows,
  TAKE_UP_HEADER,
  takeUpPerSchool,
  takeUpRows,
  type EnrolmentFact,
  type EvaluationFact,
} from './reports';

describe('CSV cells', () => {
  it.each<[unknown, string]>([
    ['plain', 'plain'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+44 1274 000000', "'+44 1274 000000"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', '"\'\rCR"'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
    ['Brontë £2,400', '"Brontë £2,400"'],
    [-1.25, '-1.25'],
    [0, '0'],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value as never)).toBe(cell);
  });

  it('refuses a number a spreadsheet cannot hold', () => {
    expect(() => csvCell(Number.NaN)).toThrow('cannot write NaN to CSV');
  });

  it('writes UTF-8 with a BOM and CRLF line ends, and refuses ragged rows', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x', 1],
        ['=y', null],
      ],
    );
    expect(text).toBe(`${BOM}a,b\r\nx,1\r\n'=y,\r\n`);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow('row 1 has 1 cells, the header 2');
  });
});

const A = { schoolId: 'a', name: 'Bronte Academy' };
const B = { schoolId: 'b', name: 'Canterbury Nursery School' };
const C = { schoolId: 'c', name: 'Ashfield Primary' };
const fact = (
  staffId: string,
  schoolId: string,
  programmeCode: string,
  status: EnrolmentFact['status'],
  withdrawalReason: EnrolmentFact['withdrawalReason'] = null,
): EnrolmentFact => ({ staffId, schoolId, programmeCode, status, withdrawalReason });
const FACTS: EnrolmentFact[] = [
  fact('p1', 'a', 'NPQH', 'passed'),
  fact('p1', 'a', 'TRUST-AEH', 'completed'),
  fact('p2', 'a', 'NPQH', 'not-passed'),
  fact('p3', 'a', 'NPQH', 'withdrawn', 'requested'),
  fact('p4', 'a', 'NPQH', 'withdrawn', 'left-trust'),
  fact('p5', 'a', 'NPQH', 'withdrawn', 'cohort-cancelled'),
  fact('p6', 'b', 'NPQH', 'enrolled'),
  fact('p7', 'b', 'NPQH', 'waitlisted'),
  fact('p8', 'b', 'TRUST-AEH', 'completed'),
];

describe('take-up per school', () => {
  it('counts people and places per school, lowest take-up first, every school listed', () => {
    const rows = takeUpPerSchool(FACTS, [A, B, C]);
    expect(rows).toEqual([
      {
        schoolId: 'c',
        schoolName: 'Ashfield Primary',
        participants: 0,
        enrolled: 0,
        waitlisted: 0,
        completed: 0,
        withdrawn: 0,
        programmes: 0,
      },
      {
        schoolId: 'a',
        schoolName: 'Bronte Academy',
        participants: 2,
        enrolled: 0,
        waitlisted: 0,
        completed: 3,
        withdrawn: 3,
        programmes: 2,
      },
      {
        schoolId: 'b',
        schoolName: 'Canterbury Nursery School',
        participants: 2,
        enrolled: 1,
        waitlisted: 1,
        completed: 1,
        withdrawn: 0,
        programmes: 2,
      },
    ]);
    expect(toCsv(TAKE_UP_HEADER, takeUpRows(rows)).split('\r\n')[1]).toBe('c,Ashfield Primary,0,0,0,0,0,0');
  });
});

describe('completion rates', () => {
  it('completed of those who finished; cancelled cohorts, waiting and in-progress left out', () => {
    expect(completionRates(FACTS)).toEqual([
      {
        programmeCode: 'NPQH',
        finished: 4,
        completed: 2,
        withdrawnRequested: 1,
        withdrawnLeft: 1,
        completionPercent: 50,
        assessed: 2,
        passed: 1,
        passPercent: 50,
        inProgress: 1,
      },
      {
        programmeCode: 'TRUST-AEH',
        finished: 2,
        completed: 2,
        withdrawnRequested: 0,
        withdrawnLeft: 0,
        completionPercent: 100,
        assessed: 0,
        passed: 0,
        passPercent: null,
        inProgress: 0,
      },
    ]);
  });

  it.each<[string, EnrolmentFact[], number | null]>([
    [
      'one in three',
      [fact('1', 'a', 'X', 'completed'), fact('2', 'a', 'X', 'withdrawn', 'requested'), fact('3', 'a', 'X', 'withdrawn', 'requested')],
      33.3,
    ],
    [
      'two in three',
      [fact('1', 'a', 'X', 'completed'), fact('2', 'a', 'X', 'passed'), fact('3', 'a', 'X', 'withdrawn', 'left-trust')],
      66.7,
    ],
    ['nobody finished yet', [fact('1', 'a', 'X', 'enrolled')], null],
  ])('%s', (_, facts, percent) => {
    expect(completionRates(facts)[0].completionPercent).toBe(percent);
  });

  it('renders as CSV with empty cells for rates not yet known', () => {
    expect(toCsv(COMPLETION_HEADER, completionRows(completionRates(FACTS))).split('\r\n')[2]).toBe('TRUST-AEH,2,2,0,0,100,0,0,,0');
  });
});

describe('impact per programme', () => {
  const e = (programmeCode: string, measure: string, after: string, meanChange: number | null): EvaluationFact => ({
    programmeCode,
    measure,
    before: '2023/24',
    after,
    schoolsMeasured: 39,
    meanChange,
    improvedIn: 30,
    feedbackResponses: 120,
    meanOverall: 4.5,
    recommendPercent: 92,
  });
  it('orders by programme, newest comparison first, and renders', () => {
    const rows = impactPerProgramme([
      e('TRUST-READING', 'attainmentExpectedStandard', '2023/24', 3),
      e('NPQH', 'attendance', '2024/25', -0.5),
      e('TRUST-READING', 'attainmentExpectedStandard', '2024/25', 50),
    ]);
    expect(rows.map((r) => [r.programmeCode, r.after])).toEqual([
      ['NPQH', '2024/25'],
      ['TRUST-READING', '2024/25'],
      ['TRUST-READING', '2023/24'],
    ]);
    expect(toCsv(IMPACT_HEADER, impactRows(rows)).split('\r\n')[2]).toBe(
      'TRUST-READING,attainmentExpectedStandard,2023/24,2024/25,39,50,30,120,4.5,92',
    );
  });
});
