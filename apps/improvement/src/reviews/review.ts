import { daysBetween, formatDate, isIsoDate, type IsoDate } from '@trustwide/common/util/calendar';
import { plural, type Refusal } from '../shared/refusal';

/**
 * Reviews (a pupil premium review, a SEND review, …) are commissioned for a school from a reviewer
 * trained for that kind of review, with a due date; the reviewer completes them with a report. A
 * commissioned review past its due date is overdue.
 */

export const REVIEW_KINDS = ['pupil-premium', 'send', 'governance', 'curriculum', 'safeguarding', 'attendance'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export const REVIEW_STATUSES = ['commissioned', 'completed', 'cancelled'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Review {
  readonly id: string;
  readonly schoolId: string;
  readonly kind: ReviewKind;
  readonly reviewerId: string;
  readonly commissionedOn: IsoDate;
  readonly dueOn: IsoDate;
  readonly status: ReviewStatus;
  readonly completedOn: IsoDate | null;
}

export interface Reviewer {
  readonly staffId: string;
  /** Kinds of review they are trained for. */
  readonly trainedFor: readonly ReviewKind[];
  readonly schoolIds: readonly string[];
}

export interface Commission {
  readonly id: string;
  readonly schoolId: string;
  readonly kind: ReviewKind;
  readonly dueOn: IsoDate;
  readonly today: IsoDate;
}

export type ReviewDecision = { readonly ok: true; readonly review: Review } | { readonly ok: false; readonly refusals: readonly Refusal[] };

const KIND_NAMES: Readonly<Record<ReviewKind, string>> = {
  'pupil-premium': 'pupil premium',
  send: 'SEND',
  governance: 'governance',
  curriculum: 'curriculum',
  safeguarding: 'safeguarding',
  attendance: 'attendance',
};

export function commissionReview(command: Commission, reviewer: Reviewer, existing: readonly Review[]): ReviewDecision {
  const refusals: Refusal[] = [];
  const name = KIND_NAMES[command.kind];
  if (!reviewer.trainedFor.includes(command.kind)) {
    refusals.push({
      rule: 'reviewer',
      message: `The reviewer is not trained for ${name} reviews (trained for: ${reviewer.trainedFor.map((k) => KIND_NAMES[k]).join(', ') || 'none'}).`,
    });
  }
  // A school does not review itself.
  if (reviewer.schoolIds.includes(command.schoolId))
    refusals.push({ rule: 'reviewer', message: 'The reviewer works at the school under review: a review is external.' });
  if (!isIsoDate(command.dueOn)) refusals.push({ rule: 'due', message: `"${String(command.dueOn)}" is not a date as YYYY-MM-DD.` });
  else if (command.dueOn <= command.today)
    refusals.push({
      rule: 'due',
      message: `The due date must be after today (${formatDate(command.today)}), not ${formatDate(command.dueOn)}.`,
    });
  const open = existing.find((r) => r.schoolId === command.schoolId && r.kind === command.kind && r.status === 'commissioned');
  if (open)
    refusals.push({
      rule: 'duplicate',
      message: `A ${name} review of this school is already commissioned (${open.id}, due ${formatDate(open.dueOn)}).`,
    });
  if (refusals.length > 0) return { ok: false, refusals };
  return {
    ok: true,
    review: {
      id: command.id,
      schoolId: command.schoolId,
      kind: command.kind,
      reviewerId: reviewer.staffId,
      commissionedOn: command.today,
      dueOn: command.dueOn,
      status: 'commissioned',
      completedOn: null,
    },
  };
}

export function completeReview(review: Review, actorId: string, today: IsoDate): ReviewDecision {
  if (review.status !== 'commissioned')
    return {
      ok: false,
      refusals: [{ rule: 'status', message: `The review is ${review.status}: only a commissioned review can be completed.` }],
    };
  if (actorId !== review.reviewerId)
    return { ok: false, refusals: [{ rule: 'reviewer', message: 'Only the commissioned reviewer can complete the review.' }] };
  return { ok: true, review: { ...review, status: 'completed', completedOn: today } };
}

export interface OverdueReview {
  readonly id: string;
  readonly daysOverdue: number;
  readonly message: string;
}

export function overdueReviews(reviews: readonly Review[], today: IsoDate): OverdueReview[] {
  return reviews
    .filter((r) => r.status === 'commissioned' && r.dueOn < today)
    .map((r) => {
      const daysOverdue = daysBetween(r.dueOn, today);
      return {
        id: r.id,
        daysOverdue,
        message: `The ${KIND_NAMES[r.kind]} review was due on ${formatDate(r.dueOn)} (${plural(daysOverdue, 'day')} overdue).`,
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue);
}
