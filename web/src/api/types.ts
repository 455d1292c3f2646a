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

// The services' answers the dashboard reads, likewise.
/** A school as the schools service lists it (the dashboard reads where it is). */
export type RegisterSchool = Api.SchoolResponseDto;
export type Designation = Api.DesignationResponse;
export type Staff = Api.StaffResponse;
export type Capacity = Api.CapacityResponse;
export type GapReport = Api.GapReport;

/** A plan as the improvement service answers it (its handlers return no named type, so the document's is inline). */
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
