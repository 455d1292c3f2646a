/**
 * Whether a sign-in may be linked to a staff record, from what the gateway's own read model knows of the record
 * (`rm_people`, fed by the people service's events; the gateway never asks the people service). The unique index
 * on users (trust_id, staff_id) is what keeps a record to one account; this says why a record cannot be linked.
 */
export interface StaffRecordSeen {
  /** The read model's status: employed, left or erased. */
  status: string | null;
  erased: boolean | null;
}

/** Null: it may be linked. Otherwise the sentence for the 422 on `staffId`. */
export function staffLinkProblem(staffId: string, record: StaffRecordSeen | undefined): string | null {
  if (!record) return `no staff record ${staffId} in this trust (a record just added may take a moment to arrive: try again)`;
  if (record.erased || record.status === 'erased') return `staff record ${staffId} has been erased: it cannot sign in`;
  return null;
}
