import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as contracts from '@trustwide/contracts';
import { CPD_EVENT_CONTRACTS } from '@trustwide/contracts';
import { charge, newCommission } from './commissions/commission';
import { ENROLMENT_STATUSES, WITHDRAWAL_REASONS } from './enrolments/lifecycle';
import { DEFAULT_CATALOGUE } from './programmes/default-catalogue';
import { change, publish, retire, type Programme } from './programmes/lifecycle';
import { FUNDING_SOURCES, PROGRAMME_KINDS } from './programmes/programme';
import { announceCommissionCreated, announceCommissionCrossings, announceProgramme } from './shared/announce';
import { SKILL_IDS } from './shared/skills';

const ID = '0b0c8e5e-6d1b-4f51-9d5a-6f3f4f0c2a11';
const STAFF = '5a3a2d0e-7c4b-4c1e-8f3a-2b1c0d9e8f77';
const SCHOOL = '11111111-1111-4111-8111-111111111111';

/** A payload that breaks its contract would be refused by the outbox. */
function problems(type: keyof typeof CPD_EVENT_CONTRACTS, data: object): string[] {
  return validateSync(plainToInstance(CPD_EVENT_CONTRACTS[type] as new () => object, data), {
    whitelist: true,
    forbidNonWhitelisted: true,
  }).map((e) => e.toString());
}

describe('the CPD event contracts', () => {
  it('use the same vocabularies as the domain', () => {
    expect([...contracts.CPD_SKILL_IDS]).toEqual(SKILL_IDS);
    expect([...contracts.FUNDING_SOURCES]).toEqual([...FUNDING_SOURCES]);
    expect([...contracts.PROGRAMME_KINDS]).toEqual([...PROGRAMME_KINDS]);
    expect([...contracts.ENROLMENT_STATES]).toEqual([...ENROLMENT_STATUSES]);
    expect([...contracts.WITHDRAWAL_REASONS]).toEqual([...WITHDRAWAL_REASONS]);
  });

  it.each(DEFAULT_CATALOGUE.map((p) => [p.code, p] as const))('publishing %s announces a valid event', (_, definition) => {
    const result = publish(null, definition);
    if (!result.ok) throw new Error(result.refusals[0].message);
    const event = announceProgramme(ID, result.outcome, '2025-09-01')!;
    expect(event.type).toBe('cpd.programme.published');
    expect(problems(event.type, event.data)).toEqual([]);
  });

  it('a change names its fields, an unchanged programme announces nothing, a retirement its day', () => {
    const npqh: Programme = { ...DEFAULT_CATALOGUE.find((p) => p.code === 'NPQH')!, status: 'published', version: 1 };
    const changed = change(npqh, { ...npqh, costPerPlace: 250_000 });
    const event = changed.ok ? announceProgramme(ID, changed.outcome, '2025-09-01') : null;
    expect(event).toMatchObject({
      type: 'cpd.programme.changed',
      data: { changed: ['costPerPlace'], costPerPlacePence: 250_000, version: 2 },
    });
    expect(problems('cpd.programme.changed', event!.data)).toEqual([]);
    const same = change(npqh, npqh);
    expect(same.ok && announceProgramme(ID, same.outcome, '2025-09-01')).toBeNull();
    const retired = retire(npqh, 'reformed');
    const r = retired.ok ? announceProgramme(ID, retired.outcome, '2025-09-01') : null;
    expect(r).toEqual({ type: 'cpd.programme.retired', data: { programmeId: ID, code: 'NPQH', version: 2, retiredOn: '2025-09-01' } });
    expect(problems('cpd.programme.retired', r!.data)).toEqual([]);
  });

  it('a commission announces its creation and its crossings, valid by their contracts', () => {
    const npqh: Programme = { ...DEFAULT_CATALOGUE.find((p) => p.code === 'NPQH')!, status: 'published', version: 1 };
    const c = newCommission({ programmeCode: 'NPQH', schoolIds: [SCHOOL], budget: 500_000 }, npqh);
    const created = announceCommissionCreated({ commissionId: ID, programmeId: ID }, c);
    expect(problems(created.type, created.data)).toEqual([]);
    const first = charge(c, { kind: 'place', schoolId: SCHOOL });
    const second = first.ok ? charge(first.commission, { kind: 'place', schoolId: SCHOOL }) : first;
    if (!second.ok) throw new Error('fixture');
    const events = announceCommissionCrossings(ID, second.commission, second.announce);
    expect(events.map((e) => e.type)).toEqual(['cpd.commission.near-budget', 'cpd.commission.spent']);
    expect(events[1].data).toEqual({ commissionId: ID, budgetPence: 500_000, committedPence: 480_000, remainingPence: 20_000 });
    for (const e of events) expect(problems(e.type, e.data)).toEqual([]);
  });

  it.each<[keyof typeof CPD_EVENT_CONTRACTS, object, number]>([
    [
      'cpd.enrolment.created',
      { enrolmentId: ID, cohortId: ID, programmeId: ID, staffId: STAFF, schoolId: SCHOOL, commissionId: null, enrolledOn: '2025-09-01' },
      0,
    ],
    [
      'cpd.enrolment.created',
      {
        enrolmentId: ID,
        cohortId: ID,
        programmeId: ID,
        staffId: STAFF,
        schoolId: SCHOOL,
        commissionId: null,
        enrolledOn: '2025-09-01',
        displayName: 'Asha Patel',
      },
      1,
    ],
    [
      'cpd.enrolment.withdrawn',
      {
        enrolmentId: ID,
        cohortId: ID,
        programmeId: ID,
        staffId: STAFF,
        from: 'enrolled',
        reason: 'left-trust',
        withdrawnOn: '2025-09-01',
        refunded: true,
      },
      0,
    ],
    [
      'cpd.enrolment.withdrawn',
      {
        enrolmentId: ID,
        cohortId: ID,
        programmeId: ID,
        staffId: STAFF,
        from: 'enrolled',
        reason: 'maternity leave',
        withdrawnOn: '2025-09-01',
        refunded: true,
      },
      1,
    ],
    [
      'cpd.cohort.cancelled',
      {
        cohortId: ID,
        programmeId: ID,
        cancelledOn: '2025-09-01',
        noticeDays: 35,
        shortNotice: false,
        released: 30,
        reason: 'facilitator unwell',
      },
      1,
    ],
    [
      'cpd.cohort.scheduled',
      {
        cohortId: ID,
        programmeId: ID,
        programmeCode: 'NPQH',
        places: 30,
        sessionDates: ['2025-10-06', '2025-02-30'],
        venueSchoolId: null,
        facilitatorIds: [STAFF],
      },
      1,
    ],
    [
      'cpd.qualification.awarded',
      {
        staffId: STAFF,
        enrolmentId: ID,
        programmeId: ID,
        programmeCode: 'NPQH',
        qualification: 'National Professional Qualification in Headship',
        awardedOn: '2027-03-01',
      },
      0,
    ],
    [
      'cpd.evaluation.recorded',
      {
        evaluationId: ID,
        programmeId: ID,
        cohortId: null,
        measure: 'attainmentExpectedStandard',
        before: '2023/24',
        after: '2024/25',
        schoolIds: [SCHOOL],
        meanChange: 50,
        improvedIn: 1,
        feedbackResponses: 12,
      },
      0,
    ],
    [
      'cpd.evaluation.recorded',
      {
        evaluationId: ID,
        programmeId: ID,
        cohortId: null,
        measure: 'attainmentExpectedStandard',
        before: '2023-24',
        after: '2024/25',
        schoolIds: [SCHOOL],
        meanChange: null,
        improvedIn: null,
        feedbackResponses: 0,
      },
      1,
    ],
  ])('%s: %j has %i problem(s) (personal detail and malformed values are refused)', (type, data, count) => {
    expect(problems(type, data)).toHaveLength(count);
  });
});
