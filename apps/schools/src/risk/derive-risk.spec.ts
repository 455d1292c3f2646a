import { describe, expect, it } from '@jest/globals';
import type { MeasureName } from '@trustwide/common';
import type { OeifInspection, ReportCardInspection } from '../formats/ofsted/inspections';
import { deriveRisk, NO_RISK_REASON, worstLevel, type MeasureObservation, type RiskInspection } from './derive-risk';
import { DEFAULT_RISK_RULES, type RiskRules } from './risk-rules';

const oeif = (overrides: Partial<OeifInspection> = {}): OeifInspection => ({
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
    { area: 'behaviour-and-attitudes', grade: '2' },
  ],
  ...overrides,
});

const reportCard = (overrides: Partial<ReportCardInspection> = {}): ReportCardInspection => ({
  framework: 'report-card',
  urn: 100000,
  inspectionNumber: '200001',
  inspectionType: 'Full inspection',
  startDate: '2025-12-02',
  publicationDate: '2026-01-20',
  overallEffectiveness: null,
  categoryOfConcern: null,
  safeguarding: 'met',
  judgements: [
    { area: 'inclusion', grade: 'strong-standard' },
    { area: 'curriculum-and-teaching', grade: 'expected-standard' },
    { area: 'attendance-and-behaviour', grade: 'exceptional' },
  ],
  ...overrides,
});

const history = (name: MeasureName, values: Record<string, number>): MeasureObservation[] =>
  Object.entries(values).map(([period, value]) => ({ period, name, value }));

const risk = (latestInspection: RiskInspection | null, measures: MeasureObservation[] = [], rules?: RiskRules) =>
  deriveRisk({ latestInspection, measures }, rules);

/** The defaults with some changes. */
/** RiskRules without its readonly marks, for a test to edit a copy. */
type Editable<T> = T extends readonly (infer E)[] ? Editable<E>[] : T extends object ? { -readonly [K in keyof T]: Editable<T[K]> } : T;

function rulesWith(edit: (rules: Editable<RiskRules>) => void): RiskRules {
  const copy = JSON.parse(JSON.stringify(DEFAULT_RISK_RULES)) as Editable<RiskRules>;
  edit(copy);
  return copy;
}

const OEIF_AT = 'the latest inspection (OEIF, started 12 March 2024)';
const CARD_AT = 'the latest inspection (report card, started 2 December 2025)';

describe('deriveRisk: nothing wrong', () => {
  it('is green with "No risk rule triggered" when there is no inspection and no measures', () => {
    expect(risk(null)).toEqual({ level: 'green', reasons: [NO_RISK_REASON], findings: [], rulesVersion: 1, warnings: [] });
  });

  it('is green for a good OEIF school with healthy measures', () => {
    const measures = [...history('attendance', { '2023/24': 95, '2024/25': 95.4 }), ...history('inYearBalance', { '2024/25': 120000 })];
    expect(risk(oeif(), measures)).toMatchObject({ level: 'green', reasons: [NO_RISK_REASON] });
    expect(risk(oeif({ overallEffectiveness: 1 })).level).toBe('green');
  });

  it('is green for a strong report card', () => {
    expect(risk(reportCard())).toMatchObject({ level: 'green', reasons: [NO_RISK_REASON] });
  });
});

describe('deriveRisk: OEIF inspections', () => {
  it('makes overall effectiveness 3 (Requires improvement) amber', () => {
    expect(risk(oeif({ overallEffectiveness: 3 }))).toEqual({
      level: 'amber',
      reasons: [`Overall effectiveness was Requires improvement (3) at ${OEIF_AT}`],
      findings: [
        {
          rule: 'inspection.oeif.overall-effectiveness',
          level: 'amber',
          reason: `Overall effectiveness was Requires improvement (3) at ${OEIF_AT}`,
        },
      ],
      rulesVersion: 1,
      warnings: [],
    });
  });

  it('makes overall effectiveness 4 (Inadequate) red', () => {
    expect(risk(oeif({ overallEffectiveness: 4 }))).toMatchObject({
      level: 'red',
      reasons: [`Overall effectiveness was Inadequate (4) at ${OEIF_AT}`],
    });
  });

  it('makes ineffective safeguarding red', () => {
    expect(risk(oeif({ safeguarding: 'not-effective' }))).toMatchObject({
      level: 'red',
      reasons: [`Safeguarding was not effective at ${OEIF_AT}`],
    });
  });

  it('ignores sub-judgements by default and uses them when a trust asks', () => {
    const inspection = oeif({
      judgements: [
        { area: 'quality-of-education', grade: '3' },
        { area: 'early-years', grade: '4' },
      ],
    });
    expect(risk(inspection).level).toBe('green');
    const rules = rulesWith((r) => (r.inspection.oeif.judgements = { '3': 'amber', '4': 'red' }));
    expect(risk(inspection, [], rules)).toMatchObject({
      level: 'red',
      reasons: [`Early years was Inadequate (4) at ${OEIF_AT}`, `Quality of education was Requires improvement (3) at ${OEIF_AT}`],
    });
  });

  it('says nothing of the date when the inspection has none', () => {
    expect(risk(oeif({ overallEffectiveness: 4, startDate: undefined as unknown as string })).reasons).toEqual([
      'Overall effectiveness was Inadequate (4) at the latest inspection (OEIF)',
    ]);
  });
});

describe('deriveRisk: report-card inspections', () => {
  it('makes any "Urgent improvement" red, with one reason per area', () => {
    const inspection = reportCard({
      judgements: [
        { area: 'inclusion', grade: 'urgent-improvement' },
        { area: 'achievement', grade: 'expected-standard' },
        { area: 'leadership-and-governance', grade: 'urgent-improvement' },
      ],
    });
    expect(risk(inspection)).toMatchObject({
      level: 'red',
      reasons: [
        `Inclusion was graded Urgent improvement at ${CARD_AT}`,
        `Leadership and governance was graded Urgent improvement at ${CARD_AT}`,
      ],
    });
  });

  it('makes any "Needs attention" amber', () => {
    expect(risk(reportCard({ judgements: [{ area: 'attendance-and-behaviour', grade: 'needs-attention' }] }))).toMatchObject({
      level: 'amber',
      reasons: [`Attendance and behaviour was graded Needs attention at ${CARD_AT}`],
      findings: [expect.objectContaining({ rule: 'inspection.report-card.judgement' })],
    });
  });

  it('makes safeguarding standards not met red, whatever the grades', () => {
    expect(risk(reportCard({ safeguarding: 'not-met' }))).toMatchObject({
      level: 'red',
      reasons: [`Safeguarding standards were not met at ${CARD_AT}`],
    });
  });

  it('lets a trust grade areas differently', () => {
    const rules = rulesWith((r) => {
      r.version = 4;
      r.inspection.reportCard.judgements = { 'expected-standard': 'amber' };
    });
    expect(risk(reportCard(), [], rules)).toMatchObject({ level: 'amber', rulesVersion: 4 });
  });
});

describe('deriveRisk: categories of concern', () => {
  it.each([
    ['special-measures', 'The school is in special measures'],
    ['SM', 'The school is in special measures'],
    ['serious-weaknesses', 'The school has serious weaknesses'],
    ['SWK', 'The school has serious weaknesses'],
    ['requires-significant-improvement', 'The school requires significant improvement'],
  ])('makes %s red', (category, sentence) => {
    const result = risk(reportCard({ categoryOfConcern: category }));
    expect(result.level).toBe('red');
    expect(result.reasons).toEqual([`${sentence} (category of concern at ${CARD_AT})`]);
    expect(result.findings[0].rule).toBe('inspection.category-of-concern');
  });

  it('gives another category the "otherwise" level, or ignores it when that is null', () => {
    expect(risk(oeif({ categoryOfConcern: 'Notice to improve' }))).toMatchObject({
      level: 'amber',
      reasons: [`The school has the category of concern "Notice to improve" (category of concern at ${OEIF_AT})`],
    });
    const rules = rulesWith((r) => (r.inspection.categoryOfConcern.otherwise = null));
    expect(risk(oeif({ categoryOfConcern: 'Notice to improve' }), [], rules).level).toBe('green');
  });

  it('reports the category together with the grade that came with it', () => {
    const result = risk(oeif({ overallEffectiveness: 4, categoryOfConcern: 'special-measures', safeguarding: 'not-effective' }));
    expect(result.level).toBe('red');
    expect(result.findings.map((f) => f.rule)).toEqual([
      'inspection.oeif.overall-effectiveness',
      'inspection.oeif.safeguarding',
      'inspection.category-of-concern',
    ]);
  });
});

describe('deriveRisk: frameworks are never mixed', () => {
  it('does not read an OEIF grade in a report card as a report-card grade', () => {
    const mislabelled: RiskInspection = { ...reportCard(), judgements: [{ area: 'inclusion', grade: '4' }] };
    expect(risk(mislabelled)).toMatchObject({
      level: 'green',
      warnings: ['Inclusion grade "4" is not a report-card grade; ignored'],
    });
  });

  it('does not read a report-card grade in an OEIF inspection', () => {
    const mislabelled: RiskInspection = { ...oeif(), judgements: [{ area: 'quality-of-education', grade: 'urgent-improvement' }] };
    const rules = rulesWith((r) => (r.inspection.oeif.judgements = { '4': 'red' }));
    expect(risk(mislabelled, [], rules)).toMatchObject({
      level: 'green',
      warnings: ['Quality of education grade "urgent-improvement" is not an OEIF grade; ignored'],
    });
  });

  it('ignores an overall grade on a report card (report cards have none)', () => {
    const odd: RiskInspection = { ...reportCard(), overallEffectiveness: 4 };
    expect(risk(odd).level).toBe('green');
  });

  it('warns about an overall effectiveness outside 1..4', () => {
    expect(risk({ ...oeif(), overallEffectiveness: 7 })).toMatchObject({
      level: 'green',
      warnings: ['Overall effectiveness 7 is not an OEIF grade; ignored'],
    });
  });

  it('accepts a stored inspection or an InspectionRecordedV1 payload', () => {
    const recorded = {
      inspectionId: '4f0c2f52-5e57-4c8e-9c7e-4a4c8c1e0a11',
      schoolId: '5a1c2f52-5e57-4c8e-9c7e-4a4c8c1e0a12',
      urn: 100000,
      framework: 'report-card' as const,
      inspectionNumber: null,
      inspectionType: null,
      startDate: '2025-12-02',
      publicationDate: null,
      overallEffectiveness: null,
      categoryOfConcern: null,
      safeguarding: 'met',
      judgements: [{ area: 'achievement', grade: 'needs-attention' }],
    };
    expect(risk(recorded).level).toBe('amber');
  });
});

describe('deriveRisk: measure thresholds', () => {
  it('makes attendance below 90% amber, naming the value, period and threshold', () => {
    expect(risk(null, history('attendance', { '2023/24': 93, '2024/25': 89.1 }))).toMatchObject({
      level: 'amber',
      reasons: ['Attendance 89.1% in 2024/25 is below 90%'],
      findings: [{ rule: 'attendance-below-90', level: 'amber', reason: 'Attendance 89.1% in 2024/25 is below 90%' }],
    });
  });

  it('compares strictly: exactly 90% is not below 90%', () => {
    expect(risk(null, history('attendance', { '2024/25': 90 })).level).toBe('green');
  });

  it('looks at the latest period only', () => {
    expect(risk(null, history('attendance', { '2022/23': 85, '2023/24': 86, '2024/25': 92 })).level).toBe('green');
  });

  it('takes a term as the latest period when it is', () => {
    expect(risk(null, history('attendance', { '2024/25': 93, '2025/26-autumn': 88 })).reasons).toEqual([
      'Attendance 88% in autumn term 2025/26 is below 90%',
    ]);
  });

  it('makes persistent absence above 25% amber and above 35% red, giving only the more severe reason', () => {
    expect(risk(null, history('persistentAbsence', { '2024/25': 30 }))).toMatchObject({
      level: 'amber',
      reasons: ['Persistent absence 30% in 2024/25 is above 25%'],
    });
    expect(risk(null, history('persistentAbsence', { '2024/25': 41.5 }))).toMatchObject({
      level: 'red',
      reasons: ['Persistent absence 41.5% in 2024/25 is above 35%'],
    });
  });

  it('makes a negative in-year balance amber, but not a zero one', () => {
    expect(risk(null, history('inYearBalance', { '2024/25': -12500 }))).toMatchObject({
      level: 'amber',
      reasons: ['In-year balance -£12,500 in 2024/25 is below £0'],
    });
    expect(risk(null, history('inYearBalance', { '2024/25': 0 })).level).toBe('green');
  });

  it('keeps, of two rules of the same level on the same side, the more extreme one', () => {
    const rules = rulesWith((r) => {
      r.measures.thresholds = [
        { measure: 'attendance', below: 92, level: 'amber' },
        { measure: 'attendance', below: 90, level: 'amber' },
      ];
      r.measures.trends = [];
    });
    expect(risk(null, history('attendance', { '2024/25': 88 }), rules).reasons).toEqual(['Attendance 88% in 2024/25 is below 90%']);
  });

  it('uses a trust’s own thresholds and ids, and ignores rules that give green', () => {
    const rules = rulesWith((r) => {
      r.measures.thresholds = [
        { id: 'turnover-high', measure: 'staffTurnover', above: 20, level: 'red' },
        { measure: 'exclusions', above: 0, level: 'green' },
      ];
    });
    const result = risk(null, [...history('staffTurnover', { '2024/25': 22.5 }), ...history('exclusions', { '2024/25': 3 })], rules);
    expect(result).toMatchObject({
      level: 'red',
      findings: [{ rule: 'turnover-high', level: 'red', reason: 'Staff turnover 22.5% in 2024/25 is above 20%' }],
    });
  });
});

describe('deriveRisk: trends', () => {
  it('makes attendance falling by more than 2 points over 3 years amber', () => {
    expect(risk(null, history('attendance', { '2022/23': 94.2, '2023/24': 93, '2024/25': 91 }))).toMatchObject({
      level: 'amber',
      reasons: [
        'Attendance fell by 3.2 percentage points over the last 3 periods, from 94.2% in 2022/23 to 91% in 2024/25 (worse by more than 2 percentage points)',
      ],
      findings: [expect.objectContaining({ rule: 'attendance-worsening-over-3' })],
    });
  });

  it('does not fire at exactly the threshold, despite floating-point arithmetic', () => {
    expect(risk(null, history('attendance', { '2022/23': 94.2, '2023/24': 93, '2024/25': 92.2 })).level).toBe('green');
  });

  it('does not fire when attendance improves, or without enough history', () => {
    expect(risk(null, history('attendance', { '2022/23': 91, '2023/24': 93, '2024/25': 95 })).level).toBe('green');
    expect(risk(null, history('attendance', { '2023/24': 96, '2024/25': 91 })).level).toBe('green');
  });

  it('knows persistent absence going up is the bad direction', () => {
    expect(risk(null, history('persistentAbsence', { '2022/23': 12, '2023/24': 15, '2024/25': 18.5 }))).toMatchObject({
      level: 'amber',
      reasons: [
        'Persistent absence rose by 6.5 percentage points over the last 3 periods, from 12% in 2022/23 to 18.5% in 2024/25 (worse by more than 5 percentage points)',
      ],
    });
    expect(risk(null, history('persistentAbsence', { '2022/23': 18.5, '2023/24': 15, '2024/25': 12 })).level).toBe('green');
  });

  it('only looks at the last N periods', () => {
    // a big fall long ago, stable since
    expect(risk(null, history('attendance', { '2020/21': 97, '2021/22': 93, '2022/23': 93, '2023/24': 92.5, '2024/25': 93 })).level).toBe(
      'green',
    );
  });

  it('compares whole years only by default, ignoring terms', () => {
    const measures = history('attendance', {
      '2022/23': 95,
      '2023/24': 94.5,
      '2024/25-autumn': 96,
      '2024/25-spring': 91.5,
      '2024/25-summer': 92,
      '2024/25': 94,
    });
    expect(risk(null, measures).level).toBe('green');
    const byTerm = rulesWith(
      (r) => (r.measures.trends = [{ measure: 'attendance', periods: 3, worseningBy: 2, level: 'amber', basis: 'terms' }]),
    );
    expect(risk(null, measures, byTerm).reasons).toEqual([
      'Attendance fell by 4 percentage points over the last 3 periods, from 96% in autumn term 2024/25 to 92% in summer term 2024/25 (worse by more than 2 percentage points)',
    ]);
  });

  it('follows a trust’s direction for a measure and a trend over all periods', () => {
    const rules = rulesWith((r) => {
      r.measures.directions = { pupilPremiumShare: 'lower-is-better' };
      r.measures.trends = [{ id: 'pp-rising', measure: 'pupilPremiumShare', periods: 2, worseningBy: 5, level: 'amber', basis: 'all' }];
    });
    expect(risk(null, history('pupilPremiumShare', { '2024/25-summer': 20, '2024/25': 26 }), rules).findings).toEqual([
      {
        rule: 'pp-rising',
        level: 'amber',
        reason:
          'Pupil premium share rose by 6 percentage points over the last 2 periods, from 20% in summer term 2024/25 to 26% in 2024/25 (worse by more than 5 percentage points)',
      },
    ]);
  });

  it('reports a falling in-year balance in pounds', () => {
    const rules = rulesWith((r) => (r.measures.trends = [{ measure: 'inYearBalance', periods: 2, worseningBy: 50000, level: 'amber' }]));
    expect(risk(null, history('inYearBalance', { '2023/24': 150000, '2024/25': 40000 }), rules).reasons).toEqual([
      'In-year balance fell by £110,000 over the last 2 periods, from £150,000 in 2023/24 to £40,000 in 2024/25 (worse by more than £50,000)',
    ]);
  });
});

describe('deriveRisk: combining rules and data quality', () => {
  it('takes the worst level, listing red reasons before amber ones', () => {
    const measures = [...history('attendance', { '2024/25': 88 }), ...history('persistentAbsence', { '2024/25': 38 })];
    const result = risk(oeif({ overallEffectiveness: 3 }), measures);
    expect(result.level).toBe('red');
    expect(result.reasons).toEqual([
      'Persistent absence 38% in 2024/25 is above 35%',
      `Overall effectiveness was Requires improvement (3) at ${OEIF_AT}`,
      'Attendance 88% in 2024/25 is below 90%',
    ]);
  });

  it('lets a later value for the same period replace an earlier one, whatever the input order', () => {
    const measures: MeasureObservation[] = [
      { period: '2024/25', name: 'attendance', value: 85 },
      { period: '2023/24', name: 'attendance', value: 95 },
      { period: '2024/25', name: 'attendance', value: 94 },
    ];
    expect(risk(null, measures).level).toBe('green');
  });

  it('ignores unreadable periods and values with a warning', () => {
    const measures: MeasureObservation[] = [
      { period: 'Autumn 2024', name: 'attendance', value: 80 },
      { period: '2024/25', name: 'attendance', value: Number.NaN },
      { period: '2023/24', name: 'attendance', value: 95 },
    ];
    expect(risk(null, measures)).toMatchObject({
      level: 'green',
      warnings: [
        'Period "Autumn 2024" of Attendance is not like 2024/25 or 2024/25-autumn; ignored',
        'Attendance in 2024/25 is not a number; ignored',
      ],
    });
  });
});

describe('worstLevel', () => {
  it('orders green < amber < red', () => {
    expect(worstLevel([])).toBe('green');
    expect(worstLevel(['amber', 'green'])).toBe('amber');
    expect(worstLevel(['amber', 'red', 'green'])).toBe('red');
  });
});
