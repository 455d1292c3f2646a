import type { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from '../designation.entity';

export interface TransitionResponse {
  action: string;
  from: string | null;
  to: string;
  reason: string;
  decidedBy: { kind: string; id: string };
  decidedAt: string;
  effectiveOn: string;
}

export interface DesignationResponse {
  id: string;
  trustId: string;
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
  /** On GET /designations/:id only. */
  history?: TransitionResponse[];
  commitments?: { schoolId: string; daysPerYear: number; signedBy: string; signedOn: string }[];
}

export const mapTransition = (t: DesignationTransitionRow): TransitionResponse => ({
  action: t.action,
  from: t.fromStatus,
  to: t.toStatus,
  reason: t.reason,
  decidedBy: { kind: t.decidedByKind, id: t.decidedBy },
  decidedAt: t.decidedAt.toISOString(),
  effectiveOn: t.effectiveOn,
});

export function mapDesignation(
  d: DesignationRow,
  history?: DesignationTransitionRow[],
  commitments?: ReleaseCommitmentRow[],
): DesignationResponse {
  return {
    id: d.id,
    trustId: d.trustId,
    staffId: d.staffId,
    type: d.type,
    specialisms: d.specialisms,
    status: d.status,
    schoolId: d.schoolId,
    termStartsOn: d.termStartsOn,
    termEndsOn: d.termEndsOn,
    releaseDaysPerYear: d.releaseDaysPerYear,
    renewalFlaggedFor: d.renewalFlaggedFor,
    version: d.version,
    ...(history ? { history: history.map(mapTransition) } : {}),
    ...(commitments
      ? {
          commitments: commitments.map((c) => ({
            schoolId: c.schoolId,
            daysPerYear: c.daysPerYear,
            signedBy: c.signedBy,
            signedOn: c.signedOn,
          })),
        }
      : {}),
  };
}
