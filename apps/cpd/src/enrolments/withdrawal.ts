import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { ServiceOutbox } from '@trustwide/common';
import type { CohortRow } from '../cohorts/cohort.entity';
import { releaseSeat } from '../cohorts/seats';
import { CommissionChargeRow, CommissionRow } from '../commissions/commission.entity';
import { charge, refund, refundsOnWithdrawal } from '../commissions/commission';
import { announceCommissionCrossings } from '../shared/announce';
import type { IsoDate } from '@trustwide/common/util/calendar';
import { lockCommission, seatsOf, toCommission } from '../http/rows';
import { refusedBy } from '../http/errors';
import { EnrolmentRow } from './enrolment.entity';
import { decideEnrolment, type WithdrawalReason } from './lifecycle';

const ids = (e: EnrolmentRow) => ({ enrolmentId: e.id, cohortId: e.cohortId, programmeId: e.programmeId, staffId: e.staffId });

/** Charges a place to its commission (the row locked) and records the ledger line and any crossing it announces. */
export async function chargePlace(
  m: EntityManager,
  outbox: ServiceOutbox,
  enrolment: EnrolmentRow,
  commission: CommissionRow,
  programmeCode: string,
): Promise<number> {
  const decision = charge(toCommission(commission, programmeCode), { kind: 'place', schoolId: enrolment.schoolId });
  if (!decision.ok) throw refusedBy(decision.refusals);
  commission.committedPence = decision.commission.committed;
  await m.update(CommissionRow, { id: commission.id }, { committedPence: commission.committedPence });
  await m.insert(CommissionChargeRow, {
    id: randomUUID(),
    trustId: commission.trustId,
    commissionId: commission.id,
    enrolmentId: enrolment.id,
    kind: 'place',
    amountPence: decision.amount,
    description: `a place of ${programmeCode}`,
  });
  for (const a of announceCommissionCrossings(commission.id, decision.commission, decision.announce)) {
    await outbox.record(m, a.type, { trustId: commission.trustId, aggregateId: commission.id, data: a.data });
  }
  return decision.amount;
}

/**
 * Withdraws an enrolment (the cohort's row locked by the caller): a place bought before the first
 * session goes back to its commission, and the freed place goes to the first waiting whose place can
 * be paid (someone whose commission is spent keeps their position and is passed over).
 */
export async function withdrawEnrolment(
  m: EntityManager,
  outbox: ServiceOutbox,
  cohort: CohortRow,
  enrolment: EnrolmentRow,
  reason: WithdrawalReason,
  today: IsoDate,
  programmeCode: string,
): Promise<{ enrolment: EnrolmentRow; promoted: EnrolmentRow | null }> {
  const decision = decideEnrolment(enrolment, { action: 'withdraw', reason, today });
  if (!decision.ok) throw refusedBy(decision.refusals);
  const from = enrolment.status as 'enrolled' | 'waitlisted';
  const seats = await seatsOf(m, cohort);

  let refunded = false;
  if (from === 'enrolled' && enrolment.commissionId && enrolment.chargedPence > 0 && refundsOnWithdrawal(today, cohort.firstSession)) {
    const commission = await lockCommission(m, cohort.trustId, enrolment.commissionId);
    commission.committedPence = refund(toCommission(commission, programmeCode), enrolment.chargedPence).committed;
    await m.update(CommissionRow, { id: commission.id }, { committedPence: commission.committedPence });
    await m.insert(CommissionChargeRow, {
      id: randomUUID(),
      trustId: cohort.trustId,
      commissionId: commission.id,
      enrolmentId: enrolment.id,
      kind: 'refund',
      amountPence: -enrolment.chargedPence,
      description: `refund: a place of ${programmeCode} withdrawn before the first session`,
    });
    enrolment.chargedPence = 0;
    refunded = true;
  }
  Object.assign(enrolment, { status: 'withdrawn', withdrawalReason: reason, changedOn: today });
  await m.save(EnrolmentRow, enrolment);
  await outbox.record(m, 'cpd.enrolment.withdrawn', {
    trustId: cohort.trustId,
    aggregateId: cohort.id,
    data: { ...ids(enrolment), from, reason, withdrawnOn: today, refunded },
  });
  if (from === 'waitlisted') return { enrolment, promoted: null };

  // Who can take the place: read the waiting once, and each one's commission (locked) only if asked.
  const waiting = new Map((await m.findBy(EnrolmentRow, { cohortId: cohort.id, status: 'waitlisted' })).map((e) => [e.id, e]));
  const commissions = new Map<string, CommissionRow>();
  const commissionOf = async (id: string) =>
    commissions.get(id) ?? commissions.set(id, await lockCommission(m, cohort.trustId, id)).get(id)!;
  for (const e of waiting.values()) if (e.commissionId) await commissionOf(e.commissionId);
  const canPay = (enrolmentId: string) => {
    const e = waiting.get(enrolmentId)!;
    return (
      e.commissionId === null ||
      charge(toCommission(commissions.get(e.commissionId)!, programmeCode), { kind: 'place', schoolId: e.schoolId }).ok
    );
  };
  const release = releaseSeat(seats, enrolment.id, (seat) => canPay(seat.enrolmentId));
  if (!release.promoted) return { enrolment, promoted: null };
  const promoted = waiting.get(release.promoted.enrolmentId)!;
  if (promoted.commissionId)
    promoted.chargedPence = await chargePlace(m, outbox, promoted, commissions.get(promoted.commissionId)!, programmeCode);
  Object.assign(promoted, { status: 'enrolled', changedOn: today });
  await m.save(EnrolmentRow, promoted);
  await outbox.record(m, 'cpd.enrolment.promoted', {
    trustId: cohort.trustId,
    aggregateId: cohort.id,
    data: { ...ids(promoted), promotedOn: today },
  });
  return { enrolment, promoted };
}
