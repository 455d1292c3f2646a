import { CohortRow } from './cohorts/cohort.entity';
import { CommissionChargeRow, CommissionRow } from './commissions/commission.entity';
import { EnrolmentRow } from './enrolments/enrolment.entity';
import { EvaluationRow, FeedbackRow, SchoolMeasureRow } from './evaluations/evaluation.entity';
import { CpdSchema1763800000500 } from './migrations/1763800000500-cpd-schema';
import { ProgrammeRow } from './programmes/programme.entity';
import { StaffRoleRow, StaffRow } from './staff/staff.entity';

/** The CPD service's tables and the migration that creates them . */
export const CPD_ENTITIES = [
  ProgrammeRow,
  CohortRow,
  EnrolmentRow,
  CommissionRow,
  CommissionChargeRow,
  FeedbackRow,
  EvaluationRow,
  SchoolMeasureRow,
  StaffRow,
  StaffRoleRow,
];
export const CPD_MIGRATIONS = [CpdSchema1763800000500];
