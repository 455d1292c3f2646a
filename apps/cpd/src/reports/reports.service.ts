import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchoolDirectory } from '@trustwide/common';
import { EnrolmentRow } from '../enrolments/enrolment.entity';
import { EvaluationRow } from '../evaluations/evaluation.entity';
import type { EvaluationResult } from '../evaluations/evaluations.service';
import { ProgrammeRow } from '../programmes/programme.entity';
import { toCsv } from './csv';
import {
  COMPLETION_HEADER,
  completionRates,
  completionRows,
  IMPACT_HEADER,
  impactPerProgramme,
  impactRows,
  TAKE_UP_HEADER,
  takeUpPerSchool,
  takeUpRows,
  type CompletionRate,
  type EnrolmentFact,
  type EvaluationFact,
  type SchoolTakeUp,
} from './reports';

export const REPORTS = ['take-up', 'completion', 'impact'] as const;
export type ReportName = (typeof REPORTS)[number];

/** A report as JSON: its rows, per school (take-up), per programme (completion) or per evaluation (impact). */
export interface CpdReportResponse {
  report: ReportName;
  rows: SchoolTakeUp[] | CompletionRate[] | EvaluationFact[];
}

/** The CPD lead's reports over the service's own rows, as JSON rows or a CSV file. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: SchoolDirectory,
  ) {}

  private async facts(trustId: string): Promise<EnrolmentFact[]> {
    const codes = new Map((await this.dataSource.manager.findBy(ProgrammeRow, { trustId })).map((p) => [p.id, p.code]));
    const rows = await this.dataSource.manager.findBy(EnrolmentRow, { trustId });
    return rows.map((e) => ({
      staffId: e.staffId,
      schoolId: e.schoolId,
      programmeCode: codes.get(e.programmeId)!,
      status: e.status,
      withdrawalReason: e.withdrawalReason,
    }));
  }

  async report(trustId: string, name: ReportName): Promise<{ header: string[]; rows: CpdReportResponse['rows']; csv: () => string }> {
    if (name === 'take-up') {
      const schools = (await this.directory.schoolsOfTrust(trustId)).map((s) => ({ schoolId: s.schoolId, name: s.name }));
      const rows = takeUpPerSchool(await this.facts(trustId), schools);
      return { header: TAKE_UP_HEADER, rows, csv: () => toCsv(TAKE_UP_HEADER, takeUpRows(rows)) };
    }
    if (name === 'completion') {
      const rows = completionRates(await this.facts(trustId));
      return { header: COMPLETION_HEADER, rows, csv: () => toCsv(COMPLETION_HEADER, completionRows(rows)) };
    }
    const codes = new Map((await this.dataSource.manager.findBy(ProgrammeRow, { trustId })).map((p) => [p.id, p.code]));
    const evaluations = await this.dataSource.manager.findBy(EvaluationRow, { trustId });
    const rows = impactPerProgramme(
      evaluations.map((e) => {
        const r = e.result as EvaluationResult;
        return {
          programmeCode: codes.get(e.programmeId)!,
          measure: e.measure,
          before: e.beforePeriod,
          after: e.afterPeriod,
          schoolsMeasured: r.schools.length,
          meanChange: r.meanChange,
          improvedIn: r.improvedIn,
          feedbackResponses: r.feedback?.responses ?? 0,
          meanOverall: r.feedback?.means.overall ?? null,
          recommendPercent: r.feedback?.recommendPercent ?? null,
        };
      }),
    );
    return { header: IMPACT_HEADER, rows, csv: () => toCsv(IMPACT_HEADER, impactRows(rows)) };
  }
}
