import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { conflict, ServiceOutbox } from '@trustwide/common';
import { StaffStore } from '../staff/staff.store';
import { DesignationRow } from './designation.entity';
import { decisionOf, DesignationTransitions, userDecision } from './designation-transitions';
import { ApplyForDesignationCommand, ApproveDesignationCommand, DecisionCommand, RenewDesignationCommand } from './dto/designation.dto';
import { applyFor, type DesignationAction } from './lifecycle';

/**
 * One class per designation use case, each `execute` one transaction: lock the designation, let the
 * lifecycle decide, write and announce (DesignationTransitions). Lapse and due-for-renewal are also
 * what the scheduled expiry run does.
 */

@Injectable()
export class ApplyForDesignation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly staff: StaffStore,
    private readonly transitions: DesignationTransitions,
  ) {}

  execute(trustId: string, command: ApplyForDesignationCommand): Promise<DesignationRow> {
    return this.dataSource.transaction(async (m) => {
      const staff = await this.staff.lockEmployed(m, trustId, command.staffId);
      const live = await m.findOneBy(DesignationRow, {
        staffId: staff.id,
        type: command.type,
        status: In(['applied', 'approved', 'active', 'suspended']),
      });
      if (live) throw conflict('type', `this member of staff already has a ${live.status} ${command.type} designation (${live.id})`);
      const decision = decisionOf(command.reason, { kind: 'user', id: command.decidedBy });
      const designation = applyFor(command.type, command.specialisms ?? [], decision);
      const row = m.create(DesignationRow, {
        id: randomUUID(),
        trustId,
        staffId: staff.id,
        type: designation.type,
        specialisms: [...designation.specialisms],
        status: designation.status,
        schoolId: staff.schoolId!,
        termStartsOn: null,
        termEndsOn: null,
        releaseDaysPerYear: null,
        renewalFlaggedFor: null,
        outcomes: null,
        supportRecord: null,
      });
      await m.insert(DesignationRow, row);
      await this.transitions.recordStep(m, row, designation.history[0]);
      await this.outbox.record(m, 'people.designation.applied', {
        trustId,
        aggregateId: row.id,
        data: { designationId: row.id, staffId: staff.id, designationType: row.type, specialisms: row.specialisms, schoolId: row.schoolId },
      });
      return row;
    });
  }
}

@Injectable()
export class ApproveDesignation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: DesignationTransitions,
  ) {}

  execute(trustId: string, designationId: string, command: ApproveDesignationCommand): Promise<DesignationRow> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.transitions.lock(m, trustId, designationId, command.expectedVersion);
      const evidence = await this.transitions.evidence(m, row, command);
      return this.transitions.transition(
        m,
        row,
        { action: 'approve', evidence, termStartsOn: command.termStartsOn, ...userDecision(command) },
        command,
      );
    });
  }
}

@Injectable()
export class RenewDesignation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: DesignationTransitions,
  ) {}

  execute(trustId: string, designationId: string, command: RenewDesignationCommand): Promise<DesignationRow> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.transitions.lock(m, trustId, designationId, command.expectedVersion);
      const evidence = await this.transitions.evidence(m, row, command);
      return this.transitions.transition(m, row, { action: 'renew', evidence, ...userDecision(command) }, command);
    });
  }
}

/** The transitions that need only a reason: refuse, activate, suspend, reinstate, revoke, lapse. */
@Injectable()
abstract class DecisionOnly {
  protected abstract readonly action: Exclude<DesignationAction, 'approve' | 'renew'>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: DesignationTransitions,
  ) {}

  execute(trustId: string, designationId: string, command: DecisionCommand): Promise<DesignationRow> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.transitions.lock(m, trustId, designationId, command.expectedVersion);
      return this.transitions.transition(m, row, { action: this.action, ...userDecision(command) });
    });
  }
}

@Injectable()
export class RefuseDesignation extends DecisionOnly {
  protected readonly action = 'refuse';
}
@Injectable()
export class ActivateDesignation extends DecisionOnly {
  protected readonly action = 'activate';
}
@Injectable()
export class SuspendDesignation extends DecisionOnly {
  protected readonly action = 'suspend';
}
@Injectable()
export class ReinstateDesignation extends DecisionOnly {
  protected readonly action = 'reinstate';
}
@Injectable()
export class RevokeDesignation extends DecisionOnly {
  protected readonly action = 'revoke';
}
/** By hand after the term ended (the expiry run does the same by itself). */
@Injectable()
export class LapseDesignation extends DecisionOnly {
  protected readonly action = 'lapse';
}
