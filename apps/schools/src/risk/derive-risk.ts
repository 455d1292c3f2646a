import {
  OEIF_GRADE_NAMES,
  REPORT_CARD_GRADE_NAMES,
  type InspectionFramework,
  type InspectionJudgementV1,
  type MeasureName,
  type OeifGrade,
  type ReportCardGrade,
  type RiskLevel,
} from '@trustwide/contracts';
import { normaliseCategoryOfConcern } from '../formats/ofsted/inspections';
import { MEASURE_INFO, formatMeasureChange, formatMeasureValue } from './measures';
import { describePeriod, parseAcademicPeriod, periodRank, type AcademicPeriod } from './periods';
import { DEFAULT_RISK_RULES, measureDirection, thresholdRuleId, trendRuleId, type RiskRules, type ThresholdRule } from './risk-rules';

/**
 * A school's risk level from its latest inspection and its measures, by a trust's rules. The level
 * is the worst any rule gives; each rule that fires says why in a sentence a CEO can read.
 */

/** The latest inspection, framework-tagged; a ParsedInspection, a stored inspection or an InspectionRecordedV1 all fit. */
export interface RiskInspection {
  readonly framework: InspectionFramework;
  readonly startDate?: string | null;
  readonly overallEffectiveness: number | null;
  readonly categoryOfConcern: string | null;
  readonly safeguarding: string | null;
  readonly judgements: readonly InspectionJudgementV1[];
}

export interface MeasureObservation {
  /** `2024/25` or `2024/25-autumn` (see periods.ts). */
  readonly period: string;
  readonly name: MeasureName;
  readonly value: number;
}

export interface RiskInput {
  readonly latestInspection: RiskInspection | null;
  /** History of measures, in any order. */
  readonly measures: readonly MeasureObservation[];
}

export interface RiskFinding {
  /** Which rule fired, e.g. `inspection.oeif.overall-effectiveness` or `attendance-below-90`. */
  readonly rule: string;
  readonly level: RiskLevel;
  readonly reason: string;
}

export interface RiskAssessment {
  readonly level: RiskLevel;
  /** Worst first; "No risk rule triggered" when green by default. */
  readonly reasons: string[];
  readonly findings: RiskFinding[];
  readonly rulesVersion: number;
  /** Data that was ignored (an unreadable period, a grade of the wrong framework). */
  readonly warnings: string[];
}

export const NO_RISK_REASON = 'No risk rule triggered';

const SEVERITY: Readonly<Record<RiskLevel, number>> = { green: 0, amber: 1, red: 2 };

/** The worse of levels (green when none). */
export function worstLevel(levels: Iterable<RiskLevel>): RiskLevel {
  let worst: RiskLevel = 'green';
  for (const level of levels) if (SEVERITY[level] > SEVERITY[worst]) worst = level;
  return worst;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function describeInspection(inspection: RiskInspection): string {
  const framework = inspection.framework === 'oeif' ? 'OEIF' : 'report card';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(inspection.startDate ?? '');
  const date = match ? `, started ${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}` : '';
  return `the latest inspection (${framework}${date})`;
}

function areaName(area: string): string {
  const text = area.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CATEGORY_SENTENCES: Readonly<Record<string, string>> = {
  'special-measures': 'The school is in special measures',
  'serious-weaknesses': 'The school has serious weaknesses',
  'requires-significant-improvement': 'The school requires significant improvement',
};

function inspectionFindings(inspection: RiskInspection, rules: RiskRules, warnings: string[]): RiskFinding[] {
  const found: RiskFinding[] = [];
  const at = describeInspection(inspection);
  const add = (rule: string, level: RiskLevel | null | undefined, reason: string) => {
    if (level && level !== 'green') found.push({ rule, level, reason });
  };

  if (inspection.framework === 'oeif') {
    const oeif = rules.inspection.oeif;
    const overall = inspection.overallEffectiveness;
    if (overall !== null) {
      const grade = String(overall) as OeifGrade;
      if (grade in OEIF_GRADE_NAMES) {
        add(
          'inspection.oeif.overall-effectiveness',
          oeif.overallEffectiveness[grade],
          `Overall effectiveness was ${OEIF_GRADE_NAMES[grade]} (${grade}) at ${at}`,
        );
      } else {
        warnings.push(`Overall effectiveness ${overall} is not an OEIF grade; ignored`);
      }
    }
    for (const { area, grade } of inspection.judgements) {
      if (!(grade in OEIF_GRADE_NAMES)) {
        warnings.push(`${areaName(area)} grade "${grade}" is not an OEIF grade; ignored`);
        continue;
      }
      const g = grade as OeifGrade;
      add('inspection.oeif.judgement', oeif.judgements[g], `${areaName(area)} was ${OEIF_GRADE_NAMES[g]} (${g}) at ${at}`);
    }
    if (inspection.safeguarding === 'not-effective') {
      add('inspection.oeif.safeguarding', oeif.safeguardingNotEffective, `Safeguarding was not effective at ${at}`);
    }
  } else {
    const card = rules.inspection.reportCard;
    for (const { area, grade } of inspection.judgements) {
      if (!(grade in REPORT_CARD_GRADE_NAMES)) {
        // Report cards are never read on the OEIF scale, nor the other way round.
        if (area !== 'safeguarding') warnings.push(`${areaName(area)} grade "${grade}" is not a report-card grade; ignored`);
        continue;
      }
      const g = grade as ReportCardGrade;
      add('inspection.report-card.judgement', card.judgements[g], `${areaName(area)} was graded ${REPORT_CARD_GRADE_NAMES[g]} at ${at}`);
    }
    if (inspection.safeguarding === 'not-met') {
      add('inspection.report-card.safeguarding', card.safeguardingNotMet, `Safeguarding standards were not met at ${at}`);
    }
  }

  const category = normaliseCategoryOfConcern(inspection.categoryOfConcern);
  if (category !== null) {
    const concern = rules.inspection.categoryOfConcern;
    const sentence = CATEGORY_SENTENCES[category] ?? `The school has the category of concern "${category}"`;
    add('inspection.category-of-concern', concern.levels[category] ?? concern.otherwise, `${sentence} (category of concern at ${at})`);
  }
  return found;
}

interface Point {
  readonly period: string;
  readonly parsed: AcademicPeriod;
  readonly value: number;
}

/** Per measure, its observations in period order, one per period (a later duplicate wins). */
function histories(measures: readonly MeasureObservation[], warnings: string[]): Map<MeasureName, Point[]> {
  const byMeasure = new Map<MeasureName, Map<string, Point>>();
  for (const m of measures) {
    const parsed = parseAcademicPeriod(m.period);
    if (!parsed) {
      warnings.push(`Period "${m.period}" of ${MEASURE_INFO[m.name]?.label ?? m.name} is not like 2024/25 or 2024/25-autumn; ignored`);
      continue;
    }
    if (!Number.isFinite(m.value)) {
      warnings.push(`${MEASURE_INFO[m.name]?.label ?? m.name} in ${m.period} is not a number; ignored`);
      continue;
    }
    let points = byMeasure.get(m.name);
    if (!points) byMeasure.set(m.name, (points = new Map<string, Point>()));
    points.set(m.period.trim(), { period: m.period.trim(), parsed, value: m.value });
  }
  const out = new Map<MeasureName, Point[]>();
  for (const [name, points] of byMeasure) {
    out.set(
      name,
      [...points.values()].sort((a, b) => periodRank(a.parsed) - periodRank(b.parsed)),
    );
  }
  return out;
}

function thresholdFindings(history: Map<MeasureName, Point[]>, rules: readonly ThresholdRule[]): RiskFinding[] {
  // For each measure and side, only the most severe rule that fires is reported ("above 35%" makes "above 25%" redundant).
  const best = new Map<string, { rule: ThresholdRule; finding: RiskFinding }>();
  for (const rule of rules) {
    const points = history.get(rule.measure);
    if (!points?.length || rule.level === 'green') continue;
    const latest = points[points.length - 1];
    const below = rule.below !== undefined;
    const bound = (below ? rule.below : rule.above) as number;
    if (below ? !(latest.value < bound) : !(latest.value > bound)) continue;
    const info = MEASURE_INFO[rule.measure];
    const finding: RiskFinding = {
      rule: thresholdRuleId(rule),
      level: rule.level,
      reason: `${info.label} ${formatMeasureValue(info.unit, latest.value)} in ${describePeriod(latest.period)} is ${
        below ? 'below' : 'above'
      } ${formatMeasureValue(info.unit, bound)}`,
    };
    const key = `${rule.measure}:${below ? 'below' : 'above'}`;
    const current = best.get(key);
    const moreExtreme = (a: ThresholdRule, b: ThresholdRule) => (below ? a.below! < b.below! : a.above! > b.above!);
    if (
      !current ||
      SEVERITY[rule.level] > SEVERITY[current.rule.level] ||
      (rule.level === current.rule.level && moreExtreme(rule, current.rule))
    ) {
      best.set(key, { rule, finding });
    }
  }
  return [...best.values()].map((b) => b.finding);
}

function trendFindings(history: Map<MeasureName, Point[]>, rules: RiskRules): RiskFinding[] {
  const found: RiskFinding[] = [];
  for (const rule of rules.measures.trends) {
    if (rule.level === 'green') continue;
    const direction = measureDirection(rules, rule.measure);
    if (direction === 'neutral') continue;
    const basis = rule.basis ?? 'years';
    const points = (history.get(rule.measure) ?? []).filter(
      (p) => basis === 'all' || (basis === 'years' ? p.parsed.term === null : p.parsed.term !== null),
    );
    if (points.length < rule.periods) continue; // not enough history to speak of a trend
    const window = points.slice(-rule.periods);
    const first = window[0];
    const last = window[window.length - 1];
    const change = last.value - first.value;
    const worsening = direction === 'higher-is-better' ? -change : change;
    // A small tolerance so that 94.2 → 92.2 is a change of exactly 2, not 2.0000000000000036.
    if (!(worsening - rule.worseningBy > 1e-9)) continue;
    const info = MEASURE_INFO[rule.measure];
    const verb = change < 0 ? 'fell' : 'rose';
    found.push({
      rule: trendRuleId(rule),
      level: rule.level,
      reason:
        `${info.label} ${verb} by ${formatMeasureChange(info.unit, change)} over the last ${rule.periods} periods, ` +
        `from ${formatMeasureValue(info.unit, first.value)} in ${describePeriod(first.period)} ` +
        `to ${formatMeasureValue(info.unit, last.value)} in ${describePeriod(last.period)} ` +
        `(worse by more than ${formatMeasureChange(info.unit, rule.worseningBy)})`,
    });
  }
  return found;
}

/**
 * Derives a school's risk. `rules` are assumed valid (check trust-supplied JSON with validateRiskRules).
 * Grades are only read on their own framework's scale; an OEIF 3 and a report card's "Needs attention"
 * each reach a level through their own rules.
 */
export function deriveRisk(input: RiskInput, rules: RiskRules = DEFAULT_RISK_RULES): RiskAssessment {
  const warnings: string[] = [];
  const findings: RiskFinding[] = [];
  if (input.latestInspection) findings.push(...inspectionFindings(input.latestInspection, rules, warnings));
  const history = histories(input.measures, warnings);
  findings.push(...thresholdFindings(history, rules.measures.thresholds));
  findings.push(...trendFindings(history, rules));
  // Stable sort: worst first, then in rule order.
  findings.sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level]);
  const level = worstLevel(findings.map((f) => f.level));
  return {
    level,
    reasons: findings.length > 0 ? findings.map((f) => f.reason) : [NO_RISK_REASON],
    findings,
    rulesVersion: rules.version,
    warnings,
  };
}
