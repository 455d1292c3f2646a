import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import {
  conflict,
  refusedBy,
  SchoolDirectory,
  ServiceOutbox,
  todayInEngland,
  unprocessable,
  unprocessableFields,
  writeToTrust,
} from '@trustwide/common';
import { academicYearsBetween, deploymentRefusals, splitDaysByYear } from '../deployments/capacity';
import { scheduledReports } from '../impact-reports/report';
import { ImpactReportRow } from '../impact-reports/impact-report.entity';
import { LeaderStore } from '../leaders/leader.store';
import { recordSpend } from '../funding/funding';
import { isAcademicYear } from '@trustwide/common/util/calendar';
import type { Refusal } from '../shared/refusal';
import { agreementProblems, COMMITTING_STATUSES, type SupportAgreement } from './agreement';
import { AgreementRow, AgreementTransitionRow, DeploymentRow, FundingSpendRow, SupportSettingsRow } from './agreement.entity';
import { AgreementStore, type LoadedAgreement } from './agreement.store';
import {
  DeployLeaderCommand,
  DraftAgreementCommand,
  EndAgreementCommand,
  RecordSpendCommand,
  StepCommand,
  SupportSettingsCommand,
  UpdateAgreementCommand,
} from './dto/agreement.dto';
import { decideAgreement, type AgreementAction } from './lifecycle';
import { qaIndependenceRefusals } from './qa-independence';
import { DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS, supportingLoadRefusals } from './supporting-load';

/**
 * One class per agreement use case. Each `execute` is one write to the trust (`writeToTrust`: the
 * trust's lock, deadlock retries): the leaders concerned are locked first (capacity is per leader),
 * then the agreement's row; the pure rules decide; the change and its events go in one transaction.
 */

/** The trust's limit on concurrent agreements per supporting school. */
export async function supportingLimit(m: EntityManager, trustId: string): Promise<number> {
  return (await m.findOneBy(SupportSettingsRow, { trustId }))?.maxConcurrentSupporting ?? DEFAULT_MAX_CONCURRENT_SUPPORTING_AGREEMENTS;
}

/** Schools named by an agreement must be schools of the trust, as the school directory knows them. */
async function schoolProblems(
  directory: SchoolDirectory,
  trustId: string,
  a: Pick<SupportAgreement, 'supportedSchoolIds' | 'supportingSchoolIds'>,
): Promise<{ field: string; problems: string[] }[]> {
  const members = new Set((await directory.schoolsOfTrust(trustId)).map((s) => s.schoolId));
  const out: { field: string; problems: string[] }[] = [];
  for (const field of ['supportedSchoolIds', 'supportingSchoolIds'] as const) {
    const unknown = a[field].filter((id) => !members.has(id));
    if (unknown.length > 0) out.push({ field, problems: unknown.map((id) => `school ${id} is not a school of this trust`) });
  }
  return out;
}

function fromCommand(id: string, trustId: string, c: DraftAgreementCommand, base?: SupportAgreement): SupportAgreement {
  return {
    id,
    trustId,
    status: base?.status ?? 'draft',
    supportedSchoolIds: c.supportedSchoolIds ?? base!.supportedSchoolIds,
    supportingSchoolIds: c.supportingSchoolIds ?? base!.supportingSchoolIds,
    deployments: base?.deployments ?? [],
    priorityAreas: (c.priorityAreas ?? base?.priorityAreas ?? []) as SupportAgreement['priorityAreas'],
    responsibilities: c.responsibilities ?? base?.responsibilities ?? [],
    impact: c.impact
      ? c.impact.map((x) => ({ id: x.id ?? randomUUID(), measure: x.measure, baseline: x.baseline, target: x.target, byWhen: x.byWhen }))
      : (base?.impact ?? []),
    schedule: c.schedule ?? base!.schedule,
    funding: c.funding ?? base!.funding,
    qaLeadId: c.qaLeadId === undefined ? (base?.qaLeadId ?? null) : c.qaLeadId,
    endedReason: base?.endedReason ?? null,
  };
}

function rowOf(a: SupportAgreement): Partial<AgreementRow> {
  return {
    id: a.id,
    trustId: a.trustId,
    status: a.status,
    priorityAreas: [...a.priorityAreas],
    responsibilities: [...a.responsibilities],
    startsOn: a.schedule.startsOn,
    endsOn: a.schedule.endsOn,
    interimReportsDue: [...a.schedule.interimReportsDue],
    finalReportDue: a.schedule.finalReportDue,
    fundingSource: a.funding.source,
    fundingAmountPence: a.funding.amountPence,
    qaLeadId: a.qaLeadId,
    endedReason: a.endedReason,
  };
}

async function recordTransition(
  m: EntityManager,
  a: AgreementRow,
  action: AgreementAction | 'draft',
  from: AgreementRow['status'] | null,
  actorId: string,
  today: string,
  reason: string | null = null,
) {
  await m.insert(AgreementTransitionRow, {
    id: randomUUID(),
    trustId: a.trustId,
    agreementId: a.id,
    action,
    fromStatus: from,
    toStatus: a.status,
    actorId,
    reason,
    effectiveOn: today,
    at: new Date(),
  });
}

@Injectable()
export class DraftAgreement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(trustId: string, command: DraftAgreementCommand): Promise<LoadedAgreement> {
    const agreement = fromCommand(randomUUID(), trustId, command);
    const problems = [...agreementProblems(agreement, { complete: false }), ...(await schoolProblems(this.directory, trustId, agreement))];
    if (problems.length > 0) throw unprocessableFields(problems);
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await m.insert(AgreementRow, { ...rowOf(agreement), fundingSpentPence: 0 });
      await this.store.writeChildren(m, agreement);
      const row = await m.findOneByOrFail(AgreementRow, { id: agreement.id });
      await recordTransition(m, row, 'draft', null, 'caller', todayInEngland());
      await this.outbox.record(m, 'improvement.agreement.drafted', {
        trustId,
        aggregateId: agreement.id,
        data: {
          agreementId: agreement.id,
          supportedSchoolIds: [...agreement.supportedSchoolIds],
          supportingSchoolIds: [...agreement.supportingSchoolIds],
          startsOn: agreement.schedule.startsOn,
          endsOn: agreement.schedule.endsOn,
          fundingSource: agreement.funding.source,
          fundingAmountPence: agreement.funding.amountPence,
          qaLeadId: agreement.qaLeadId,
        },
      });
      return this.store.get(m, trustId, agreement.id);
    });
  }
}

@Injectable()
export class UpdateAgreement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: AgreementStore,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(trustId: string, id: string, command: UpdateAgreementCommand): Promise<LoadedAgreement> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const current = await this.store.lock(m, trustId, id);
      if (command.expectedVersion !== undefined && command.expectedVersion !== current.row.version) {
        throw conflict(
          'expectedVersion',
          `the agreement is at version ${current.row.version}, not ${command.expectedVersion}: read it again`,
        );
      }
      if (current.row.status !== 'draft') throw conflict('status', `Only a draft can be changed; this agreement is ${current.row.status}.`);
      const next = fromCommand(id, trustId, command as DraftAgreementCommand, current.agreement);
      const problems = [...agreementProblems(next, { complete: false }), ...(await schoolProblems(this.directory, trustId, next))];
      if (problems.length > 0) throw unprocessableFields(problems);
      await m.update(AgreementRow, { id }, { ...rowOf(next), version: current.row.version + 1 });
      await this.store.writeChildren(m, next);
      return this.store.get(m, trustId, id);
    });
  }
}

/** The leader's refusals for a deployment in `agreement`, against every other agreement of theirs (lock the leader first). */
async function capacityRefusals(
  m: EntityManager,
  store: AgreementStore,
  leaders: LeaderStore,
  trustId: string,
  agreement: SupportAgreement,
  leaderId: string,
): Promise<Refusal[]> {
  const deployment = agreement.deployments.find((d) => d.leaderId === leaderId)!;
  const facts = await leaders.facts(m, trustId, leaderId);
  const others = (await store.ofLeader(m, trustId, leaderId)).map((l) => l.agreement);
  return deploymentRefusals(facts, deployment, agreement, others);
}

async function announceDeployment(outbox: ServiceOutbox, m: EntityManager, trustId: string, agreement: SupportAgreement, d: DeploymentRow) {
  const split = splitDaysByYear(
    { leaderId: d.leaderId, days: d.days, ...(d.daysByYear ? { daysByYear: d.daysByYear } : {}) },
    agreement.schedule.startsOn,
    agreement.schedule.endsOn,
  );
  await outbox.record(m, 'improvement.deployment.leader-deployed', {
    trustId,
    aggregateId: agreement.id,
    data: {
      deploymentId: d.id,
      agreementId: agreement.id,
      staffId: d.leaderId,
      totalDays: d.days,
      daysByYear: Object.entries(split).map(([academicYear, days]) => ({ academicYear, days })),
    },
  });
}

/** Approval by the QA lead: validation, QA independence, each leader's designation and capacity, and the supporting schools' load, all at once. */
@Injectable()
export class AgreeAgreement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
    private readonly leaders: LeaderStore,
  ) {}

  /** `approverId`: the caller's linked staff record; only the agreement's QA lead's own approval counts. */
  async execute(trustId: string, id: string, approverId: string): Promise<LoadedAgreement> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const leaderIds = (await m.findBy(DeploymentRow, { trustId, agreementId: id })).map((d) => d.leaderId);
      await this.leaders.lockLeaders(m, leaderIds);
      const { row, agreement, deployments } = await this.store.lock(m, trustId, id);
      const today = todayInEngland();
      const decision = decideAgreement(agreement, { action: 'agree', actorId: approverId, today });
      if (!decision.ok && decision.refusals.some((r) => r.rule === 'status')) throw refusedBy(decision.refusals);
      const refusals: Refusal[] = decision.ok ? [] : [...decision.refusals];
      if (agreement.qaLeadId) refusals.push(...qaIndependenceRefusals(agreement, await this.leaders.facts(m, trustId, agreement.qaLeadId)));
      for (const d of agreement.deployments)
        refusals.push(...(await capacityRefusals(m, this.store, this.leaders, trustId, agreement, d.leaderId)));
      const others = (await this.store.ofSchools(m, trustId, agreement.supportingSchoolIds, 'supporting')).map((l) => l.agreement);
      refusals.push(...supportingLoadRefusals(agreement, others, await supportingLimit(m, trustId)));
      if (refusals.length > 0) throw refusedBy(refusals);

      await m.update(AgreementRow, { id }, { status: 'agreed', version: row.version + 1 });
      row.status = 'agreed';
      await recordTransition(m, row, 'agree', 'draft', approverId, today);
      const reports = scheduledReports(agreement, () => randomUUID());
      await m.insert(
        ImpactReportRow,
        reports.map((r) => ({ ...r, trustId, judgements: [], signedOffOn: null })),
      );
      await this.outbox.record(m, 'improvement.agreement.agreed', {
        trustId,
        aggregateId: id,
        data: { agreementId: id, from: 'draft', to: 'agreed', effectiveOn: today, qaLeadId: approverId },
      });
      for (const d of deployments) await announceDeployment(this.outbox, m, trustId, agreement, d);
      return this.store.get(m, trustId, id);
    });
  }
}

/** start, complete, end: the lifecycle table decides; ending releases every deployed leader's days. */
@Injectable()
export class MoveAgreement {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
  ) {}

  async execute(
    trustId: string,
    id: string,
    action: Exclude<AgreementAction, 'agree'>,
    command: StepCommand | EndAgreementCommand,
  ): Promise<LoadedAgreement> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row, agreement, deployments } = await this.store.lock(m, trustId, id);
      const today = todayInEngland();
      const finalReport = await m.findOneBy(ImpactReportRow, { agreementId: id, kind: 'final' });
      const reason = 'reason' in command ? command.reason : undefined;
      const decision = decideAgreement(agreement, {
        action,
        actorId: command.by,
        today,
        reason,
        finalReportSignedOff: finalReport?.status === 'signed-off',
      });
      if (!decision.ok) throw refusedBy(decision.refusals);
      await m.update(AgreementRow, { id }, { status: decision.to, endedReason: decision.agreement.endedReason, version: row.version + 1 });
      const from = row.status;
      row.status = decision.to;
      await recordTransition(m, row, action, from, command.by, today, reason ?? null);
      const data = { agreementId: id, from, to: decision.to, effectiveOn: today };
      if (action === 'start') await this.outbox.record(m, 'improvement.agreement.started', { trustId, aggregateId: id, data });
      if (action === 'complete') await this.outbox.record(m, 'improvement.agreement.completed', { trustId, aggregateId: id, data });
      if (action === 'end') {
        await this.outbox.record(m, 'improvement.agreement.ended', { trustId, aggregateId: id, data });
        for (const d of deployments) {
          await this.outbox.record(m, 'improvement.deployment.leader-released', {
            trustId,
            aggregateId: id,
            data: { deploymentId: d.id, agreementId: id, staffId: d.leaderId, cause: 'agreement-ended' },
          });
        }
      }
      return this.store.get(m, trustId, id);
    });
  }
}

/**
 * Deploys a leader: only one with an active designation; on an agreed or active agreement their days
 * are committed at once, so capacity is checked (the leader's lock held) and the deployment announced.
 */
@Injectable()
export class DeployLeader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
    private readonly leaders: LeaderStore,
  ) {}

  async execute(trustId: string, id: string, command: DeployLeaderCommand): Promise<LoadedAgreement> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await this.leaders.lockLeaders(m, [command.leaderId]);
      const { agreement } = await this.store.lock(m, trustId, id);
      if (!['draft', ...COMMITTING_STATUSES].includes(agreement.status))
        throw conflict('status', `Leaders are deployed on draft, agreed or active agreements; this one is ${agreement.status}.`);
      if (agreement.deployments.some((d) => d.leaderId === command.leaderId)) {
        throw conflict(
          'leaderId',
          `leader ${command.leaderId} is already deployed on this agreement; release them first to change their days`,
        );
      }
      if (command.daysByYear) {
        const years = academicYearsBetween(agreement.schedule.startsOn, agreement.schedule.endsOn);
        const bad = Object.keys(command.daysByYear).filter((y) => !isAcademicYear(y) || !years.includes(y));
        if (bad.length > 0 || Object.keys(command.daysByYear).length === 0) {
          throw unprocessable(
            'daysByYear',
            `the split names the academic years of the support (${years.join(', ')}), not ${bad.join(', ') || 'none'}`,
          );
        }
      }
      const deployment = {
        leaderId: command.leaderId,
        days: command.days,
        ...(command.daysByYear ? { daysByYear: command.daysByYear } : {}),
      };
      const candidate: SupportAgreement = { ...agreement, deployments: [...agreement.deployments, deployment] };
      const shape = agreementProblems(candidate, { complete: false }).filter((p) => p.field.startsWith('deployments'));
      if (shape.length > 0) throw unprocessableFields(shape);
      const refusals = COMMITTING_STATUSES.includes(agreement.status)
        ? await capacityRefusals(m, this.store, this.leaders, trustId, candidate, command.leaderId)
        : deploymentRefusals(await this.leaders.facts(m, trustId, command.leaderId), deployment, candidate, []).filter(
            (r) => r.rule === 'designation',
          );
      if (refusals.length > 0) throw refusedBy(refusals);
      const row = {
        id: randomUUID(),
        trustId,
        agreementId: id,
        leaderId: command.leaderId,
        days: command.days,
        daysByYear: command.daysByYear ?? null,
      };
      await m.insert(DeploymentRow, row);
      await m.increment(AgreementRow, { id }, 'version', 1);
      if (COMMITTING_STATUSES.includes(agreement.status)) await announceDeployment(this.outbox, m, trustId, candidate, row);
      return this.store.get(m, trustId, id);
    });
  }
}

@Injectable()
export class ReleaseLeader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
    private readonly leaders: LeaderStore,
  ) {}

  async execute(trustId: string, id: string, leaderId: string): Promise<LoadedAgreement> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await this.leaders.lockLeaders(m, [leaderId]);
      const { agreement, deployments } = await this.store.lock(m, trustId, id);
      const deployment = deployments.find((d) => d.leaderId === leaderId);
      if (!deployment) throw conflict('leaderId', `leader ${leaderId} is not deployed on this agreement`);
      if (!['draft', ...COMMITTING_STATUSES].includes(agreement.status))
        throw conflict('status', `A ${agreement.status} agreement's deployments are on record and stay as they were.`);
      await m.delete(DeploymentRow, { id: deployment.id });
      await m.increment(AgreementRow, { id }, 'version', 1);
      if (COMMITTING_STATUSES.includes(agreement.status)) {
        await this.outbox.record(m, 'improvement.deployment.leader-released', {
          trustId,
          aggregateId: id,
          data: { deploymentId: deployment.id, agreementId: id, staffId: leaderId, cause: 'removed' },
        });
      }
      return this.store.get(m, trustId, id);
    });
  }
}

/** Spend against the agreement's funding: never beyond the amount, whatever runs at the same time (the agreement's row is locked). */
@Injectable()
export class RecordSpend {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
  ) {}

  async execute(trustId: string, id: string, command: RecordSpendCommand): Promise<{ spend: FundingSpendRow; agreement: LoadedAgreement }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { row } = await this.store.lock(m, trustId, id);
      if (!['agreed', 'active', 'completed'].includes(row.status))
        throw conflict('status', `Spend is recorded against agreed, active or completed support; this agreement is ${row.status}.`);
      const spends = await m.findBy(FundingSpendRow, { agreementId: id });
      const spend = {
        id: randomUUID(),
        trustId,
        agreementId: id,
        amountPence: command.amountPence,
        spentOn: command.spentOn,
        description: command.description.trim(),
      };
      const decided = recordSpend({ agreementId: id, source: row.fundingSource, amountPence: row.fundingAmountPence, spends }, spend);
      if (!decided.ok) throw refusedBy(decided.refusals);
      const spent = row.fundingSpentPence + spend.amountPence;
      await m.insert(FundingSpendRow, spend);
      await m.update(AgreementRow, { id }, { fundingSpentPence: spent, version: row.version + 1 });
      await this.outbox.record(m, 'improvement.funding.spent', {
        trustId,
        aggregateId: id,
        data: {
          agreementId: id,
          spendId: spend.id,
          source: row.fundingSource,
          amountPence: spend.amountPence,
          spentOn: spend.spentOn,
          remainingPence: row.fundingAmountPence - spent,
        },
      });
      return { spend: spend, agreement: await this.store.get(m, trustId, id) };
    });
  }
}

@Injectable()
export class ChangeSupportSettings {
  constructor(private readonly dataSource: DataSource) {}

  execute(trustId: string, command: SupportSettingsCommand): Promise<{ maxConcurrentSupportingAgreements: number }> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      await m.upsert(SupportSettingsRow, { trustId, maxConcurrentSupporting: command.maxConcurrentSupportingAgreements }, ['trustId']);
      return { maxConcurrentSupportingAgreements: command.maxConcurrentSupportingAgreements };
    });
  }
}

export const AGREEMENT_USE_CASES = [
  DraftAgreement,
  UpdateAgreement,
  AgreeAgreement,
  MoveAgreement,
  DeployLeader,
  ReleaseLeader,
  RecordSpend,
  ChangeSupportSettings,
];
