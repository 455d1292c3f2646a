import { describe, expect, it } from '@jest/globals';
import { commissionReview, completeReview, overdueReviews, type Commission, type Review, type Reviewer } from './review';

const SCHOOL = 'school-1';
const reviewer: Reviewer = { staffId: 'rev-1', trainedFor: ['pupil-premium', 'send'], schoolIds: ['school-9'] };
const command = (overrides: Partial<Commission> = {}): Commission => ({
  id: 'r-new',
  schoolId: SCHOOL,
  kind: 'pupil-premium',
  dueOn: '2026-12-01',
  today: '2026-10-01',
  ...overrides,
});
const review = (overrides: Partial<Review> = {}): Review => ({
  id: 'r-1',
  schoolId: SCHOOL,
  kind: 'pupil-premium',
  reviewerId: 'rev-1',
  commissionedOn: '2026-09-01',
  dueOn: '2026-11-01',
  status: 'commissioned',
  completedOn: null,
  ...overrides,
});

describe('commissioning a review', () => {
  it('from a trained, external reviewer with a due date', () => {
    expect(commissionReview(command(), reviewer, [])).toEqual({
      ok: true,
      review: {
        id: 'r-new',
        schoolId: SCHOOL,
        kind: 'pupil-premium',
        reviewerId: 'rev-1',
        commissionedOn: '2026-10-01',
        dueOn: '2026-12-01',
        status: 'commissioned',
        completedOn: null,
      },
    });
  });

  it.each<[string, Commission, Reviewer, Review[], string[]]>([
    [
      'a reviewer not trained for the kind',
      command({ kind: 'governance' }),
      reviewer,
      [],
      ['reviewer: The reviewer is not trained for governance reviews (trained for: pupil premium, SEND).'],
    ],
    [
      'a reviewer from the school itself',
      command(),
      { ...reviewer, schoolIds: [SCHOOL] },
      [],
      ['reviewer: The reviewer works at the school under review: a review is external.'],
    ],
    [
      'due today',
      command({ dueOn: '2026-10-01' }),
      reviewer,
      [],
      ['due: The due date must be after today (1 October 2026), not 1 October 2026.'],
    ],
    [
      'the same kind already open',
      command(),
      reviewer,
      [review()],
      ['duplicate: A pupil premium review of this school is already commissioned (r-1, due 1 November 2026).'],
    ],
    ['the same kind, but completed', command(), reviewer, [review({ status: 'completed' })], []],
  ])('%s', (_, cmd, rev, existing, refusals) => {
    const result = commissionReview(cmd, rev, existing);
    expect(result.ok ? [] : result.refusals.map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });
});

describe('completing and overdue', () => {
  it.each<[string, Review, string, string | null]>([
    ['by the reviewer', review(), 'rev-1', null],
    ['by someone else', review(), 'rev-2', 'reviewer: Only the commissioned reviewer can complete the review.'],
    ['twice', review({ status: 'completed' }), 'rev-1', 'status: The review is completed: only a commissioned review can be completed.'],
  ])('completion %s', (_, r, actor, refusal) => {
    const result = completeReview(r, actor, '2026-11-05');
    if (refusal === null) expect(result).toEqual({ ok: true, review: { ...r, status: 'completed', completedOn: '2026-11-05' } });
    else expect(result.ok ? null : `${result.refusals[0].rule}: ${result.refusals[0].message}`).toBe(refusal);
  });

  it('lists commissioned reviews past their date, most overdue first', () => {
    const reviews = [
      review({ id: 'a', dueOn: '2026-11-01' }),
      review({ id: 'b', kind: 'send', dueOn: '2026-10-01' }),
      review({ id: 'c', dueOn: '2026-11-10' }),
      review({ id: 'd', dueOn: '2026-09-01', status: 'completed' }),
      review({ id: 'e', dueOn: '2026-09-01', status: 'cancelled' }),
    ];
    expect(overdueReviews(reviews, '2026-11-10')).toEqual([
      { id: 'b', daysOverdue: 40, message: 'The SEND review was due on 1 October 2026 (40 days overdue).' },
      { id: 'a', daysOverdue: 9, message: 'The pupil premium review was due on 1 November 2026 (9 days overdue).' },
    ]);
  });
});
