import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_CATALOGUE } from '../programmes/default-catalogue';
import type { Programme } from '../programmes/lifecycle';
import { cohortProblems, lastAllowedDay, type CohortPlan } from './cohort';
import { cancel, isFull, placesLeft, releaseSeat, requestSeat, resize, type Seat, type Seats } from './seats';

const programme = (code: string): Programme => ({ ...DEFAULT_CATALOGUE.find((p) => p.code === code)!, status: 'published', version: 1 });
const SCHOOL = '11111111-1111-4111-8111-111111111111';
const SLE = '33333333-3333-4333-8333-333333333333';
const TODAY = '2025-09-01';

const plan = (override: Partial<CohortPlan> = {}): CohortPlan => ({
  programmeCode: 'TRUST-AEH',
  places: 24,
  sessions: ['2025-10-06', '2025-10-20', '2025-11-03', '2025-11-17', '2025-12-01'].map((date, i) => ({ date, title: `Day ${i + 1}` })),
  venue: { kind: 'school', schoolId: SCHOOL },
  facilitatorIds: [SLE],
  ...override,
});

describe('scheduling a cohort', () => {
  it('accepts a five-day programme over three months at a school, facilitated by an SLE', () => {
    expect(cohortProblems(plan(), programme('TRUST-AEH'), TODAY)).toEqual([]);
  });

  it.each([
    ['TRUST-AEH', '2025-10-06', '2026-01-05'],
    ['NPQH', '2025-10-06', '2027-04-05'],
    ['NPQLT', '2026-01-31', '2027-01-30'],
  ])('a %s cohort starting %s may meet until %s', (code, first, last) => {
    expect(lastAllowedDay(programme(code), first)).toBe(last);
  });

  it.each<[string, Partial<CohortPlan>, Partial<Programme>, string[]]>([
    [
      'a retired programme',
      {},
      { status: 'retired' },
      ['programmeCode: TRUST-AEH is retired: only a published programme gets new cohorts'],
    ],
    ['no places', { places: 0 }, {}, ['places: places must be a whole number from 1 to 200; it is 0']],
    ['half a place', { places: 2.5 }, {}, ['places: places must be a whole number from 1 to 200; it is 2.5']],
    ['no sessions', { sessions: [] }, {}, ['sessions: a cohort has at least one session']],
    [
      'sessions out of order and on the same day',
      {
        sessions: [
          { date: '2025-10-20', title: 'a' },
          { date: '2025-10-06', title: 'b' },
          { date: '2025-10-06', title: 'c' },
        ],
      },
      {},
      [
        'sessions.1.date: sessions are in date order, one a day: session 2 (6 October 2025) is not after session 1 (20 October 2025)',
        'sessions.2.date: sessions are in date order, one a day: session 3 (6 October 2025) is not after session 2 (6 October 2025)',
      ],
    ],
    [
      'a session on a date that does not exist',
      { sessions: [{ date: '2025-02-30', title: 'x' }] },
      {},
      ['sessions.0.date: "2025-02-30" is not a real date as YYYY-MM-DD'],
    ],
    ['an untitled session', { sessions: [{ date: '2025-10-06', title: ' ' }] }, {}, ['sessions.0.title: each session has a title']],
    [
      'a first session in the past',
      { sessions: [{ date: '2025-08-31', title: 'x' }] },
      {},
      ['sessions.0.date: the first session (31 August 2025) is in the past'],
    ],
    [
      "a last session beyond the programme's length",
      {
        sessions: [
          { date: '2025-10-06', title: 'a' },
          { date: '2026-01-06', title: 'b' },
        ],
      },
      {},
      ['sessions: TRUST-AEH runs 3 months, so a cohort starting 6 October 2025 ends by 5 January 2026; the last session is 6 January 2026'],
    ],
    [
      'a venue elsewhere without a name',
      { venue: { kind: 'elsewhere', name: '' } },
      {},
      ["venue.name: a venue outside the trust's schools needs a name"],
    ],
    [
      'a venue school that is not an id',
      { venue: { kind: 'school', schoolId: 'Bronte' } },
      {},
      ['venue.schoolId: the venue school must be a school id (a lower-case uuid)'],
    ],
    ['no facilitator', { facilitatorIds: [] }, {}, ['facilitatorIds: a cohort has at least one facilitator']],
    ['a facilitator twice', { facilitatorIds: [SLE, SLE] }, {}, ['facilitatorIds: a facilitator is listed twice']],
  ])('refuses %s', (_, override, programmeOverride, problems) => {
    expect(
      cohortProblems(plan(override), { ...programme('TRUST-AEH'), ...programmeOverride }, TODAY).map((p) => `${p.field}: ${p.problem}`),
    ).toEqual(problems);
  });
});

const seat = (n: number): Seat => ({ enrolmentId: `e${n}`, arrival: n });
const seats = (places: number, enrolled: number[], waitlist: number[] = []): Seats => ({
  places,
  enrolled: enrolled.map(seat),
  waitlist: waitlist.map(seat),
});
const ids = (s: Seats) => ({ enrolled: s.enrolled.map((x) => x.enrolmentId), waitlist: s.waitlist.map((x) => x.enrolmentId) });

describe('the seat decision', () => {
  it.each<[string, Seats, number, string, number | null, boolean]>([
    ['an empty cohort enrols', seats(3, []), 1, 'enrolled', null, false],
    ['the last place enrols and fills the cohort', seats(3, [1, 2]), 3, 'enrolled', null, true],
    ['a full cohort waitlists first in line', seats(3, [1, 2, 3]), 4, 'waitlisted', 1, false],
    ['a full cohort with two waiting waitlists third', seats(3, [1, 2, 3], [4, 5]), 6, 'waitlisted', 3, false],
    ['a one-place cohort', seats(1, []), 1, 'enrolled', null, true],
  ])('%s', (_, before, n, outcome, position, becameFull) => {
    const d = requestSeat(before, seat(n));
    expect(d.outcome).toBe(outcome);
    if (d.outcome === 'waitlisted') expect(d.position).toBe(position);
    else expect(d.becameFull).toBe(becameFull);
  });

  it.each([
    ['2 of 3 places taken', seats(3, [1, 2]), 1, false],
    ['3 of 3 places taken', seats(3, [1, 2, 3]), 0, true],
    ['4 enrolled in 3 places (after places were cut by hand)', seats(3, [1, 2, 3, 4]), 0, true],
  ])('full detection: %s', (_, s, left, full) => {
    expect([placesLeft(s), isFull(s)]).toEqual([left, full]);
  });

  it('refuses a request decided out of arrival order, or twice', () => {
    expect(() => requestSeat(seats(3, [5]), seat(4))).toThrow('arrival 4 is not after every earlier request');
    expect(() => requestSeat(seats(3, [5]), { enrolmentId: 'e5', arrival: 9 })).toThrow('enrolment e5 already holds a place or waits');
  });
});

describe('releasing a place', () => {
  it.each<[string, Seats, string, { enrolled: string[]; waitlist: string[] }, string | null, boolean]>([
    [
      'a withdrawal promotes the first waiting',
      seats(3, [1, 2, 3], [4, 5]),
      'e2',
      { enrolled: ['e1', 'e3', 'e4'], waitlist: ['e5'] },
      'e4',
      false,
    ],
    ['with nobody waiting the cohort is no longer full', seats(3, [1, 2, 3]), 'e1', { enrolled: ['e2', 'e3'], waitlist: [] }, null, true],
    [
      'a waiting withdrawal keeps the others in order',
      seats(2, [1, 2], [3, 4, 5]),
      'e4',
      { enrolled: ['e1', 'e2'], waitlist: ['e3', 'e5'] },
      null,
      false,
    ],
    [
      'a withdrawal from a cohort with places left promotes nobody',
      seats(5, [1, 2]),
      'e1',
      { enrolled: ['e2'], waitlist: [] },
      null,
      false,
    ],
  ])('%s', (_, before, id, after, promoted, noLongerFull) => {
    const r = releaseSeat(before, id);
    expect(ids(r.seats)).toEqual(after);
    expect(r.promoted?.enrolmentId ?? null).toBe(promoted);
    expect(r.noLongerFull).toBe(noLongerFull);
  });

  it('passes over a waiting person whose place cannot be paid, who keeps their position', () => {
    const r = releaseSeat(seats(2, [1, 2], [3, 4, 5]), 'e1', (s) => s.enrolmentId !== 'e3');
    expect(ids(r.seats)).toEqual({ enrolled: ['e2', 'e4'], waitlist: ['e3', 'e5'] });
    expect(r.promoted?.enrolmentId).toBe('e4');
    const none = releaseSeat(seats(1, [1], [2]), 'e1', () => false);
    expect([ids(none.seats), none.promoted, none.noLongerFull]).toEqual([{ enrolled: [], waitlist: ['e2'] }, null, true]);
  });

  it('refuses to release an enrolment that is not there', () => {
    expect(() => releaseSeat(seats(2, [1]), 'e9')).toThrow('enrolment e9 holds no place and is not waiting');
  });

  it.each<[string, Seats, number, { enrolled: string[]; waitlist: string[] } | string]>([
    [
      'more places promote the first waiting in order',
      seats(2, [1, 2], [3, 4, 5]),
      4,
      { enrolled: ['e1', 'e2', 'e3', 'e4'], waitlist: ['e5'] },
    ],
    ['fewer places down to the enrolled', seats(5, [1, 2]), 2, { enrolled: ['e1', 'e2'], waitlist: [] }],
    [
      'fewer places than enrolled are refused',
      seats(5, [1, 2, 3]),
      2,
      'places: 3 people are enrolled, so the cohort cannot have 2 places; withdraw enrolments first.',
    ],
  ])('resize: %s', (_, before, places, expected) => {
    const r = resize(before, places);
    if (typeof expected === 'string')
      expect(r).toEqual({ ok: false, refusals: [{ rule: 'places', message: expected.replace(/^places: /, '') }] });
    else expect(r.ok && ids(r.seats)).toEqual(expected);
  });
});

describe('any sequence of requests and withdrawals', () => {
  it('never holds more enrolled than places, keeps the waitlist in arrival order, and leaves nobody waiting beside a free place', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.oneof(fc.constant('request' as const), fc.nat(40)), { maxLength: 80 }),
        (places, steps) => {
          let s: Seats = { places, enrolled: [], waitlist: [] };
          let arrival = 0;
          for (const step of steps) {
            const present = [...s.enrolled, ...s.waitlist];
            if (step === 'request') s = requestSeat(s, seat(++arrival)).seats;
            else if (present.length > 0) s = releaseSeat(s, present[step % present.length].enrolmentId).seats;
            expect(s.enrolled.length).toBeLessThanOrEqual(places);
            expect(s.waitlist.map((w) => w.arrival)).toEqual([...s.waitlist.map((w) => w.arrival)].sort((a, b) => a - b));
            if (s.waitlist.length > 0) expect(s.enrolled.length).toBe(places);
          }
        },
      ),
    );
  });
});

describe('cancelling a cohort', () => {
  const cohort = {
    status: 'scheduled' as const,
    firstSession: '2025-10-06',
    lastSession: '2025-12-01',
    programmeName: 'Aspiring Executive Headteacher Programme',
  };

  it('releases everyone, enrolled then waiting in arrival order, each with notice', () => {
    const r = cancel(cohort, seats(2, [2, 1], [4, 3]), '2025-09-01', 'the facilitator is unwell');
    expect(r).toEqual({
      ok: true,
      cancellation: {
        noticeDays: 35,
        shortNotice: false,
        released: [
          { enrolmentId: 'e1', from: 'enrolled', notice: expect.stringContaining('Your place is released.') },
          { enrolmentId: 'e2', from: 'enrolled', notice: expect.any(String) },
          { enrolmentId: 'e3', from: 'waitlist', notice: expect.stringContaining('Your place on the waitlist is released.') },
          { enrolmentId: 'e4', from: 'waitlist', notice: expect.any(String) },
        ],
      },
    });
    if (r.ok) {
      expect(r.cancellation.released[0].notice).toBe(
        'The Aspiring Executive Headteacher Programme cohort was cancelled on 1 September 2025, 35 days before its first session on 6 October 2025: the facilitator is unwell. Your place is released.',
      );
    }
  });

  it.each<[string, string, number, boolean, string]>([
    ['two weeks before: not short notice', '2025-09-22', 14, false, '14 days before its first session'],
    ['thirteen days before: short notice', '2025-09-23', 13, true, '13 days before its first session'],
    ['on the day', '2025-10-06', 0, true, '0 days before its first session'],
    ['after it began', '2025-11-01', -26, true, 'after it began on 6 October 2025'],
  ])('notice: %s', (_, today, noticeDays, shortNotice, words) => {
    const r = cancel(cohort, seats(2, [1]), today, 'venue closed');
    expect(r.ok && [r.cancellation.noticeDays, r.cancellation.shortNotice]).toEqual([noticeDays, shortNotice]);
    expect(r.ok && r.cancellation.released[0].notice).toContain(words);
  });

  it.each<[string, Parameters<typeof cancel>[0], string, string, string]>([
    ['an already cancelled cohort', { ...cohort, status: 'cancelled' }, '2025-09-01', 'status', 'The cohort is already cancelled.'],
    [
      'a cohort that is over',
      cohort,
      '2025-12-02',
      'status',
      'The cohort met for the last time on 1 December 2025: it is over, not cancellable.',
    ],
  ])('refuses %s', (_, c, today, rule, message) => {
    expect(cancel(c, seats(2, []), today, 'x')).toEqual({ ok: false, refusals: [{ rule, message }] });
  });

  it('refuses without a reason', () => {
    expect(cancel(cohort, seats(2, []), TODAY, ' ')).toEqual({
      ok: false,
      refusals: [{ rule: 'reason', message: 'A reason is needed to cancel a cohort (it is sent to everyone released).' }],
    });
  });
});
