import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound, refusedBy, ServiceOutbox, todayInEngland, unprocessable, writeToTrust } from '@trustwide/common';
import { AgreementStore } from '../agreements/agreement.store';
import { SubmitReportCommand } from './dto/impact-report.dto';
import { ImpactReportRow } from './impact-report.entity';
import { signOff, submitReport, type ImpactReport } from './report';

const toDomain = (r: ImpactReportRow): ImpactReport => ({ ...r });

/** Locks the agreement, then the report: the agreement's writers and the report's go one after another. */
async function lockReport(m: import('typeorm').EntityManager, store: AgreementStore, trustId: string, reportId: string) {
  const found = await m.findOneBy(ImpactReportRow, { trustId, id: reportId });
  if (!found) throw notFound('reportId', `no impact report ${reportId} in this trust`);
  const agreement = await store.lock(m, trustId, found.agreementId);
  const report = (await m.findOne(ImpactReportRow, { where: { id: reportId }, lock: { mode: 'pessimistic_write' } }))!;
  return { agreement, report };
}

@Injectable()
export class SubmitImpactReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
  ) {}

  execute(trustId: string, reportId: string, command: SubmitReportCommand): Promise<ImpactReportRow> {
    const bad = Object.entries(command.measured).filter(([, v]) => typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > 1e9);
    if (bad.length > 0) throw unprocessable('measured', ...bad.map(([k]) => `the measured value of ${k} must be a number`));
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { agreement, report } = await lockReport(m, this.store, trustId, reportId);
      const today = todayInEngland();
      const decision = submitReport(toDomain(report), agreement.agreement, {
        measured: command.measured,
        narrative: command.narrative,
        today,
      });
      if (!decision.ok) throw refusedBy(decision.refusals);
      const r = decision.report;
      await m.update(
        ImpactReportRow,
        { id: reportId },
        { status: r.status, submittedOn: r.submittedOn, judgements: [...r.judgements], overall: r.overall, narrative: r.narrative },
      );
      await this.outbox.record(m, 'improvement.impact-report.submitted', {
        trustId,
        aggregateId: report.agreementId,
        data: {
          reportId,
          agreementId: report.agreementId,
          kind: report.kind,
          dueOn: report.dueOn,
          submittedOn: today,
          overall: r.overall!,
          criteria: r.judgements.map((j) => ({ criterionId: j.criterionId, judgement: j.judgement })),
        },
      });
      return m.findOneByOrFail(ImpactReportRow, { id: reportId });
    });
  }
}

@Injectable()
export class SignOffImpactReport {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
    private readonly store: AgreementStore,
  ) {}

  /** `signerId`: the caller's linked staff record; it must be the agreement's QA lead. */
  execute(trustId: string, reportId: string, signerId: string): Promise<ImpactReportRow> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const { agreement, report } = await lockReport(m, this.store, trustId, reportId);
      const decision = signOff(toDomain(report), agreement.agreement, signerId);
      if (!decision.ok) throw refusedBy(decision.refusals);
      const today = todayInEngland();
      await m.update(ImpactReportRow, { id: reportId }, { status: 'signed-off', signedOffBy: signerId, signedOffOn: today });
      await this.outbox.record(m, 'improvement.impact-report.signed-off', {
        trustId,
        aggregateId: report.agreementId,
        data: {
          reportId,
          agreementId: report.agreementId,
          kind: report.kind,
          dueOn: report.dueOn,
          qaLeadId: signerId,
          signedOffOn: today,
        },
      });
      return m.findOneByOrFail(ImpactReportRow, { id: reportId });
    });
  }
}
