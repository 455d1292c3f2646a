/** The answers the dashboard reads, as the gateway's read model and the services give them (only the fields used). */
import type * as Api from './schema';

// The read model's answers, as docs/openapi.json describes them (generated from the gateway's response types).
export type MeasureNow = Api.MeasureNow;
export type Inspection = Api.InspectionView;
export type SupportLink = Api.SupportLink;
export type OverviewSchool = Api.OverviewSchool;
export type Overview = Api.OverviewResponse;
export type Alert = Api.AlertView;
/** One event of the audit trail (`GET audit?subject=`): who did what and when; people erased since are `[erased]`. */
export type AuditEntry = Api.AuditEntryView;
export type Leadership = Api.LeadershipResponse;
export type SchoolPageData = Api.SchoolPageResponse;
export type Agreement = Api.AgreementView;
export type PipelinePerson = Api.PipelinePerson;

/** A school as the schools service lists it (only what the dashboard reads: where it is). */
export interface RegisterSchool {
  id: string;
  urn: number;
  name: string;
  easting: number | null;
  northing: number | null;
}

export interface Plan {
  id: string;
  academicYear: string;
  status: string;
  progress: { status: string; completion: number };
  atRisk: boolean;
  riskReasons: string[];
  priorities: {
    id: string;
    title: string;
    actions: { id: string; title: string; ownerId: string; dueOn: string; status: string; evidence: string[] }[];
  }[];
}

export interface Designation {
  id: string;
  staffId: string;
  type: string;
  specialisms: string[];
  status: string;
  schoolId: string;
  termStartsOn: string | null;
  termEndsOn: string | null;
  releaseDaysPerYear: number | null;
  renewalFlaggedFor: string | null;
  version: number;
}

export interface Staff {
  id: string;
  firstName: string | null;
  lastName: string | null;
  schoolId: string | null;
  status: string;
  roles: { role: string; schoolId: string | null }[];
}

export interface Capacity {
  staffId: string;
  academicYear: string;
  availableDays: number;
  committedDays: number;
  remainingDays: number;
  status: string;
}

export interface GapReport {
  role: string;
  people: number;
  gaps: { skill: string; importance: number; confidence: number; gap: number; significant: boolean }[];
}
