import { Body, Controller, ForbiddenException, Get, HttpCode, Post, Query } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { CallerSchools, notFound, type Page, todayInEngland, UuidParam } from '@trustwide/common';
import { AddActionCommand, AddPriorityCommand, ChangeActionStatusCommand, CreatePlanCommand, ListPlansQuery } from './dto/plan.dto';
import type { ImprovementPlan } from './plan';
import { PlanRow } from './plan.entity';
import { PlanStore } from './plan.store';
import { AddAction, AddPriority, ChangeActionStatus, ClosePlan, CreatePlan } from './plan.usecases';
import { overdueActions, planAtRisk, planProgress } from './progress';

/** A plan as it goes on the wire: what was planned, with the progress and risk it rolls up to today. */
export function mapPlan(plan: ImprovementPlan, today = todayInEngland()) {
  const progress = planProgress(plan, today);
  const risk = planAtRisk(plan, today);
  return {
    id: plan.id,
    schoolId: plan.schoolId,
    academicYear: plan.academicYear,
    status: plan.status,
    progress: { status: progress.status, completion: progress.completion },
    atRisk: risk.atRisk,
    riskReasons: risk.atRisk ? [...risk.reasons] : [],
    overdueActions: overdueActions(plan, today).map((o) => ({ ...o })),
    priorities: plan.priorities.map((p, i) => ({
      id: p.id,
      title: p.title,
      link: { ...p.link },
      progress: { ...progress.priorities[i] },
      actions: p.actions.map((a) => ({
        id: a.id,
        title: a.title,
        ownerId: a.ownerId,
        dueOn: a.dueOn,
        status: a.status,
        evidence: [...a.evidence],
      })),
    })),
  };
}

@Controller('trusts/:trustId/plans')
export class PlansController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: PlanStore,
    private readonly createIt: CreatePlan,
    private readonly closeIt: ClosePlan,
    private readonly addPriorityIt: AddPriority,
    private readonly addActionIt: AddAction,
    private readonly changeIt: ChangeActionStatus,
  ) {}

  /**
   * A headteacher or head of school sees and changes only their own schools' plans (`schools`, from the caller the
   * gateway vouched for; null: the whole trust): another school's plan is a 404, as if it were not there.
   */
  private async mine(trustId: string, id: string, schools: string[] | null): Promise<void> {
    if (!schools) return;
    const row = await this.dataSource.manager.findOne(PlanRow, { where: { trustId, id }, select: { id: true, schoolId: true } });
    if (row && !schools.includes(row.schoolId)) throw notFound('planId', `no improvement plan ${id} in this trust`);
  }

  @Post()
  async create(@UuidParam('trustId') trustId: string, @Body() command: CreatePlanCommand, @CallerSchools() schools: string[] | null) {
    if (schools && !schools.includes(command.schoolId)) {
      const message = `school ${command.schoolId} is not one you lead: a headteacher or head of school plans for their own schools`;
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, errors: [{ field: 'schoolId', problems: [message] }] });
    }
    return mapPlan(await this.createIt.execute(trustId, command));
  }

  @Get()
  async list(
    @UuidParam('trustId') trustId: string,
    @Query() q: ListPlansQuery,
    @CallerSchools() schools: string[] | null,
  ): Promise<Page<ReturnType<typeof mapPlan>>> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const inScope = schools && (q.schoolId ? schools.filter((s) => s === q.schoolId) : schools);
    const where = {
      trustId,
      ...(inScope ? { schoolId: In(inScope) } : q.schoolId ? { schoolId: q.schoolId } : {}),
      ...(q.academicYear ? { academicYear: q.academicYear } : {}),
      ...(q.status ? { status: q.status } : {}),
    };
    const [rows, total] = await this.dataSource.manager.findAndCount(PlanRow, {
      where,
      order: { academicYear: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    const today = todayInEngland();
    return { total, limit, offset, items: (await this.store.assemble(this.dataSource.manager, rows)).map((p) => mapPlan(p, today)) };
  }

  @Get(':planId')
  async get(@UuidParam('trustId') trustId: string, @UuidParam('planId') id: string, @CallerSchools() schools: string[] | null) {
    await this.mine(trustId, id, schools);
    return mapPlan((await this.store.get(this.dataSource.manager, trustId, id)).plan);
  }

  @Post(':planId/close')
  @HttpCode(200)
  async close(@UuidParam('trustId') trustId: string, @UuidParam('planId') id: string, @CallerSchools() schools: string[] | null) {
    await this.mine(trustId, id, schools);
    return mapPlan(await this.closeIt.execute(trustId, id));
  }

  @Post(':planId/priorities')
  async addPriority(
    @UuidParam('trustId') trustId: string,
    @UuidParam('planId') id: string,
    @Body() command: AddPriorityCommand,
    @CallerSchools() schools: string[] | null,
  ) {
    await this.mine(trustId, id, schools);
    return mapPlan(await this.addPriorityIt.execute(trustId, id, command));
  }

  @Post(':planId/priorities/:priorityId/actions')
  async addAction(
    @UuidParam('trustId') trustId: string,
    @UuidParam('planId') id: string,
    @UuidParam('priorityId') priorityId: string,
    @Body() command: AddActionCommand,
    @CallerSchools() schools: string[] | null,
  ) {
    await this.mine(trustId, id, schools);
    return mapPlan(await this.addActionIt.execute(trustId, id, priorityId, command));
  }

  @Post(':planId/actions/:actionId/status')
  @HttpCode(200)
  async changeStatus(
    @UuidParam('trustId') trustId: string,
    @UuidParam('planId') id: string,
    @UuidParam('actionId') actionId: string,
    @Body() command: ChangeActionStatusCommand,
    @CallerSchools() schools: string[] | null,
  ) {
    await this.mine(trustId, id, schools);
    return mapPlan(await this.changeIt.execute(trustId, id, actionId, command));
  }
}
