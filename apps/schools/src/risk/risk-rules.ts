// The contracts alone: the '@trustwide/common' barrel also loads Nest, Kafka and TypeORM, which this pure code must not need.
import {
  MEASURE_NAMES,
  OEIF_GRADES,
  REPORT_CARD_GRADES,
  RISK_LEVELS,
  type MeasureName,
  type OeifGrade,
  type ReportCardGrade,
  type RiskLevel,
} from '@trustwide/contracts';
import { MEASURE_INFO, type MeasureDirection } from './measures';

/**
 * The rules that turn a school's latest inspection and measures into a risk level. They are data
 * (plain JSON, versioned) so that each trust can see and tune them, and an event can say which
 * version produced a level.
 */

export interface ThresholdRule {
  /** Names the rule in findings; defaults to e.g. `attendance-below-90`. */
  readonly id?: string;
  readonly measure: MeasureName;
  /** Exactly one of `below` / `above`; the comparison is strict (a balance of exactly £0 is not below 0). */
  readonly below?: number;
  readonly above?: number;
  readonly level: RiskLevel;
}

export interface TrendRule {
  readonly id?: string;
  readonly measure: MeasureName;
  /** How many of the most recent periods to look at (at least 2): the change is from the first to the last. */
  readonly periods: number;
  /** Fires when the measure got worse by more than this, in its unit (percentage points for percentages). */
  readonly worseningBy: number;
  readonly level: RiskLevel;
  /**
   * Which periods count: `years` (default) compares whole academic years only, since a spring term's
   * attendance is not comparable with an autumn's; `terms` only terms; `all` everything in order.
   */
  readonly basis?: 'years' | 'terms' | 'all';
}

export interface RiskRules {
  /** Positive whole number, increased on every change. */
  readonly version: number;
  readonly name?: string;
  readonly inspection: {
    readonly oeif: {
      /** Level for an overall effectiveness grade, e.g. `{ "3": "amber", "4": "red" }`. */
      readonly overallEffectiveness: Partial<Record<OeifGrade, RiskLevel>>;
      /** Level when any sub-judgement has this grade (quality of education...). */
      readonly judgements: Partial<Record<OeifGrade, RiskLevel>>;
      readonly safeguardingNotEffective: RiskLevel | null;
    };
    readonly reportCard: {
      /** Level when any area has this grade, e.g. `{ "needs-attention": "amber", "urgent-improvement": "red" }`. */
      readonly judgements: Partial<Record<ReportCardGrade, RiskLevel>>;
      readonly safeguardingNotMet: RiskLevel | null;
    };
    readonly categoryOfConcern: {
      /** By normalised category (`special-measures`, `serious-weaknesses`, `requires-significant-improvement`). */
      readonly levels: Readonly<Record<string, RiskLevel>>;
      /** For any other category of concern; null to ignore. */
      readonly otherwise: RiskLevel | null;
    };
  };
  readonly measures: {
    /** Overrides of the default direction of measures (see MEASURE_INFO), used by trend rules. */
    readonly directions?: Partial<Record<MeasureName, MeasureDirection>>;
    readonly thresholds: readonly ThresholdRule[];
    readonly trends: readonly TrendRule[];
  };
}

/**
 * Defaults for a trust that has not set its own. Thresholds are starting points (national attendance
 * is about 93%, persistent absence about 20%), to be tuned per trust and phase.
 */
export const DEFAULT_RISK_RULES: RiskRules = {
  version: 1,
  name: 'Trustwide default',
  inspection: {
    oeif: {
      overallEffectiveness: { '3': 'amber', '4': 'red' },
      judgements: {},
      safeguardingNotEffective: 'red',
    },
    reportCard: {
      judgements: { 'needs-attention': 'amber', 'urgent-improvement': 'red' },
      safeguardingNotMet: 'red',
    },
    categoryOfConcern: {
      levels: { 'special-measures': 'red', 'serious-weaknesses': 'red', 'requires-significant-improvement': 'red' },
      otherwise: 'amber',
    },
  },
  measures: {
    thresholds: [
      { measure: 'attendance', below: 90, level: 'amber' },
      { measure: 'persistentAbsence', above: 25, level: 'amber' },
      { measure: 'persistentAbsence', above: 35, level: 'red' },
      { measure: 'inYearBalance', below: 0, level: 'amber' },
    ],
    trends: [
      { measure: 'attendance', periods: 3, worseningBy: 2, level: 'amber' },
      { measure: 'persistentAbsence', periods: 3, worseningBy: 5, level: 'amber' },
      { measure: 'attainmentExpectedStandard', periods: 3, worseningBy: 10, level: 'amber' },
    ],
  },
};

export function thresholdRuleId(rule: ThresholdRule): string {
  return rule.id ?? `${rule.measure}-${rule.below !== undefined ? `below-${rule.below}` : `above-${rule.above}`}`;
}

export function trendRuleId(rule: TrendRule): string {
  return rule.id ?? `${rule.measure}-worsening-over-${rule.periods}`;
}

export function measureDirection(rules: RiskRules, measure: MeasureName): MeasureDirection {
  return rules.measures.directions?.[measure] ?? MEASURE_INFO[measure].direction;
}

// ---- validation -----------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function list(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

class Checker {
  readonly problems: string[] = [];

  problem(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  object(path: string, value: unknown, keys: readonly string[], required: readonly string[]): value is Json {
    if (!isObject(value)) {
      this.problem(path, 'must be an object');
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) this.problem(`${path}.${key}`, `is not a known setting (expected ${list(keys)})`);
    }
    for (const key of required) if (!(key in value)) this.problem(`${path}.${key}`, 'is missing');
    return true;
  }

  level(path: string, value: unknown, nullable = false): void {
    if (nullable && value === null) return;
    if (typeof value !== 'string' || !(RISK_LEVELS as readonly string[]).includes(value)) {
      this.problem(path, `must be one of ${list(RISK_LEVELS)}${nullable ? ' or null' : ''}`);
    }
  }

  levelMap(path: string, value: unknown, keys: readonly string[] | null, what: string): void {
    if (!isObject(value)) {
      this.problem(path, 'must be an object');
      return;
    }
    for (const [key, level] of Object.entries(value)) {
      if (keys && !keys.includes(key)) this.problem(`${path}.${key}`, `is not ${what} (expected ${list(keys)})`);
      this.level(`${path}.${key}`, level);
    }
  }

  measure(path: string, value: unknown): value is MeasureName {
    if (typeof value !== 'string' || !(MEASURE_NAMES as readonly string[]).includes(value)) {
      this.problem(path, `${JSON.stringify(value)} is not a measure (expected one of ${list(MEASURE_NAMES)})`);
      return false;
    }
    return true;
  }

  finiteNumber(path: string, value: unknown): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problem(path, 'must be a number');
      return false;
    }
    return true;
  }

  id(path: string, value: unknown, seen: Set<string>, fallback: string): void {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
      this.problem(path, 'must be a non-empty text');
      return;
    }
    const id = value ?? fallback;
    if (seen.has(id)) this.problem(path, `rule id "${id}" is used twice`);
    seen.add(id);
  }
}

/**
 * Problems with rules read from JSON (a trust's configuration), as "path: message" sentences; empty
 * when the rules are valid. Unknown settings are problems too, so that a typo is not silently ignored.
 */
export function validateRiskRules(json: unknown): string[] {
  const c = new Checker();
  if (!c.object('rules', json, ['version', 'name', 'inspection', 'measures'], ['version', 'inspection', 'measures'])) {
    return c.problems;
  }
  if ('version' in json && (!Number.isInteger(json.version) || (json.version as number) < 1)) {
    c.problem('rules.version', 'must be a positive whole number');
  }
  if (json.name !== undefined && typeof json.name !== 'string') c.problem('rules.name', 'must be text');

  const inspection = json.inspection;
  if (
    'inspection' in json &&
    c.object('inspection', inspection, ['oeif', 'reportCard', 'categoryOfConcern'], ['oeif', 'reportCard', 'categoryOfConcern'])
  ) {
    const oeif = inspection.oeif;
    const oeifKeys = ['overallEffectiveness', 'judgements', 'safeguardingNotEffective'];
    if ('oeif' in inspection && c.object('inspection.oeif', oeif, oeifKeys, oeifKeys)) {
      if ('overallEffectiveness' in oeif) {
        c.levelMap('inspection.oeif.overallEffectiveness', oeif.overallEffectiveness, OEIF_GRADES, 'an OEIF grade');
      }
      if ('judgements' in oeif) c.levelMap('inspection.oeif.judgements', oeif.judgements, OEIF_GRADES, 'an OEIF grade');
      if ('safeguardingNotEffective' in oeif) {
        c.level('inspection.oeif.safeguardingNotEffective', oeif.safeguardingNotEffective, true);
      }
    }
    const card = inspection.reportCard;
    const cardKeys = ['judgements', 'safeguardingNotMet'];
    if ('reportCard' in inspection && c.object('inspection.reportCard', card, cardKeys, cardKeys)) {
      if ('judgements' in card) {
        c.levelMap('inspection.reportCard.judgements', card.judgements, REPORT_CARD_GRADES, 'a report-card grade');
      }
      if ('safeguardingNotMet' in card) c.level('inspection.reportCard.safeguardingNotMet', card.safeguardingNotMet, true);
    }
    const concern = inspection.categoryOfConcern;
    const concernKeys = ['levels', 'otherwise'];
    if ('categoryOfConcern' in inspection && c.object('inspection.categoryOfConcern', concern, concernKeys, concernKeys)) {
      if ('levels' in concern) c.levelMap('inspection.categoryOfConcern.levels', concern.levels, null, 'a category');
      if ('otherwise' in concern) c.level('inspection.categoryOfConcern.otherwise', concern.otherwise, true);
    }
  }

  const measures = json.measures;
  if ('measures' in json && c.object('measures', measures, ['directions', 'thresholds', 'trends'], ['thresholds', 'trends'])) {
    const directions: Json = isObject(measures.directions) ? measures.directions : {};
    if (measures.directions !== undefined) {
      if (!isObject(measures.directions)) c.problem('measures.directions', 'must be an object');
      for (const [measure, direction] of Object.entries(directions)) {
        c.measure(`measures.directions.${measure}`, measure);
        if (!['higher-is-better', 'lower-is-better', 'neutral'].includes(direction as string)) {
          c.problem(`measures.directions.${measure}`, 'must be "higher-is-better", "lower-is-better" or "neutral"');
        }
      }
    }
    const ids = new Set<string>();
    if ('thresholds' in measures) {
      if (!Array.isArray(measures.thresholds)) c.problem('measures.thresholds', 'must be a list');
      else {
        measures.thresholds.forEach((rule: unknown, i) => {
          const path = `measures.thresholds[${i}]`;
          if (!c.object(path, rule, ['id', 'measure', 'below', 'above', 'level'], ['measure', 'level'])) return;
          if ('measure' in rule) c.measure(`${path}.measure`, rule.measure);
          if ('level' in rule) c.level(`${path}.level`, rule.level);
          const bounds = (['below', 'above'] as const).filter((k) => rule[k] !== undefined);
          if (bounds.length !== 1) c.problem(path, 'needs exactly one of "below" or "above"');
          for (const k of bounds) c.finiteNumber(`${path}.${k}`, rule[k]);
          // The default id is built from the values: only from ones that are what they should be (an object's
          // toString may be anything, e.g. not a function).
          const plain = bounds.every((k) => typeof rule[k] === 'number') && typeof rule.measure === 'string';
          c.id(`${path}.id`, rule.id, ids, plain ? thresholdRuleId(rule as unknown as ThresholdRule) : path);
        });
      }
    }
    if ('trends' in measures) {
      if (!Array.isArray(measures.trends)) c.problem('measures.trends', 'must be a list');
      else {
        measures.trends.forEach((rule: unknown, i) => {
          const path = `measures.trends[${i}]`;
          const keys = ['id', 'measure', 'periods', 'worseningBy', 'level', 'basis'];
          if (!c.object(path, rule, keys, ['measure', 'periods', 'worseningBy', 'level'])) return;
          if ('measure' in rule && c.measure(`${path}.measure`, rule.measure)) {
            const direction = directions[rule.measure] ?? MEASURE_INFO[rule.measure].direction;
            if (direction === 'neutral') {
              c.problem(
                `${path}.measure`,
                `"${rule.measure}" has no better direction, so it cannot worsen (set measures.directions.${rule.measure})`,
              );
            }
          }
          if ('level' in rule) c.level(`${path}.level`, rule.level);
          if ('periods' in rule && (!Number.isInteger(rule.periods) || (rule.periods as number) < 2)) {
            c.problem(`${path}.periods`, 'must be a whole number of at least 2');
          }
          if ('worseningBy' in rule && c.finiteNumber(`${path}.worseningBy`, rule.worseningBy) && rule.worseningBy < 0) {
            c.problem(`${path}.worseningBy`, 'must not be negative');
          }
          if (rule.basis !== undefined && !['years', 'terms', 'all'].includes(rule.basis as string)) {
            c.problem(`${path}.basis`, 'must be "years", "terms" or "all"');
          }
          const plain = typeof rule.measure === 'string' && typeof rule.periods === 'number';
          c.id(`${path}.id`, rule.id, ids, plain ? trendRuleId(rule as unknown as TrendRule) : path);
        });
      }
    }
  }
  return c.problems;
}

/** Rules from JSON, or the problems that stop them being used. */
export function parseRiskRules(json: unknown): { ok: true; rules: RiskRules } | { ok: false; problems: string[] } {
  const problems = validateRiskRules(json);
  return problems.length === 0 ? { ok: true, rules: json as RiskRules } : { ok: false, problems };
}
