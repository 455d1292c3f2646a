import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { JsonLogger, lockTrust, PeriodicJob, ServiceOutbox, todayInEngland, tryJobLock } from '@trustwide/common';
import { AgreementRow } from '../agreements/agreement.entity';
import { ImpactReportRow } from '../impact-reports/impact-report.entity';
import { planReportRun } from '../impact-reports/report';
import { ImprovementConfig } from '../improvement.config';
import { ActionRow, PlanRow } from '../plans/plan.entity';
import { PlanStore } from '../plans/plan.store';
import { planAtRisk, planProgress, priorityProgress } from '../plans/progress';

export interface ScheduleRun {
  /** false when another replica held the lock. */
  ran: boolean;
  actionsOverdue: number;
  reportsDue: number;
  reportsOverdue: number;
  plansAtRisk: number;
}

const SCHEDULER = { kind: 'system', id: 'improvement-schedule' } as const;

/**
 * What the service finds by itself, on a timer (IMPROVEMENT_SCHEDULE_INTERVAL_MS), with no request:
 * actions past their due date and not done (announced once per due date), impact reports falling due
 * within the reminder window or past it unsubmitted (each announced once), and plans that have become
 * at risk (announced once until they recover). One replica runs at a time (a transaction-scoped
 * advisory lock); each trust's lock is taken before its rows, as every write to a trust does.
 */
@Injectable()
export class ImprovementScheduleJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly plans: PlanStore,
    private readonly config: ImprovementConfig,
    logger: JsonLogger,
  ) {
    this.job = new PeriodicJob('ImprovementScheduleJob', config.IMPROVEMENT_SCHEDULE_INTERVAL_MS, logger, async () => {
      const run = await this.runOnce();
      return run.actionsOverdue + run.reportsDue + run.reportsOverdue + run.plansAtRisk > 0 ? JSON.stringify(run) : null;
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(today = todayInEngland()): Promise<ScheduleRun> {
    return this.dataSource.transaction(async (m) => {
      if (!(await tryJobLock(m, 'improvement.schedule')))
        return { ran: false, actionsOverdue: 0, reportsDue: 0, reportsOverdue: 0, plansAtRisk: 0 };
      const run: ScheduleRun = { ran: true, actionsOverdue: 0, reportsDue: 0, reportsOverdue: 0, plansAtRisk: 0 };
      const trusts = new Set<string>();
      const overdueActions = await m.find(ActionRow, {
        where: { status: Not('done'), dueOn: LessThan(today), overdueFlaggedOn: IsNull() },
        select: { trustId: true },
      });
      const dueReports = await m.find(ImpactReportRow, { where: { status: 'due', flaggedOverdue: false }, select: { trustId: true } });
      const livePlans = await m.find(PlanRow, { where: { status: 'live' }, select: { trustId: true } });
      for (const r of [...overdueActions, ...dueReports, ...livePlans]) trusts.add(r.trustId);
      for (const trustId of [...trusts].sort()) {
        await lockTrust(m, trustId);
        run.actionsOverdue += await this.actions(m, trustId, today);
        const reports = await this.reports(m, trustId, today);
        run.reportsDue += reports.due;
        run.reportsOverdue += reports.overdue;
        run.plansAtRisk += await this.atRisk(m, trustId, today);
      }
      return run;
    });
  }

  private async actions(m: EntityManager, trustId: string, today: string): Promise<number> {
    const rows = await m.find(ActionRow, {
      where: { trustId, status: Not('done'), dueOn: LessThan(today), overdueFlaggedOn: IsNull() },
      order: { planId: 'ASC', id: 'ASC' },
    });
    const plans = new Map(
      (await m.find(PlanRow, { where: { id: In([...new Set(rows.map((r) => r.planId))]) }, lock: { mode: 'pessimistic_write' } })).map(
        (p) => [p.id, p],
      ),
    );
    let n = 0;
    for (const a of rows) {
      const plan = plans.get(a.planId);
      if (!plan || plan.status !== 'live') continue;
      await m.update(ActionRow, { id: a.id }, { overdueFlaggedOn: today });
      // The action counts as off track whatever its owner last said (progress.ts); its recorded status stays theirs.
      await this.outbox.record(m, 'improvement.plan.action-status-changed', {
        trustId,
        aggregateId: a.planId,
        actor: SCHEDULER,
        data: {
          planId: a.planId,
          priorityId: a.priorityId,
          actionId: a.id,
          schoolId: plan.schoolId,
          from: a.status,
          to: 'off-track',
          dueOn: a.dueOn,
          overdue: true,
        },
      });
      n++;
    }
    return n;
  }

  private async reports(m: EntityManager, trustId: string, today: string): Promise<{ due: number; overdue: number }> {
    const rows = await m.find(ImpactReportRow, { where: { trustId, status: 'due' }, order: { dueOn: 'ASC', id: 'ASC' } });
    if (rows.length === 0) return { due: 0, overdue: 0 };
    const agreements = new Map(
      (
        await m.find(AgreementRow, {
          where: { id: In([...new Set(rows.map((r) => r.agreementId))]) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_write' },
        })
      ).map((a) => [a.id, a]),
    );
    const plan = planReportRun(
      rows.map((r) => ({ ...r, agreementStatus: agreements.get(r.agreementId)!.status })),
      today,
      this.config.IMPROVEMENT_REPORT_REMINDER_DAYS,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const d of plan.due) {
      const r = byId.get(d.id)!;
      await m.update(ImpactReportRow, { id: r.id }, { reminded: true });
      await this.outbox.record(m, 'improvement.impact-report.due', {
        trustId,
        aggregateId: r.agreementId,
        actor: SCHEDULER,
        data: { reportId: r.id, agreementId: r.agreementId, kind: r.kind, dueOn: r.dueOn, daysLeft: d.daysLeft },
      });
    }
    for (const o of plan.overdue) {
      const r = byId.get(o.id)!;
      await m.update(ImpactReportRow, { id: r.id }, { flaggedOverdue: true });
      await this.outbox.record(m, 'improvement.impact-report.overdue', {
        trustId,
        aggregateId: r.agreementId,
        actor: SCHEDULER,
        data: { reportId: r.id, agreementId: r.agreementId, kind: r.kind, dueOn: r.dueOn, daysOverdue: o.daysOverdue },
      });
    }
    return { due: plan.due.length, overdue: plan.overdue.length };
  }

  private async atRisk(m: EntityManager, trustId: string, today: string): Promise<number> {
    const rows = await m.find(PlanRow, { where: { trustId, status: 'live' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    let n = 0;
    for (const plan of await this.plans.assemble(m, rows)) {
      const row = rows.find((r) => r.id === plan.id)!;
      const risk = planAtRisk(plan, today);
      if (!risk.atRisk) {
        if (row.atRiskSince) await m.update(PlanRow, { id: row.id }, { atRiskSince: null });
        continue;
      }
      if (row.atRiskSince) continue; // announced already; again only after it recovers
      const slipping = plan.priorities.filter((p) => ['at-risk', 'off-track'].includes(priorityProgress(p, today).status)).map((p) => p.id);
      const { completion } = planProgress(plan, today);
      await m.update(PlanRow, { id: row.id }, { atRiskSince: today });
      await this.outbox.record(m, 'improvement.plan.at-risk', {
        trustId,
        aggregateId: plan.id,
        actor: SCHEDULER,
        data: {
          planId: plan.id,
          schoolId: plan.schoolId,
          academicYear: plan.academicYear,
          priorityIds: slipping,
          reasons: [...risk.reasons].slice(0, 100),
          completion,
        },
      });
      n++;
    }
    return n;
  }
}
