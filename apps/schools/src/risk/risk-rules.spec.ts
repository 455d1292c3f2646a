import { describe, expect, it } from '@jest/globals';
import { formatMeasureChange, formatMeasureValue, formatNumber } from './measures';
import { DEFAULT_RISK_RULES, parseRiskRules, validateRiskRules, type RiskRules } from './risk-rules';

/**
 * The rules as an editable JSON document: the shape of RiskRules, but every setting may be replaced
 * with any value or deleted, as a trust's hand-written document might be.
 */
type Doc<T> = T extends readonly (infer E)[]
  ? Doc<E>[]
  : T extends object
    ? { -readonly [K in keyof T]: Doc<T[K]> } & Record<string, unknown>
    : unknown;

/** A deep copy of the defaults, edited: the way a trust would adjust its rules. */
function edited(edit: (rules: Doc<RiskRules>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(DEFAULT_RISK_RULES)) as Doc<RiskRules>;
  edit(copy);
  return copy;
}

describe('DEFAULT_RISK_RULES', () => {
  it('are valid and survive a JSON round trip', () => {
    expect(validateRiskRules(DEFAULT_RISK_RULES)).toEqual([]);
    expect(JSON.parse(JSON.stringify(DEFAULT_RISK_RULES))).toEqual(DEFAULT_RISK_RULES);
    expect(parseRiskRules(JSON.parse(JSON.stringify(DEFAULT_RISK_RULES)))).toEqual({ ok: true, rules: DEFAULT_RISK_RULES });
  });

  it('have a version', () => {
    expect(DEFAULT_RISK_RULES.version).toBe(1);
  });
});

describe('validateRiskRules', () => {
  it('rejects what is not an object', () => {
    expect(validateRiskRules(null)).toEqual(['rules: must be an object']);
    expect(validateRiskRules([])).toEqual(['rules: must be an object']);
  });

  it('reports missing sections', () => {
    expect(validateRiskRules({})).toEqual(['rules.version: is missing', 'rules.inspection: is missing', 'rules.measures: is missing']);
  });

  it.each([
    ['rules.version: must be a positive whole number', (r: Doc<RiskRules>) => (r.version = 0)],
    ['rules.version: must be a positive whole number', (r: Doc<RiskRules>) => (r.version = '1')],
    ['rules.name: must be text', (r: Doc<RiskRules>) => (r.name = 3)],
    [
      'rules.treshold: is not a known setting (expected "version", "name", "inspection", "measures")',
      (r: Doc<RiskRules>) => (r.treshold = 1),
    ],
    [
      'inspection.oeif.overallEffectiveness.5: is not an OEIF grade (expected "1", "2", "3", "4")',
      (r: Doc<RiskRules>) => (r.inspection.oeif.overallEffectiveness['5'] = 'red'),
    ],
    [
      'inspection.oeif.overallEffectiveness.3: must be one of "green", "amber", "red"',
      (r: Doc<RiskRules>) => (r.inspection.oeif.overallEffectiveness['3'] = 'orange'),
    ],
    [
      'inspection.oeif.judgements: must be an object',
      (r: Doc<RiskRules>) => ((r.inspection.oeif as Record<string, unknown>).judgements = []),
    ],
    [
      'inspection.oeif.safeguardingNotEffective: must be one of "green", "amber", "red" or null',
      (r: Doc<RiskRules>) => (r.inspection.oeif.safeguardingNotEffective = 'bad'),
    ],
    ['inspection.oeif.safeguardingNotEffective: is missing', (r: Doc<RiskRules>) => delete r.inspection.oeif.safeguardingNotEffective],
    [
      'inspection.reportCard.judgements.requires-improvement: is not a report-card grade (expected "exceptional", "strong-standard", "expected-standard", "needs-attention", "urgent-improvement")',
      (r: Doc<RiskRules>) => (r.inspection.reportCard.judgements['requires-improvement'] = 'amber'),
    ],
    [
      'inspection.reportCard.safeguardingNotMet: must be one of "green", "amber", "red" or null',
      (r: Doc<RiskRules>) => (r.inspection.reportCard.safeguardingNotMet = undefined),
    ],
    [
      'inspection.categoryOfConcern.levels.special-measures: must be one of "green", "amber", "red"',
      (r: Doc<RiskRules>) => (r.inspection.categoryOfConcern.levels['special-measures'] = 'black'),
    ],
    [
      'inspection.categoryOfConcern.otherwise: must be one of "green", "amber", "red" or null',
      (r: Doc<RiskRules>) => (r.inspection.categoryOfConcern.otherwise = 1),
    ],
    ['measures.thresholds: must be a list', (r: Doc<RiskRules>) => ((r.measures as Record<string, unknown>).thresholds = {})],
    [
      'measures.thresholds[0].measure: "attendence" is not a measure (expected one of "pupilsOnRoll", "attainmentExpectedStandard", "progress", "attendance", "persistentAbsence", "pupilPremiumShare", "sendShare", "exclusions", "inYearBalance", "staffTurnover")',
      (r: Doc<RiskRules>) => (r.measures.thresholds[0].measure = 'attendence'),
    ],
    ['measures.thresholds[0]: needs exactly one of "below" or "above"', (r: Doc<RiskRules>) => (r.measures.thresholds[0].above = 95)],
    ['measures.thresholds[0]: needs exactly one of "below" or "above"', (r: Doc<RiskRules>) => delete r.measures.thresholds[0].below],
    ['measures.thresholds[0].below: must be a number', (r: Doc<RiskRules>) => (r.measures.thresholds[0].below = '90')],
    ['measures.thresholds[0].level: is missing', (r: Doc<RiskRules>) => delete r.measures.thresholds[0].level],
    [
      'measures.thresholds[4].id: rule id "attendance-below-90" is used twice',
      (r: Doc<RiskRules>) => r.measures.thresholds.push({ ...r.measures.thresholds[0] }),
    ],
    ['measures.thresholds[0].id: must be a non-empty text', (r: Doc<RiskRules>) => (r.measures.thresholds[0].id = '')],
    ['measures.trends[0].periods: must be a whole number of at least 2', (r: Doc<RiskRules>) => (r.measures.trends[0].periods = 1)],
    ['measures.trends[0].periods: must be a whole number of at least 2', (r: Doc<RiskRules>) => (r.measures.trends[0].periods = 2.5)],
    ['measures.trends[0].worseningBy: must not be negative', (r: Doc<RiskRules>) => (r.measures.trends[0].worseningBy = -1)],
    ['measures.trends[0].worseningBy: must be a number', (r: Doc<RiskRules>) => (r.measures.trends[0].worseningBy = null)],
    ['measures.trends[0].basis: must be "years", "terms" or "all"', (r: Doc<RiskRules>) => (r.measures.trends[0].basis = 'months')],
    [
      'measures.trends[0].measure: "sendShare" has no better direction, so it cannot worsen (set measures.directions.sendShare)',
      (r: Doc<RiskRules>) => (r.measures.trends[0].measure = 'sendShare'),
    ],
    [
      'measures.directions.attendance: must be "higher-is-better", "lower-is-better" or "neutral"',
      (r: Doc<RiskRules>) => (r.measures.directions = { attendance: 'up' }),
    ],
    [
      'measures.directions.attendence: "attendence" is not a measure (expected one of "pupilsOnRoll", "attainmentExpectedStandard", "progress", "attendance", "persistentAbsence", "pupilPremiumShare", "sendShare", "exclusions", "inYearBalance", "staffTurnover")',
      (r: Doc<RiskRules>) => (r.measures.directions = { attendence: 'neutral' }),
    ],
  ])('reports %s', (problem, edit) => {
    expect(validateRiskRules(edited(edit))).toEqual([problem]);
  });

  it('accepts a trust’s own rules, including a direction for a context measure and null levels', () => {
    const rules: RiskRules = {
      version: 7,
      name: 'Northern Lights Trust, secondary',
      inspection: {
        oeif: { overallEffectiveness: { '4': 'red' }, judgements: { '4': 'amber' }, safeguardingNotEffective: null },
        reportCard: { judgements: {}, safeguardingNotMet: 'red' },
        categoryOfConcern: { levels: {}, otherwise: null },
      },
      measures: {
        directions: { sendShare: 'lower-is-better' },
        thresholds: [{ id: 'pa-high', measure: 'persistentAbsence', above: 30, level: 'red' }],
        trends: [{ measure: 'sendShare', periods: 2, worseningBy: 0, level: 'amber', basis: 'all' }],
      },
    };
    expect(validateRiskRules(JSON.parse(JSON.stringify(rules)))).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateRiskRules(
      edited((r) => {
        r.version = -1;
        r.measures.trends[1].level = 'purple';
      }),
    );
    expect(problems).toEqual([
      'rules.version: must be a positive whole number',
      'measures.trends[1].level: must be one of "green", "amber", "red"',
    ]);
    expect(parseRiskRules(edited((r) => (r.version = -1)))).toEqual({
      ok: false,
      problems: ['rules.version: must be a positive whole number'],
    });
  });
});

describe('measure formatting', () => {
  it('formats numbers and values in their units', () => {
    expect(formatNumber(89.1)).toBe('89.1');
    expect(formatNumber(89.123)).toBe('89.12');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatMeasureValue('percent', 89.1)).toBe('89.1%');
    expect(formatMeasureValue('pounds', -12500)).toBe('-£12,500');
    expect(formatMeasureValue('pounds', 0)).toBe('£0');
    expect(formatMeasureValue('score', -0.35)).toBe('-0.35');
    expect(formatMeasureChange('percent', -3.2)).toBe('3.2 percentage points');
    expect(formatMeasureChange('percent', 1)).toBe('1 percentage point');
    expect(formatMeasureChange('pounds', -4000)).toBe('£4,000');
  });
});
