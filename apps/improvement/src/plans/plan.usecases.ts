import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  conflict,
  notFound,
  refusedBy,
  SchoolDirectory,
  ServiceOutbox,
  unprocessable,
  unprocessableFields,
  writeToTrust,
} from '@trustwide/common';
import { AddActionCommand, AddPriorityCommand, ChangeActionStatusCommand, CreatePlanCommand } from './dto/plan.dto';
import { actionProblems, canOpenPlan, changeActionStatus, priorityProblems, type ImprovementPlan } from './plan';
import { ActionRow, PlanRow, PriorityRow } from './plan.entity';
import { PlanStore } from './plan.store';
import type { PriorityLink } from './priority-links';

/** One class per plan use case; each locks the plan's row, lets the pure rule decide, writes and announces in one transaction. */

@Injectable()
export class CreatePlan {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly directory: SchoolDirectory,
    private readonly store: PlanStore,
  ) {}

  async execute(trustId: string, command: CreatePlanCommand): Promise<ImprovementPlan> {
    const school = await this.directory.get(trustId, command.schoolId);
    if (!school || school.membership !== 'member')
      throw unprocessable('schoolId', `school ${command.schoolId} is not a school of this trust`);
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const existing = await m.findBy(PlanRow, { trustId, schoolId: command.schoolId, academicYear: command.academicYear, status: 'live' });
      const decided = canOpenPlan(existing, command.schoolId, command.academicYear);
      if (!decided.ok)
        throw decided.refusals[0].rule === 'one-live-plan'
          ? conflict('academicYear', decided.refusals[0].message)
          : refusedBy(decided.refusals);
      const id = randomUUID();
      await m.insert(PlanRow, {
        id,
        trustId,
        schoolId: command.schoolId,
        academicYear: command.academicYear,
        status: 'live',
        atRiskSince: null,
      });
      await this.outbox.record(m, 'improvement.plan.created', {
        trustId,
        aggregateId: id,
        data: { planId: id, schoolId: command.schoolId, academicYear: command.academicYear },
      });
      return (await this.store.get(m, trustId, id)).plan;
    });
  }
}

@Injectable()
export class ClosePlan {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PlanStore,
  ) {}

  execute(trustId: string, id: string): Promise<ImprovementPlan> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row } = await this.store.lock(m, trustId, id);
      if (row.status !== 'live') throw conflict('status', 'The plan is already closed.');
      await m.update(PlanRow, { id }, { status: 'closed', version: row.version + 1 });
      return (await this.store.get(m, trustId, id)).plan;
    });
  }
}

@Injectable()
export class AddPriority {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: PlanStore,
  ) {}

  execute(trustId: string, planId: string, command: AddPriorityCommand): Promise<ImprovementPlan> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row, plan } = await this.store.lock(m, trustId, planId);
      const problems = priorityProblems(plan, command);
      if (problems.some((p) => p.field === 'plan')) throw conflict('status', 'Priorities can only be added to a live plan.');
      if (problems.length > 0) throw unprocessableFields(problems);
      const id = randomUUID();
      const link = command.link as PriorityLink;
      await m.insert(PriorityRow, { id, trustId, planId, position: plan.priorities.length, title: command.title.trim(), link });
      await m.update(PlanRow, { id: planId }, { version: row.version + 1 });
      await this.outbox.record(m, 'improvement.plan.priority-added', {
        trustId,
        aggregateId: planId,
        data: { planId, priorityId: id, schoolId: row.schoolId, link: { ...link } },
      });
      return (await this.store.get(m, trustId, planId)).plan;
    });
  }
}

@Injectable()
export class AddAction {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: PlanStore,
  ) {}

  execute(trustId: string, planId: string, priorityId: string, command: AddActionCommand): Promise<ImprovementPlan> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row, plan } = await this.store.lock(m, trustId, planId);
      if (plan.status !== 'live') throw conflict('status', 'Actions can only be added to a live plan.');
      const priority = plan.priorities.find((p) => p.id === priorityId);
      if (!priority) throw notFound('priorityId', `no priority ${priorityId} in this plan`);
      const problems = actionProblems(command);
      if (problems.length > 0) throw unprocessableFields(problems);
      const status = command.status ?? 'not-started';
      const evidence = (command.evidence ?? []).map((e) => e.trim()).filter((e) => e !== '');
      if (status === 'done' && evidence.length === 0)
        throw unprocessable('evidence', 'an action cannot be recorded as done without evidence of it');
      const id = randomUUID();
      await m.insert(ActionRow, {
        id,
        trustId,
        planId,
        priorityId,
        position: priority.actions.length,
        title: command.title.trim(),
        ownerId: command.ownerId,
        dueOn: command.dueOn,
        status,
        evidence,
        overdueFlaggedOn: null,
      });
      await m.update(PlanRow, { id: planId }, { version: row.version + 1 });
      await this.outbox.record(m, 'improvement.plan.action-status-changed', {
        trustId,
        aggregateId: planId,
        data: { planId, priorityId, actionId: id, schoolId: row.schoolId, from: null, to: status, dueOn: command.dueOn },
      });
      return (await this.store.get(m, trustId, planId)).plan;
    });
  }
}

@Injectable()
export class ChangeActionStatus {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: PlanStore,
  ) {}

  execute(trustId: string, planId: string, actionId: string, command: ChangeActionStatusCommand): Promise<ImprovementPlan> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row, plan } = await this.store.lock(m, trustId, planId);
      if (plan.status !== 'live') throw conflict('status', 'The plan is closed: its actions stay as they were.');
      const priority = plan.priorities.find((p) => p.actions.some((a) => a.id === actionId));
      if (!priority) throw notFound('actionId', `no action ${actionId} in this plan`);
      const action = priority.actions.find((a) => a.id === actionId)!;
      const decided = changeActionStatus(action, command.status, command.evidence ?? []);
      if (!decided.ok)
        throw decided.refusals[0].rule === 'unchanged' ? conflict('status', decided.refusals[0].message) : refusedBy(decided.refusals);
      await m.update(ActionRow, { id: actionId }, { status: decided.value.status, evidence: [...decided.value.evidence] });
      await m.update(PlanRow, { id: planId }, { version: row.version + 1 });
      if (action.status !== decided.value.status) {
        await this.outbox.record(m, 'improvement.plan.action-status-changed', {
          trustId,
          aggregateId: planId,
          data: {
            planId,
            priorityId: priority.id,
            actionId,
            schoolId: row.schoolId,
            from: action.status,
            to: decided.value.status,
            dueOn: action.dueOn,
          },
        });
      }
      return (await this.store.get(m, trustId, planId)).plan;
    });
  }
}

export const PLAN_USE_CASES = [CreatePlan, ClosePlan, AddPriority, AddAction, ChangeActionStatus];
