import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { ImprovementPlan } from './plan';
import { ActionRow, PlanRow, PriorityRow } from './plan.entity';
import { notFound } from '@trustwide/common';

/** Reads plans whole, as the pure rules want them. */
@Injectable()
export class PlanStore {
  async lock(m: EntityManager, trustId: string, id: string): Promise<{ row: PlanRow; plan: ImprovementPlan }> {
    const row = await m.findOne(PlanRow, { where: { trustId, id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound('planId', `no improvement plan ${id} in this trust`);
    return { row, plan: (await this.assemble(m, [row]))[0] };
  }

  async get(m: EntityManager, trustId: string, id: string): Promise<{ row: PlanRow; plan: ImprovementPlan }> {
    const row = await m.findOneBy(PlanRow, { trustId, id });
    if (!row) throw notFound('planId', `no improvement plan ${id} in this trust`);
    return { row, plan: (await this.assemble(m, [row]))[0] };
  }

  async assemble(m: EntityManager, rows: PlanRow[]): Promise<ImprovementPlan[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const priorities = await m.find(PriorityRow, { where: { planId: In(ids) }, order: { position: 'ASC' } });
    const actions = await m.find(ActionRow, { where: { planId: In(ids) }, order: { position: 'ASC' } });
    return rows.map((r) => ({
      id: r.id,
      schoolId: r.schoolId,
      academicYear: r.academicYear,
      status: r.status,
      priorities: priorities
        .filter((p) => p.planId === r.id)
        .map((p) => ({
          id: p.id,
          title: p.title,
          link: p.link,
          actions: actions
            .filter((a) => a.priorityId === p.id)
            .map((a) => ({ id: a.id, title: a.title, ownerId: a.ownerId, dueOn: a.dueOn, status: a.status, evidence: a.evidence })),
        })),
    }));
  }
}
