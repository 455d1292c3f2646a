import { MEASURE_NAMES, type MeasureName } from '@trustwide/contracts';
import { plural, refuse, type Decided } from '../shared/refusal';
import { periodRank } from './periods';
import { round2 } from './round';

/**
 * Measured impact of a programme: a chosen measure (from the schools service's measures events) in
 * each school that took the programme, before and after, and the mean change across the schools
 * measured in both periods. Schools missing a period are listed, not guessed; the direction says
 * whether a rise is good (attainment) or bad (persistent absence).
 */

export { MEASURE_NAMES, type MeasureName };

/** Measures where a fall is the improvement. */
export const LOWER_IS_BETTER: readonly MeasureName[] = ['persistentAbsence', 'exclusions', 'staffTurnover'];
/** Measures that describe a school rather than judge it: change is reported, never called better or worse. */
export const NEUTRAL: readonly MeasureName[] = ['pupilsOnRoll', 'pupilPremiumShare', 'sendShare'];

export interface MeasureValue {
  readonly schoolId: string;
  readonly period: string;
  readonly value: number;
}

export interface ImpactQuestion {
  readonly measure: MeasureName;
  readonly before: string;
  readonly after: string;
  /** The schools that took the programme. */
  readonly schoolIds: readonly string[];
  /** Values of `measure` (any periods; others are ignored). */
  readonly values: readonly MeasureValue[];
}

export interface SchoolImpact {
  readonly schoolId: string;
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly improved: boolean | null;
}

export interface Impact {
  readonly measure: MeasureName;
  readonly before: string;
  readonly after: string;
  readonly schools: readonly SchoolImpact[];
  readonly missing: ReadonlyArray<{ readonly schoolId: string; readonly periods: readonly string[] }>;
  /** Mean of the changes, two decimals; null when no school was measured in both periods. */
  readonly meanChange: number | null;
  /** How many of the measured schools improved (null for a neutral measure). */
  readonly improvedIn: number | null;
  readonly summary: string;
}

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

export function measureImpact(q: ImpactQuestion): Decided<{ impact: Impact }> {
  if (!MEASURE_NAMES.includes(q.measure))
    return refuse('measure', `"${q.measure}" is not a measure; the measures are ${MEASURE_NAMES.join(', ')}.`);
  const [rb, ra] = [periodRank(q.before), periodRank(q.after)];
  if (rb === null || ra === null)
    return refuse('period', `"${rb === null ? q.before : q.after}" is not an academic period such as 2024/25 or 2024/25-autumn.`);
  if (rb >= ra) return refuse('period', `Before (${q.before}) must be an earlier period than after (${q.after}).`);
  if (q.schoolIds.length === 0) return refuse('schools', 'No school took the programme: there is nothing to measure.');

  const valueOf = (schoolId: string, period: string) => q.values.find((v) => v.schoolId === schoolId && v.period === period)?.value;
  const schools: SchoolImpact[] = [];
  const missing: { schoolId: string; periods: string[] }[] = [];
  for (const schoolId of [...new Set(q.schoolIds)]) {
    const before = valueOf(schoolId, q.before);
    const after = valueOf(schoolId, q.after);
    if (before === undefined || after === undefined) {
      missing.push({
        schoolId,
        periods: [before === undefined ? q.before : null, after === undefined ? q.after : null].filter((p) => p !== null),
      });
      continue;
    }
    const change = round2(after - before);
    const improved = NEUTRAL.includes(q.measure) ? null : LOWER_IS_BETTER.includes(q.measure) ? change < 0 : change > 0;
    schools.push({ schoolId, before, after, change, improved });
  }
  const meanChange = schools.length === 0 ? null : round2(schools.reduce((s, x) => s + x.change, 0) / schools.length);
  const improvedIn = NEUTRAL.includes(q.measure) ? null : schools.filter((s) => s.improved).length;
  const summary =
    meanChange === null
      ? `No school that took the programme has ${q.measure} for both ${q.before} and ${q.after}.`
      : `${q.measure} changed by ${signed(meanChange)} on average from ${q.before} to ${q.after} across ${plural(schools.length, 'school')}` +
        (improvedIn === null ? '' : `, improving in ${improvedIn}`) +
        (missing.length > 0 ? `; ${plural(missing.length, 'school')} not measured in both periods` : '') +
        '.';
  return { ok: true, impact: { measure: q.measure, before: q.before, after: q.after, schools, missing, meanChange, improvedIn, summary } };
}
