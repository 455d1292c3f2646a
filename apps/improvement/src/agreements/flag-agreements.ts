import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull, type EntityManager } from 'typeorm';
import { lockTrust, ServiceOutbox } from '@trustwide/common';
import { LeaderStore } from '../leaders/leader.store';
import { AgreementFlagRow, AgreementRow } from './agreement.entity';
import { AgreementStore } from './agreement.store';
import { flagsForDesignationEnded, type DesignationEnded } from './flagging';

/**
 * When a designation is suspended, revoked or lapses, every live agreement relying on that person is
 * flagged at once, in the transaction that records the event, and each flagged agreement is announced
 * (`improvement.agreement.flagged`) with why. The trust's lock and the agreements' rows are taken as
 * any other write to the trust takes them.
 */
@Injectable()
export class FlagAgreements {
  constructor(
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
    private readonly leaders: LeaderStore,
  ) {}

  async designationEnded(m: EntityManager, trustId: string, event: DesignationEnded): Promise<number> {
    await lockTrust(m, trustId);
    const relying = await this.store.ofLeader(m, trustId, event.staffId);
    if (relying.length === 0) return 0;
    // Lock in id order, as the agreements' own writers do one at a time.
    for (const a of [...relying].sort((x, y) => x.row.id.localeCompare(y.row.id))) {
      await m.findOne(AgreementRow, { where: { id: a.row.id }, lock: { mode: 'pessimistic_write' } });
    }
    const person = await this.leaders.facts(m, trustId, event.staffId);
    const cause = `designation-${event.to}`;
    // A redelivery or a rebuilt projection raises no flag twice: one open flag per agreement, person, role and cause.
    const open = await m.findBy(AgreementFlagRow, { trustId, staffId: event.staffId, cause, resolvedAt: IsNull() });
    const flags = flagsForDesignationEnded(
      event,
      person,
      relying.map((l) => l.agreement),
    ).filter((f) => !open.some((o) => o.agreementId === f.agreementId && o.role === f.as));
    const byAgreement = new Map<string, typeof flags>();
    for (const f of flags) byAgreement.set(f.agreementId, [...(byAgreement.get(f.agreementId) ?? []), f]);
    for (const [agreementId, list] of byAgreement) {
      await m.insert(
        AgreementFlagRow,
        list.map((f) => ({
          id: randomUUID(),
          trustId,
          agreementId,
          staffId: f.staffId,
          role: f.as,
          cause,
          reason: f.reason,
          raisedAt: new Date(),
          resolvedAt: null,
          resolvedBy: null,
        })),
      );
      const status = relying.find((l) => l.row.id === agreementId)!.row.status;
      await this.outbox.record(m, 'improvement.agreement.flagged', {
        trustId,
        aggregateId: agreementId,
        data: { agreementId, status, flags: list.map((f) => ({ staffId: f.staffId, as: f.as, cause, reason: f.reason })) },
      });
    }
    return byAgreement.size;
  }
}
