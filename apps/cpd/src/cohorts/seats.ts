import { daysBetween, formatDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural, refuse, type Decided } from '../shared/refusal';

/**
 * Who holds a place and who waits, decided from the cohort's places, its enrolled and its waitlist.
 * The caller holds the cohort's row lock while it decides and writes, so requests are decided one
 * at a time in the order they arrive and a cohort never holds more enrolments than places. The
 * waitlist is kept in arrival order (`arrival` is the cohort's own ascending request number); the
 * first waiting moves up by itself when a place frees.
 */

export interface Seat {
  readonly enrolmentId: string;
  /** Ascending per cohort, in the order requests were decided. */
  readonly arrival: number;
}

export interface Seats {
  readonly places: number;
  readonly enrolled: readonly Seat[];
  /** In arrival order. */
  readonly waitlist: readonly Seat[];
}

export const isFull = (seats: Pick<Seats, 'places' | 'enrolled'>): boolean => seats.enrolled.length >= seats.places;
/** Places not taken, from counts (a list of cohorts counts its seats rather than reading them). */
export const placesNotTaken = (places: number, enrolled: number): number => Math.max(0, places - enrolled);
export const placesLeft = (seats: Pick<Seats, 'places' | 'enrolled'>): number => placesNotTaken(seats.places, seats.enrolled.length);

const byArrival = (a: Seat, b: Seat) => a.arrival - b.arrival;

export type SeatDecision =
  | { readonly outcome: 'enrolled'; readonly seats: Seats; readonly becameFull: boolean }
  | { readonly outcome: 'waitlisted'; readonly seats: Seats; readonly position: number };

/** A new request: a place while one is left, else the end of the waitlist. */
export function requestSeat(seats: Seats, seat: Seat): SeatDecision {
  const all = [...seats.enrolled, ...seats.waitlist];
  if (all.some((s) => s.enrolmentId === seat.enrolmentId)) throw new Error(`enrolment ${seat.enrolmentId} already holds a place or waits`);
  if (all.some((s) => s.arrival >= seat.arrival)) throw new Error(`arrival ${seat.arrival} is not after every earlier request`);
  if (!isFull(seats)) {
    const after = { ...seats, enrolled: [...seats.enrolled, seat] };
    return { outcome: 'enrolled', seats: after, becameFull: isFull(after) };
  }
  const waitlist = [...seats.waitlist, seat].sort(byArrival);
  return { outcome: 'waitlisted', seats: { ...seats, waitlist }, position: waitlist.length };
}

export interface Release {
  readonly seats: Seats;
  /** Where the released enrolment was. */
  readonly from: 'enrolled' | 'waitlist';
  /** The first waiting, moved into the freed place (null when nobody waited or nothing freed). */
  readonly promoted: Seat | null;
  /** The cohort was full before and is not now (nobody waited to take the place). */
  readonly noLongerFull: boolean;
}

/**
 * A withdrawal (or a leaver): frees the place, which the first waiting takes. `canTake` lets the
 * caller pass over someone whose place cannot be paid (their school's commission is spent): they
 * keep their position, and the next waiting is promoted.
 */
export function releaseSeat(seats: Seats, enrolmentId: string, canTake: (seat: Seat) => boolean = () => true): Release {
  const leaving = seats.waitlist.find((s) => s.enrolmentId === enrolmentId);
  if (leaving)
    return {
      seats: { ...seats, waitlist: seats.waitlist.filter((s) => s !== leaving) },
      from: 'waitlist',
      promoted: null,
      noLongerFull: false,
    };
  if (!seats.enrolled.some((s) => s.enrolmentId === enrolmentId))
    throw new Error(`enrolment ${enrolmentId} holds no place and is not waiting`);
  const wasFull = isFull(seats);
  const enrolled = seats.enrolled.filter((s) => s.enrolmentId !== enrolmentId);
  const waiting = [...seats.waitlist].sort(byArrival);
  const first = enrolled.length < seats.places ? waiting.find(canTake) : undefined;
  if (first) {
    return {
      seats: { ...seats, enrolled: [...enrolled, first], waitlist: waiting.filter((s) => s !== first) },
      from: 'enrolled',
      promoted: first,
      noLongerFull: false,
    };
  }
  const after = { ...seats, enrolled };
  return { seats: after, from: 'enrolled', promoted: null, noLongerFull: wasFull && !isFull(after) };
}

/**
 * More or fewer places. More promote the first waiting into them, in order; fewer are refused below
 * the number already enrolled (nobody loses a place they were given).
 */
export function resize(seats: Seats, places: number): Decided<{ seats: Seats; promoted: readonly Seat[] }> {
  if (places < seats.enrolled.length) {
    return refuse(
      'places',
      `${plural(seats.enrolled.length, 'person is', 'people are')} enrolled, so the cohort cannot have ${plural(places, 'place')}; withdraw enrolments first.`,
    );
  }
  const waiting = [...seats.waitlist].sort(byArrival);
  const promoted = waiting.slice(0, Math.max(0, places - seats.enrolled.length));
  return { ok: true, seats: { places, enrolled: [...seats.enrolled, ...promoted], waitlist: waiting.slice(promoted.length) }, promoted };
}

/** Less notice than this before the first session is flagged as short notice in the release. */
export const MIN_CANCELLATION_NOTICE_DAYS = 14;

export interface CancellationRelease {
  readonly enrolmentId: string;
  readonly from: 'enrolled' | 'waitlist';
  readonly notice: string;
}

export interface Cancellation {
  /** Days from today to the first session (negative once it has begun). */
  readonly noticeDays: number;
  readonly shortNotice: boolean;
  readonly released: readonly CancellationRelease[];
}

/**
 * Cancelling releases everyone, enrolled and waiting, each with a notice saying when and why. A
 * cohort that has met for the last time is over, not cancellable.
 */
export function cancel(
  cohort: {
    readonly status: 'scheduled' | 'cancelled';
    readonly firstSession: IsoDate;
    readonly lastSession: IsoDate;
    readonly programmeName: string;
  },
  seats: Seats,
  today: IsoDate,
  reason: string,
): Decided<{ cancellation: Cancellation }> {
  if (cohort.status === 'cancelled') return refuse('status', 'The cohort is already cancelled.');
  if (cohort.lastSession < today)
    return refuse('status', `The cohort met for the last time on ${formatDate(cohort.lastSession)}: it is over, not cancellable.`);
  if (reason.trim() === '') return refuse('reason', 'A reason is needed to cancel a cohort (it is sent to everyone released).');
  const noticeDays = daysBetween(today, cohort.firstSession);
  const when =
    noticeDays >= 0
      ? `${plural(noticeDays, 'day')} before its first session on ${formatDate(cohort.firstSession)}`
      : `after it began on ${formatDate(cohort.firstSession)}`;
  const notice = (from: 'enrolled' | 'waitlist') =>
    `The ${cohort.programmeName} cohort was cancelled on ${formatDate(today)}, ${when}: ${reason.trim()}. ${from === 'enrolled' ? 'Your place' : 'Your place on the waitlist'} is released.`;
  const released = [
    ...[...seats.enrolled]
      .sort(byArrival)
      .map((s) => ({ enrolmentId: s.enrolmentId, from: 'enrolled' as const, notice: notice('enrolled') })),
    ...[...seats.waitlist]
      .sort(byArrival)
      .map((s) => ({ enrolmentId: s.enrolmentId, from: 'waitlist' as const, notice: notice('waitlist') })),
  ];
  return { ok: true, cancellation: { noticeDays, shortNotice: noticeDays < MIN_CANCELLATION_NOTICE_DAYS, released } };
}
