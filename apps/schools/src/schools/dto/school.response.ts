import type { RiskLevel } from '@trustwide/common';
import type { InspectionResponseDto } from '../../inspections/dto/inspection.response';
import type { MeasureResponseDto } from '../../measures/dto/measure.response';
import { PROFILE_FIELDS, type ProfileValues } from '../school-profile';
import type { School } from '../school.entity';

export interface SchoolRiskDto {
  /** null: nothing to judge by yet (unassessed). */
  level: RiskLevel | null;
  reasons: string[];
  evaluatedAt: string | null;
}

/** A school as the API returns it: its register entry and its risk status (`id` is the `schoolId` of its events). */
export type SchoolResponseDto = { id: string; urn: number } & ProfileValues & { risk: SchoolRiskDto };

/** One school with its history: the URNs it succeeded, its successors, and the inspections and measures of them all. */
export type SchoolDetailResponseDto = SchoolResponseDto & {
  /** This URN and its predecessors', newest first. */
  lineage: number[];
  successors: { urn: number; name: string }[];
  inspections: InspectionResponseDto[];
  measures: MeasureResponseDto[];
};

export interface SchoolListResponseDto {
  /** Schools matching the filters (all pages). */
  total: number;
  items: SchoolResponseDto[];
}

export function mapSchool(school: School): SchoolResponseDto {
  const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, school[f] ?? null])) as ProfileValues;
  return {
    id: school.id,
    urn: school.urn,
    ...profile,
    risk: { level: school.riskLevel, reasons: school.riskReasons, evaluatedAt: school.riskEvaluatedAt?.toISOString() ?? null },
  };
}
