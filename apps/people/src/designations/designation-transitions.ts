import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { conflict, notFound, refusedBy, ServiceOutbox, todayInEngland } from '@trustwide/common';
import { CapacityService } from '../capacity/capacity.service';
import { SchoolDirectory } from '../school-directory/school-directory';
import { toSpell } from '../staff/role-spell.entity';
import { StaffStore } from '../staff/staff.store';
import { announceDueForRenewal, announceTransition } from './announce';
import { DesignationRow, DesignationTransitionRow, ReleaseCommitmentRow } from './designation.entity';
import { DecisionCommand, EvidenceCommand } from './dto/designation.dto';
import type { DesignationEvidence } from './eligibility';
import { decide, type Decider, type Decision, type Designation, type DesignationCommand, type TransitionResult } from './lifecycle';

/** A decision made now by a user, or by the scheduler (`{ kind: 'system', id: 'designation-expiry' }`). */
export function decisionOf(reason: string, decidedBy: Decider, today = todayInEngland()): Decision {
  return { reason, decidedBy, decidedAt: new Date().toISOString(), today };
}

export const userDecision = (command: DecisionCommand): Decision => decisionOf(command.reason, { kind: 'user', id: command.decidedBy });

/**
 * How every designation transition is carried out: lock the designation row, let the pure lifecycle
 * decide, then write the new state, the history step, the commitment and the announcement in the
 * caller's transaction, and re-derive the leader's capacity. A refusal names the rule that said no.
 */
@Injectable()
export class DesignationTransitions {
  constructor(
    private readonly outbox: ServiceOutbox,
    private readonly capacity: CapacityService,
    private readonly directory: SchoolDirectory,
    private readonly staff: StaffStore,
  ) {}

  /** The designation, locked for the rest of the transaction (a concurrent decision waits, then sees this one's result). */
  async lock(m: EntityManager, trustId: string, designationId: string, expectedVersion?: number): Promise<DesignationRow> {
    const row = await m.findOne(DesignationRow, { where: { trustId, id: designationId }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('designationId', `no designation ${designationId} in this trust`);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw conflict(
        'expectedVersion',
        `the designation changed since version ${expectedVersion} (it is now version ${row.version}, ${row.status}); read it again`,
      );
    }
    return row;
  }

  /** The evidence an approval or renewal is judged on: role history, employing school and its latest inspection from here, the rest from the command. */
  async evidence(m: EntityManager, row: DesignationRow, command: EvidenceCommand): Promise<DesignationEvidence> {
    const staff = await this.staff.find(m, row.trustId, row.staffId);
    const schoolId = staff.schoolId ?? row.schoolId;
    return {
      type: row.type,
      specialisms: row.specialisms,
      roles: (await this.staff.roles(m, row.staffId)).map(toSpell),
      employingSchoolId: schoolId,
      latestInspection: await this.directory.latestInspection(row.trustId, schoolId, m),
      outcomes: command.outcomes ?? null,
      supportRecord: command.supportRecord ?? null,
      commitment: command.commitment ?? null,
    };
  }

  /** Decides and, when allowed, writes; throws the refusal (409 for a status conflict, else 422). */
  async transition(
    m: EntityManager,
    row: DesignationRow,
    command: DesignationCommand,
    evidence?: EvidenceCommand,
  ): Promise<DesignationRow> {
    const result = await this.tryTransition(m, row, command, evidence);
    if (!result.ok) throw refusedBy(result.refusals);
    return row;
  }

  /** As `transition`, but answers a refusal instead of throwing it (the expiry run skips what changed under it). */
  async tryTransition(
    m: EntityManager,
    row: DesignationRow,
    command: DesignationCommand,
    evidence?: EvidenceCommand,
  ): Promise<TransitionResult> {
    const before = { from: row.termStartsOn, to: row.termEndsOn };
    const result = decide(toDomain(row), command);
    if (!result.ok) return result;
    const next = result.designation;
    Object.assign(row, {
      status: next.status,
      termStartsOn: next.termStartsOn,
      termEndsOn: next.termEndsOn,
      releaseDaysPerYear: next.releaseDaysPerYear,
      renewalFlaggedFor: next.renewalFlaggedFor,
    });
    if ((command.action === 'approve' || command.action === 'renew') && evidence) {
      row.outcomes = evidence.outcomes ?? null;
      row.supportRecord = evidence.supportRecord ?? null;
      const c = evidence.commitment!;
      await m.insert(ReleaseCommitmentRow, {
        id: randomUUID(),
        trustId: row.trustId,
        designationId: row.id,
        schoolId: c.schoolId,
        daysPerYear: c.daysPerYear,
        signedBy: c.signedBy,
        signedOn: c.signedOn,
      });
    }
    await m.save(DesignationRow, row);
    await this.recordStep(m, row, result.transition);
    const announcement = announceTransition({ designationId: row.id, staffId: row.staffId }, next, result.transition);
    await this.outbox.record(m, announcement.type, { trustId: row.trustId, aggregateId: row.id, data: announcement.data });
    await this.capacity.recomputeTerm(m, row.trustId, row.staffId, [before, { from: row.termStartsOn, to: row.termEndsOn }]);
    return result;
  }

  async recordStep(m: EntityManager, row: DesignationRow, t: Designation['history'][number]): Promise<void> {
    const [{ seq }] = await m.query<{ seq: number }[]>(
      `SELECT COUNT(*)::int AS seq FROM designation_transitions WHERE designation_id = $1`,
      [row.id],
    );
    await m.insert(DesignationTransitionRow, {
      id: randomUUID(),
      trustId: row.trustId,
      designationId: row.id,
      seq,
      action: t.action,
      fromStatus: t.from,
      toStatus: t.to,
      reason: t.reason,
      decidedByKind: t.decidedBy.kind,
      decidedBy: t.decidedBy.id,
      decidedAt: new Date(t.decidedAt),
      effectiveOn: t.effectiveOn,
    });
  }

  /** Marks a term as flagged for renewal and announces it (once per term; the row is locked by the caller). */
  async flagForRenewal(m: EntityManager, row: DesignationRow, daysLeft: number): Promise<void> {
    row.renewalFlaggedFor = row.termEndsOn;
    await m.save(DesignationRow, row);
    const event = announceDueForRenewal({ designationId: row.id, staffId: row.staffId }, toDomain(row), {
      termEndsOn: row.termEndsOn!,
      daysLeft,
    });
    await this.outbox.record(m, event.type, { trustId: row.trustId, aggregateId: row.id, data: event.data });
  }
}

/** The stored row as the lifecycle reads it (the history is not needed to decide). */
export const toDomain = (row: DesignationRow): Designation => ({
  type: row.type,
  specialisms: row.specialisms,
  status: row.status,
  termStartsOn: row.termStartsOn,
  termEndsOn: row.termEndsOn,
  releaseDaysPerYear: row.releaseDaysPerYear,
  renewalFlaggedFor: row.renewalFlaggedFor,
  history: [],
});
