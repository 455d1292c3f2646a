import { formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { refuse, type Decided, type Refusal } from '../shared/refusal';
import type { RoleSpell } from '../shared/roles';
import type { Programme } from '../programmes/lifecycle';
import { unmetPrerequisites } from './prerequisites';

/**
 * An enrolment's life as a table: which action moves which status where. A refused action says what
 * the enrolment is and what would be needed.
 *
 *   (request) → enrolled | waitlisted;  waitlisted → enrolled (promoted);
 *   enrolled | waitlisted → withdrawn (requested, left the trust, cohort cancelled);
 *   enrolled → completed → passed | not-passed (assessed programmes only)
 */

export const ENROLMENT_STATUSES = ['enrolled', 'waitlisted', 'withdrawn', 'completed', 'passed', 'not-passed'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** Holding or waiting for a place: what counts as one person's live enrolment. */
export const LIVE_STATUSES: readonly EnrolmentStatus[] = ['enrolled', 'waitlisted'];
export const FINISHED_STATUSES: readonly EnrolmentStatus[] = ['completed', 'passed', 'not-passed'];

export const WITHDRAWAL_REASONS = ['requested', 'left-trust', 'cohort-cancelled'] as const;
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number];

export const ENROLMENT_ACTIONS = ['promote', 'withdraw', 'complete', 'assess'] as const;
export type EnrolmentAction = (typeof ENROLMENT_ACTIONS)[number];

export const TRANSITIONS: Readonly<
  Record<EnrolmentAction, { readonly from: readonly EnrolmentStatus[]; readonly to: readonly EnrolmentStatus[] }>
> = {
  promote: { from: ['waitlisted'], to: ['enrolled'] },
  withdraw: { from: ['enrolled', 'waitlisted'], to: ['withdrawn'] },
  complete: { from: ['enrolled'], to: ['completed'] },
  assess: { from: ['completed'], to: ['passed', 'not-passed'] },
};

const ALLOWED: Readonly<Record<EnrolmentAction, string>> = {
  promote: 'only a waiting enrolment can be promoted',
  withdraw: 'only an enrolment holding or waiting for a place can be withdrawn',
  complete: 'only an enrolled participant can complete',
  assess: 'only a completed enrolment can be assessed',
};

export interface Enrolment {
  readonly status: EnrolmentStatus;
  readonly withdrawalReason: WithdrawalReason | null;
  readonly changedOn: IsoDate;
}

export interface CohortDates {
  readonly firstSession: IsoDate;
  readonly lastSession: IsoDate;
}

export type EnrolmentCommand =
  | { readonly action: 'promote'; readonly today: IsoDate }
  | { readonly action: 'withdraw'; readonly reason: WithdrawalReason; readonly today: IsoDate }
  | { readonly action: 'complete'; readonly cohort: CohortDates; readonly today: IsoDate }
  | {
      readonly action: 'assess';
      readonly passed: boolean;
      readonly programme: Pick<Programme, 'code' | 'assessed' | 'awardsQualification'>;
      readonly today: IsoDate;
    };

export type EnrolmentDecision = Decided<{ enrolment: Enrolment; from: EnrolmentStatus; qualificationAwarded: boolean }>;

export function decideEnrolment(enrolment: Enrolment, command: EnrolmentCommand): EnrolmentDecision {
  const step = TRANSITIONS[command.action];
  if (!step.from.includes(enrolment.status)) {
    return refuse('status', `Cannot ${command.action} this enrolment: it is ${enrolment.status}, and ${ALLOWED[command.action]}.`);
  }
  let to = step.to[0];
  let qualificationAwarded = false;
  if (command.action === 'complete' && command.today < command.cohort.lastSession) {
    return refuse(
      'dates',
      `The cohort's last session is on ${formatDate(command.cohort.lastSession)}: a participant completes on or after it.`,
    );
  }
  if (command.action === 'assess') {
    if (!command.programme.assessed) return refuse('assessment', `${command.programme.code} has no assessment: completing it is the end.`);
    to = command.passed ? 'passed' : 'not-passed';
    qualificationAwarded = command.passed && command.programme.awardsQualification;
  }
  const withdrawalReason = command.action === 'withdraw' ? command.reason : null;
  return { ok: true, enrolment: { status: to, withdrawalReason, changedOn: command.today }, from: enrolment.status, qualificationAwarded };
}

/** What the service knows of a person from the people service's events. */
export interface StaffRecord {
  readonly staffId: string;
  /** Employing school; null after they left. */
  readonly schoolId: string | null;
  readonly leftOn: IsoDate | null;
  readonly roles: readonly RoleSpell[];
}

export interface EnrolmentHistoryItem {
  readonly cohortId: string;
  readonly programmeCode: string;
  readonly status: EnrolmentStatus;
  readonly changedOn: IsoDate;
}

export interface EnrolRequest {
  readonly person: StaffRecord | null;
  readonly programme: Programme;
  readonly cohort: { readonly id: string; readonly status: 'scheduled' | 'cancelled' } & CohortDates;
  /** The person's enrolments in this programme's cohorts. */
  readonly earlier: readonly EnrolmentHistoryItem[];
  readonly today: IsoDate;
}

/**
 * Whether a person may ask for a place (the seat decision then enrols or waitlists them). All that
 * stands in the way is reported at once.
 */
export function enrolmentRefusals(request: EnrolRequest): Refusal[] {
  const { person, programme, cohort, earlier, today } = request;
  const refusals: Refusal[] = [];
  if (person === null)
    return [{ rule: 'person', message: "This person is not known to the CPD service as a member of the trust's staff." }];
  if (person.leftOn !== null && person.leftOn < today)
    refusals.push({ rule: 'person', message: `This person left the trust on ${formatDate(person.leftOn)}: only current staff enrol.` });
  if (programme.status !== 'published')
    refusals.push({ rule: 'programme', message: `${programme.code} is retired: it takes no new enrolments.` });
  if (cohort.status === 'cancelled') refusals.push({ rule: 'cohort', message: 'The cohort is cancelled.' });
  else if (today > cohort.firstSession)
    refusals.push({
      rule: 'cohort',
      message: `Enrolment closed when the cohort's first session began on ${formatDate(cohort.firstSession)}.`,
    });
  const live = earlier.find((e) => LIVE_STATUSES.includes(e.status));
  if (live) {
    refusals.push({
      rule: 'duplicate',
      message:
        live.cohortId === cohort.id
          ? `This person is already ${live.status} in this cohort.`
          : `This person is already ${live.status} in another ${programme.code} cohort.`,
    });
  }
  const done = earlier.find((e) => e.status === 'completed' || e.status === 'passed');
  if (done)
    refusals.push({
      rule: 'duplicate',
      message: `This person ${done.status === 'passed' ? 'passed' : 'completed'} ${programme.code} on ${formatDate(done.changedOn)}.`,
    });
  refusals.push(...unmetPrerequisites(programme, person.roles, today));
  return refusals;
}

export interface LiveEnrolment {
  readonly enrolmentId: string;
  readonly status: EnrolmentStatus;
}

/**
 * A person left the trust: every enrolment still holding or waiting for a place is withdrawn (so
 * its place goes to the first waiting); finished ones stay as history.
 */
export const toWithdrawOnLeaving = (enrolments: readonly LiveEnrolment[]): string[] =>
  enrolments.filter((e) => LIVE_STATUSES.includes(e.status)).map((e) => e.enrolmentId);
