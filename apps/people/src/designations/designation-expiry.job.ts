import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, In, Not, IsNull } from 'typeorm';
import { JsonLogger, PeriodicJob, todayInEngland, tryJobLock } from '@trustwide/common';
import { PeopleConfig } from '../people.config';
import { DesignationRow } from './designation.entity';
import { decisionOf, DesignationTransitions } from './designation-transitions';
import { planExpiry } from './expiry';

export interface ExpiryRun {
  /** false when another replica held the lock. */
  ran: boolean;
  lapsed: number;
  activated: number;
  flagged: number;
}

const SCHEDULER = { kind: 'system', id: 'designation-expiry' } as const;

/**
 * The expiry run, by itself on a timer (PEOPLE_EXPIRY_INTERVAL_MS): terms that ended lapse, approved
 * terms that began start, terms ending within the renewal window are flagged once. The pure plan
 * decides; each designation is then locked and decided again (a user may have acted meanwhile).
 * A transaction-scoped advisory lock lets one replica run at a time; the others skip that tick.
 */
@Injectable()
export class DesignationExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transitions: DesignationTransitions,
    private readonly config: PeopleConfig,
    logger: JsonLogger,
  ) {
    this.job = new PeriodicJob('DesignationExpiryJob', config.PEOPLE_EXPIRY_INTERVAL_MS, logger, async () => {
      const run = await this.runOnce();
      return run.lapsed + run.activated + run.flagged > 0 ? JSON.stringify(run) : null;
    });
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async runOnce(today = todayInEngland()): Promise<ExpiryRun> {
    return this.dataSource.transaction(async (m) => {
      if (!(await tryJobLock(m, 'people.designation-expiry'))) return { ran: false, lapsed: 0, activated: 0, flagged: 0 };
      const candidates = await m.find(DesignationRow, {
        where: { status: In(['approved', 'active', 'suspended']), termEndsOn: Not(IsNull()) },
        select: { id: true, trustId: true, status: true, termStartsOn: true, termEndsOn: true, renewalFlaggedFor: true },
      });
      const plan = planExpiry(candidates, today, this.config.PEOPLE_RENEWAL_WINDOW_DAYS);
      const trustOf = new Map(candidates.map((c) => [c.id, c.trustId]));
      const run: ExpiryRun = { ran: true, lapsed: 0, activated: 0, flagged: 0 };
      for (const { id, reason } of plan.lapse) {
        const row = await this.transitions.lock(m, trustOf.get(id)!, id);
        if ((await this.transitions.tryTransition(m, row, { action: 'lapse', ...decisionOf(reason, SCHEDULER, today) })).ok) run.lapsed++;
      }
      for (const { id, reason } of plan.activate) {
        const row = await this.transitions.lock(m, trustOf.get(id)!, id);
        if ((await this.transitions.tryTransition(m, row, { action: 'activate', ...decisionOf(reason, SCHEDULER, today) })).ok)
          run.activated++;
      }
      for (const { id, termEndsOn, daysLeft } of plan.dueForRenewal) {
        const row = await this.transitions.lock(m, trustOf.get(id)!, id);
        // Activated just above, or renewed by a user since the plan was read: only the planned term is flagged.
        if (row.status !== 'active' || row.termEndsOn !== termEndsOn || row.renewalFlaggedFor === termEndsOn) continue;
        await this.transitions.flagForRenewal(m, row, daysLeft);
        run.flagged++;
      }
      return run;
    });
  }
}
