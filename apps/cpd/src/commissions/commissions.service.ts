import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { SchoolDirectory, ServiceOutbox, writeToTrust, type Page } from '@trustwide/common';
import { fieldProblems, notFound, refusedBy, unprocessable } from '../http/errors';
import { lockCommission, programmeOf, toCommission, toProgramme } from '../http/rows';
import { ProgrammeRow } from '../programmes/programme.entity';
import { announceCommissionCreated, announceCommissionCrossings } from '../shared/announce';
import { charge, commissionProblems, describeBudget, isNearBudget, isSpent, newCommission, remaining } from './commission';
import { CommissionChargeRow, CommissionRow } from './commission.entity';
import { pageOf } from '../http/paging';

export interface CommissionView {
  id: string;
  programmeId: string;
  programmeCode: string;
  schoolIds: string[];
  budgetPence: number;
  costPerPlacePence: number;
  committedPence: number;
  remainingPence: number;
  nearBudget: boolean;
  spent: boolean;
  summary: string;
}

@Injectable()
export class CommissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
  ) {}

  private view(row: CommissionRow, code: string): CommissionView {
    const c = toCommission(row, code);
    return {
      id: row.id,
      programmeId: row.programmeId,
      programmeCode: code,
      schoolIds: row.schoolIds,
      budgetPence: row.budgetPence,
      costPerPlacePence: row.costPerPlacePence,
      committedPence: row.committedPence,
      remainingPence: remaining(c),
      nearBudget: isNearBudget(c),
      spent: isSpent(c),
      summary: describeBudget(c),
    };
  }

  create(trustId: string, command: { programmeId: string; schoolIds: string[]; budgetPence: number }): Promise<CommissionView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const programme = await programmeOf(m, trustId, command.programmeId);
      const plan = { programmeCode: programme.code, schoolIds: command.schoolIds, budget: command.budgetPence };
      const problems = commissionProblems(plan, toProgramme(programme));
      if (problems.length > 0) throw fieldProblems(problems);
      for (const schoolId of command.schoolIds) {
        if (!(await this.directory.get(trustId, schoolId)))
          throw unprocessable('schoolIds', `school ${schoolId} is not a school of this trust`);
      }
      const c = newCommission(plan, toProgramme(programme));
      const row = m.create(CommissionRow, {
        id: randomUUID(),
        trustId,
        programmeId: programme.id,
        schoolIds: [...c.schoolIds],
        budgetPence: c.budget,
        costPerPlacePence: c.costPerPlace,
        committedPence: 0,
      });
      await m.insert(CommissionRow, row);
      const created = announceCommissionCreated({ commissionId: row.id, programmeId: programme.id }, c);
      await this.outbox.record(m, created.type, { trustId, aggregateId: row.id, data: created.data });
      return this.view(row, programme.code);
    });
  }

  /** A cost other than places (venue, supply cover), refused with the numbers when it does not fit the budget. */
  addCost(trustId: string, commissionId: string, command: { amountPence: number; description: string }): Promise<CommissionView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const row = await lockCommission(m, trustId, commissionId);
      const programme = await programmeOf(m, trustId, row.programmeId);
      const decision = charge(toCommission(row, programme.code), {
        kind: 'cost',
        amount: command.amountPence,
        description: command.description,
      });
      if (!decision.ok) throw refusedBy(decision.refusals);
      row.committedPence = decision.commission.committed;
      await m.update(CommissionRow, { id: row.id }, { committedPence: row.committedPence });
      await m.insert(CommissionChargeRow, {
        id: randomUUID(),
        trustId,
        commissionId: row.id,
        enrolmentId: null,
        kind: 'cost',
        amountPence: decision.amount,
        description: command.description.trim(),
      });
      for (const a of announceCommissionCrossings(row.id, decision.commission, decision.announce))
        await this.outbox.record(m, a.type, { trustId, aggregateId: row.id, data: a.data });
      return this.view(row, programme.code);
    });
  }

  async get(
    trustId: string,
    commissionId: string,
  ): Promise<CommissionView & { charges: Array<{ kind: string; amountPence: number; description: string; enrolmentId: string | null }> }> {
    const row = await this.dataSource.manager.findOneBy(CommissionRow, { trustId, id: commissionId });
    if (!row) throw notFound('commissionId', `no commission ${commissionId} in this trust`);
    const programme = (await this.dataSource.manager.findOneBy(ProgrammeRow, { id: row.programmeId }))!;
    const charges = await this.dataSource.manager.find(CommissionChargeRow, { where: { commissionId }, order: { chargedAt: 'ASC' } });
    return {
      ...this.view(row, programme.code),
      charges: charges.map((c) => ({ kind: c.kind, amountPence: c.amountPence, description: c.description, enrolmentId: c.enrolmentId })),
    };
  }

  /** A page of commissions, oldest first (created then id: a stable order). */
  async list(trustId: string, q: { programmeId?: string; limit?: number; offset?: number }): Promise<Page<CommissionView>> {
    const m = this.dataSource.manager;
    const where = { trustId, ...(q.programmeId ? { programmeId: q.programmeId } : {}) };
    return pageOf(m, CommissionRow, where, { createdAt: 'ASC', id: 'ASC' }, q, async (rows) => {
      const programmes = await m.findBy(ProgrammeRow, { trustId, id: In(rows.map((r) => r.programmeId)) });
      const codes = new Map(programmes.map((p) => [p.id, p.code]));
      return rows.map((r) => this.view(r, codes.get(r.programmeId)!));
    });
  }
}
