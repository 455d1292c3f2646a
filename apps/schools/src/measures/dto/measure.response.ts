import type { MeasureName } from '@trustwide/common';

/** One value of one measure for one period, of the school with this URN (a school's history includes its predecessors'). */
export interface MeasureResponseDto {
  urn: number;
  period: string;
  name: MeasureName;
  value: number;
  recordedAt: string;
}

export function mapMeasure(row: { urn: number; period: string; name: MeasureName; value: number; recordedAt: Date }): MeasureResponseDto {
  return { urn: row.urn, period: row.period, name: row.name, value: row.value, recordedAt: row.recordedAt.toISOString() };
}

/** What recording measures did: the values that changed (and were announced), and how many were as stored. */
export interface RecordMeasuresResponseDto {
  urn: number;
  period: string;
  changed: { name: MeasureName; value: number }[];
  unchanged: number;
}
