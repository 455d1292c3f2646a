import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { ServiceOutbox, writeToTrust, type MeasureName, type Page } from '@trustwide/common';
import { CohortRow } from '../cohorts/cohort.entity';
import { EnrolmentRow } from '../enrolments/enrolment.entity';
import { notFound, refusedBy, unprocessable } from '../http/errors';
import { programmeOf } from '../http/rows';
import { ProgrammeRow } from '../programmes/programme.entity';
import { EvaluationRow, FeedbackRow, SchoolMeasureRow } from './evaluation.entity';
import { summariseFeedback, type FeedbackSummary } from './feedback';
import { measureImpact, type Impact } from './impact';
import { defaultImpactPeriods } from './periods';
import { pageOf } from '../http/paging';

/** What an evaluation keeps: the measured impact and the feedback summary at the time. */
export type EvaluationResult = Impact & { feedback: FeedbackSummary };

export interface EvaluationView {
  id: string;
  programmeId: string;
  programmeCode: string;
  cohortId: string | null;
  result: EvaluationResult;
  recordedAt: Date;
}

const TOOK_PLACE = ['enrolled', 'completed', 'passed', 'not-passed'] as const;

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: ServiceOutbox,
  ) {}

  /**
   * Records an evaluation of a programme (or one cohort of it): the chosen measure before and after in
   * the schools whose staff took a place (from the schools service's measures events), and the
   * participants' feedback. A cohort's periods default to the academic years around it.
   */
  record(
    trustId: string,
    command: { programmeId: string; cohortId?: string | null; measure: MeasureName; before?: string; after?: string },
  ): Promise<EvaluationView> {
    return writeToTrust(this.dataSource, trustId, async (m) => {
      const programme = await programmeOf(m, trustId, command.programmeId);
      let cohorts = await m.findBy(CohortRow, { trustId, programmeId: programme.id });
      if (command.cohortId) {
        cohorts = cohorts.filter((c) => c.id === command.cohortId);
        if (cohorts.length === 0) throw unprocessable('cohortId', `cohort ${command.cohortId} is not a cohort of ${programme.code}`);
      }
      let { before, after } = command;
      if (before === undefined || after === undefined) {
        if (cohorts.length !== 1)
          throw unprocessable('before', 'Give before and after periods (such as 2023/24 and 2024/25), or one cohort to take them from.');
        const periods = defaultImpactPeriods(cohorts[0].firstSession, cohorts[0].lastSession);
        before ??= periods.before;
        after ??= periods.after;
      }
      const cohortIds = cohorts.map((c) => c.id);
      const participants =
        cohortIds.length === 0 ? [] : await m.find(EnrolmentRow, { where: { cohortId: In(cohortIds), status: In([...TOOK_PLACE]) } });
      const schoolIds = [...new Set(participants.map((p) => p.schoolId))].sort();
      const values =
        schoolIds.length === 0
          ? []
          : await m.find(SchoolMeasureRow, {
              where: { trustId, schoolId: In(schoolIds), name: command.measure, period: In([before, after]) },
            });
      const decision = measureImpact({ measure: command.measure, before, after, schoolIds, values });
      if (!decision.ok) throw refusedBy(decision.refusals);
      const feedback = cohortIds.length === 0 ? [] : await m.find(FeedbackRow, { where: { cohortId: In(cohortIds) } });
      const result: EvaluationResult = { ...decision.impact, feedback: summariseFeedback(feedback, participants.length) };
      const row = m.create(EvaluationRow, {
        id: randomUUID(),
        trustId,
        programmeId: programme.id,
        cohortId: command.cohortId ?? null,
        measure: command.measure,
        beforePeriod: before,
        afterPeriod: after,
        result,
      });
      await m.insert(EvaluationRow, row);
      await this.outbox.record(m, 'cpd.evaluation.recorded', {
        trustId,
        aggregateId: programme.id,
        data: {
          evaluationId: row.id,
          programmeId: programme.id,
          cohortId: row.cohortId,
          measure: command.measure,
          before,
          after,
          schoolIds: decision.impact.schools.map((s) => s.schoolId),
          meanChange: decision.impact.meanChange,
          improvedIn: decision.impact.improvedIn,
          feedbackResponses: result.feedback.responses,
        },
      });
      return {
        id: row.id,
        programmeId: programme.id,
        programmeCode: programme.code,
        cohortId: row.cohortId,
        result,
        recordedAt: row.recordedAt ?? new Date(),
      };
    });
  }

  /** A page of evaluations, oldest first (recorded then id: a stable order). */
  async list(trustId: string, q: { programmeId?: string; limit?: number; offset?: number }): Promise<Page<EvaluationView>> {
    const where = { trustId, ...(q.programmeId ? { programmeId: q.programmeId } : {}) };
    return pageOf(this.dataSource.manager, EvaluationRow, where, { recordedAt: 'ASC', id: 'ASC' }, q, (rows) => this.views(trustId, rows));
  }

  async get(trustId: string, id: string): Promise<EvaluationView> {
    const row = await this.dataSource.manager.findOneBy(EvaluationRow, { trustId, id });
    if (!row) throw notFound('evaluationId', `no evaluation ${id} in this trust`);
    return (await this.views(trustId, [row]))[0];
  }

  private async views(trustId: string, rows: EvaluationRow[]): Promise<EvaluationView[]> {
    const programmes = await this.dataSource.manager.findBy(ProgrammeRow, { trustId, id: In(rows.map((r) => r.programmeId)) });
    const codes = new Map(programmes.map((p) => [p.id, p.code]));
    return rows.map((r) => ({
      id: r.id,
      programmeId: r.programmeId,
      programmeCode: codes.get(r.programmeId)!,
      cohortId: r.cohortId,
      result: r.result as EvaluationResult,
      recordedAt: r.recordedAt,
    }));
  }
}
