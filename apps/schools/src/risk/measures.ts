import type { MeasureName } from '@trustwide/common';

/**
 * What each measure a CEO watches is, for reading it in rules and sentences. Percentages are in
 * percent (89.1 means 89.1%), money in pounds.
 */

export type MeasureDirection = 'higher-is-better' | 'lower-is-better' | 'neutral';
export type MeasureUnit = 'percent' | 'pounds' | 'count' | 'score';

export interface MeasureInfo {
  readonly label: string;
  readonly unit: MeasureUnit;
  /** Which way is an improvement; `neutral` for context measures (a higher SEND share is not worse). */
  readonly direction: MeasureDirection;
}

export const MEASURE_INFO: Readonly<Record<MeasureName, MeasureInfo>> = {
  pupilsOnRoll: { label: 'Pupils on roll', unit: 'count', direction: 'higher-is-better' },
  attainmentExpectedStandard: { label: 'Attainment at the expected standard', unit: 'percent', direction: 'higher-is-better' },
  progress: { label: 'Progress', unit: 'score', direction: 'higher-is-better' },
  attendance: { label: 'Attendance', unit: 'percent', direction: 'higher-is-better' },
  persistentAbsence: { label: 'Persistent absence', unit: 'percent', direction: 'lower-is-better' },
  pupilPremiumShare: { label: 'Pupil premium share', unit: 'percent', direction: 'neutral' },
  sendShare: { label: 'SEND share', unit: 'percent', direction: 'neutral' },
  exclusions: { label: 'Exclusions', unit: 'count', direction: 'lower-is-better' },
  inYearBalance: { label: 'In-year balance', unit: 'pounds', direction: 'higher-is-better' },
  staffTurnover: { label: 'Staff turnover', unit: 'percent', direction: 'lower-is-better' },
};

/** Up to two decimals, no trailing zeros, thousands grouped: 12500 → "12,500", 89.10 → "89.1". */
export function formatNumber(value: number): string {
  const rounded = Math.round(Math.abs(value) * 100) / 100;
  const [whole, fraction] = String(rounded).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** A value in its unit: "89.1%", "-£12,500", "412", "-0.3". */
export function formatMeasureValue(unit: MeasureUnit, value: number): string {
  if (unit === 'percent') return `${formatNumber(value)}%`;
  if (unit === 'pounds') return value < 0 ? `-£${formatNumber(-value)}` : `£${formatNumber(value)}`;
  return formatNumber(value);
}

/** A difference in its unit: "3.2 percentage points", "£4,000", "0.3". */
export function formatMeasureChange(unit: MeasureUnit, change: number): string {
  const size = Math.abs(change);
  if (unit === 'percent') return `${formatNumber(size)} percentage ${size === 1 ? 'point' : 'points'}`;
  if (unit === 'pounds') return `£${formatNumber(size)}`;
  return formatNumber(size);
}
