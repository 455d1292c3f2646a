import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOGUE } from '../programmes/default-catalogue';
import type { Programme } from '../programmes/lifecycle';
import type { RoleSpell } from '../shared/roles';
import {
  decideEnrolment,
  ENROLMENT_ACTIONS,
  ENROLMENT_STATUSES,
  enrolmentRefusals,
  toWithdrawOnLeaving,
  TRANSITIONS,
  type EnrolmentAction,
  type EnrolmentCommand,
  type EnrolmentStatus,
  type EnrolRequest,
  type StaffRecord,
} from './lifecycle';
import { meetsPrerequisites, unmetPrerequisites } from './prerequisites';

const programme = (code: string): Programme => ({ ...DEFAULT_CATALOGUE.find((p) => p.code === code)!, status: 'published', version: 1 });
const SCHOOL = '11111111-1111-4111-8111-111111111111';
const TODAY = '2025-09-01';
const spell = (role: RoleSpell['role'], startedOn: string, endedOn: string | null = null): RoleSpell => ({
  role,
  schoolId: SCHOOL,
  startedOn,
  endedOn,
});
const COHORT = { firstSession: '2025-10-06', lastSession: '2027-03-01' };

describe('prerequisites, explained against the role history', () => {
  it.each<[string, string, RoleSpell[], string[]]>([
    ['a deputy may take NPQH', 'NPQH', [spell('deputy-headteacher', '2022-09-01')], []],
    ['anyone on staff may take NPQEYL (no prerequisites)', 'NPQEYL', [], []],
    ['a head of two years may take NPQEL', 'NPQEL', [spell('headteacher', '2023-09-01')], []],
    [
      'a head of 2 years counted across a move to executive head',
      'NPQEL',
      [spell('headteacher', '2023-09-01', '2024-08-31'), spell('executive-headteacher', '2024-09-01')],
      [],
    ],
    [
      'a deputy may not take NPQEL',
      'NPQEL',
      [spell('deputy-headteacher', '2015-09-01')],
      [
        'NPQEL is for someone currently an executive headteacher or a headteacher or a CEO; on 1 September 2025 they are a deputy headteacher.',
        'NPQEL needs at least 2 years of headship; the role history shows no time.',
      ],
    ],
    [
      'a new head a day short of two years',
      'NPQEL',
      [spell('headteacher', '2023-09-02')],
      ['NPQEL needs at least 2 years of headship; the role history shows 1 year and 365 days.'],
    ],
    [
      'a former head now a consultant has the years but not the role',
      'NPQEL',
      [spell('headteacher', '2010-09-01', '2024-08-31'), spell('other', '2024-09-01')],
      ['NPQEL is for someone currently an executive headteacher or a headteacher or a CEO; on 1 September 2025 they are an other role.'],
    ],
    [
      'someone in no recorded role',
      'NPQSL',
      [],
      [
        'NPQSL is for someone currently a middle leader or a SENCO or a business manager or a head of school or a deputy headteacher or an assistant headteacher; on 1 September 2025 they are in no recorded role.',
      ],
    ],
    [
      'a teacher may not take the Aspiring Executive Headteacher Programme',
      'TRUST-AEH',
      [spell('teacher', '2020-09-01')],
      ['TRUST-AEH is for someone currently an executive headteacher or a headteacher; on 1 September 2025 they are a teacher.'],
    ],
  ])('%s', (_, code, history, messages) => {
    expect(unmetPrerequisites(programme(code), history, TODAY).map((r) => r.message)).toEqual(messages);
    expect(meetsPrerequisites(programme(code), history, TODAY)).toBe(messages.length === 0);
  });
});

const enrolment = (status: EnrolmentStatus) => ({ status, withdrawalReason: null, changedOn: '2025-09-01' });
const commandFor = (action: EnrolmentAction, today = '2027-03-01'): EnrolmentCommand => {
  switch (action) {
    case 'promote':
      return { action, today };
    case 'withdraw':
      return { action, reason: 'requested', today };
    case 'complete':
      return { action, cohort: COHORT, today };
    case 'assess':
      return { action, passed: true, programme: programme('NPQH'), today };
  }
};

describe('the enrolment state machine', () => {
  const cases = ENROLMENT_STATUSES.flatMap((status) =>
    ENROLMENT_ACTIONS.map((action) => [status, action, TRANSITIONS[action].from.includes(status)] as const),
  );

  it.each(cases)('%s + %s: allowed = %s', (status, action, allowed) => {
    const result = decideEnrolment(enrolment(status), commandFor(action));
    if (allowed) expect(result).toMatchObject({ ok: true, from: status, enrolment: { status: TRANSITIONS[action].to[0] } });
    else
      expect(result).toEqual({
        ok: false,
        refusals: [
          { rule: 'status', message: expect.stringMatching(new RegExp(`^Cannot ${action} this enrolment: it is ${status}, and `)) },
        ],
      });
  });

  it.each<[string, EnrolmentStatus, EnrolmentCommand, string, string]>([
    [
      'completing a withdrawn enrolment',
      'withdrawn',
      commandFor('complete'),
      'status',
      'Cannot complete this enrolment: it is withdrawn, and only an enrolled participant can complete.',
    ],
    [
      'promoting someone enrolled',
      'enrolled',
      commandFor('promote'),
      'status',
      'Cannot promote this enrolment: it is enrolled, and only a waiting enrolment can be promoted.',
    ],
    [
      'withdrawing after completion',
      'completed',
      commandFor('withdraw'),
      'status',
      'Cannot withdraw this enrolment: it is completed, and only an enrolment holding or waiting for a place can be withdrawn.',
    ],
    [
      'completing before the last session',
      'enrolled',
      commandFor('complete', '2027-02-28'),
      'dates',
      "The cohort's last session is on 1 March 2027: a participant completes on or after it.",
    ],
    [
      'assessing a programme without assessment',
      'completed',
      { action: 'assess', passed: true, programme: programme('TRUST-AEH'), today: TODAY },
      'assessment',
      'TRUST-AEH has no assessment: completing it is the end.',
    ],
  ])('refuses %s', (_, status, command, rule, message) => {
    expect(decideEnrolment(enrolment(status), command)).toEqual({ ok: false, refusals: [{ rule, message }] });
  });

  it.each<[string, boolean, string, EnrolmentStatus, boolean]>([
    ['an NPQ passed is a qualification awarded', true, 'NPQH', 'passed', true],
    ['an NPQ not passed awards nothing', false, 'NPQH', 'not-passed', false],
  ])('%s', (_, passed, code, status, awarded) => {
    expect(decideEnrolment(enrolment('completed'), { action: 'assess', passed, programme: programme(code), today: TODAY })).toEqual({
      ok: true,
      from: 'completed',
      enrolment: { status, withdrawalReason: null, changedOn: TODAY },
      qualificationAwarded: awarded,
    });
  });

  it.each(['requested', 'left-trust', 'cohort-cancelled'] as const)('a withdrawal keeps its reason: %s', (reason) => {
    expect(decideEnrolment(enrolment('waitlisted'), { action: 'withdraw', reason, today: TODAY })).toMatchObject({
      ok: true,
      enrolment: { status: 'withdrawn', withdrawalReason: reason },
    });
  });
});

const STAFF: StaffRecord = { staffId: 's1', schoolId: SCHOOL, leftOn: null, roles: [spell('deputy-headteacher', '2020-09-01')] };
const request = (override: Partial<EnrolRequest> = {}): EnrolRequest => ({
  person: STAFF,
  programme: programme('NPQH'),
  cohort: { id: 'c1', status: 'scheduled', ...COHORT },
  earlier: [],
  today: TODAY,
  ...override,
});

describe('who may ask for a place', () => {
  it('a current deputy may ask for a place on an NPQH cohort', () => {
    expect(enrolmentRefusals(request())).toEqual([]);
  });

  it.each<[string, Partial<EnrolRequest>, string[]]>([
    [
      'someone the service does not know',
      { person: null },
      ["person: This person is not known to the CPD service as a member of the trust's staff."],
    ],
    [
      'someone who left',
      { person: { ...STAFF, schoolId: null, leftOn: '2025-08-31' } },
      ['person: This person left the trust on 31 August 2025: only current staff enrol.'],
    ],
    [
      'a retired programme',
      { programme: { ...programme('NPQH'), status: 'retired' } },
      ['programme: NPQH is retired: it takes no new enrolments.'],
    ],
    ['a cancelled cohort', { cohort: { id: 'c1', status: 'cancelled', ...COHORT } }, ['cohort: The cohort is cancelled.']],
    [
      'a cohort that has begun',
      { today: '2025-10-07' },
      ["cohort: Enrolment closed when the cohort's first session began on 6 October 2025."],
    ],
    [
      'someone already waiting in this cohort',
      { earlier: [{ cohortId: 'c1', programmeCode: 'NPQH', status: 'waitlisted', changedOn: TODAY }] },
      ['duplicate: This person is already waitlisted in this cohort.'],
    ],
    [
      'someone enrolled in another cohort of the programme',
      { earlier: [{ cohortId: 'c0', programmeCode: 'NPQH', status: 'enrolled', changedOn: TODAY }] },
      ['duplicate: This person is already enrolled in another NPQH cohort.'],
    ],
    [
      'someone who already passed',
      { earlier: [{ cohortId: 'c0', programmeCode: 'NPQH', status: 'passed', changedOn: '2024-07-15' }] },
      ['duplicate: This person passed NPQH on 15 July 2024.'],
    ],
    [
      'a teacher (prerequisite)',
      { person: { ...STAFF, roles: [spell('teacher', '2020-09-01')] } },
      [
        'prerequisite: NPQH is for someone currently a head of school or a deputy headteacher or an assistant headteacher or an executive headteacher or a headteacher; on 1 September 2025 they are a teacher.',
      ],
    ],
  ])('refuses %s', (_, override, refusals) => {
    expect(enrolmentRefusals(request(override)).map((r) => `${r.rule}: ${r.message}`)).toEqual(refusals);
  });

  it('someone withdrawn or not passed before may ask again', () => {
    expect(
      enrolmentRefusals(
        request({
          earlier: [
            { cohortId: 'c0', programmeCode: 'NPQH', status: 'withdrawn', changedOn: '2024-01-01' },
            { cohortId: 'c9', programmeCode: 'NPQH', status: 'not-passed', changedOn: '2025-07-01' },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('a person leaving the trust', () => {
  it('withdraws what holds or waits for a place and leaves history alone', () => {
    expect(
      toWithdrawOnLeaving([
        { enrolmentId: 'a', status: 'enrolled' },
        { enrolmentId: 'b', status: 'waitlisted' },
        { enrolmentId: 'c', status: 'completed' },
        { enrolmentId: 'd', status: 'passed' },
        { enrolmentId: 'e', status: 'withdrawn' },
      ]),
    ).toEqual(['a', 'b']);
  });
});
