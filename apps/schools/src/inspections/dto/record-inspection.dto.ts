import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ArrayUniqueBy, IsNotBelowField, IsWholeNumber } from '@trustwide/common';
import { INSPECTION_FRAMEWORKS, IsDateOnly, OEIF_AREAS, OEIF_GRADES, REPORT_CARD_AREAS, REPORT_CARD_GRADES } from '@trustwide/contracts';
import type { InspectionFramework } from '@trustwide/contracts';

export class JudgementDto {
  @IsString() @Length(1, 100) area: string;
  @IsIn([...OEIF_GRADES, ...REPORT_CARD_GRADES]) grade: string;
}

export class RecordInspectionDto {
  @IsIn(INSPECTION_FRAMEWORKS) framework: InspectionFramework;
  @IsOptional() @IsString() @Length(1, 50) inspectionNumber?: string;
  @IsOptional() @IsString() @Length(1, 200) inspectionType?: string;
  @IsDateOnly() startDate: string;
  @IsOptional() @IsDateOnly() @IsNotBelowField('startDate', 'before') publicationDate?: string;
  /** OEIF only: 1 Outstanding, 2 Good, 3 Requires improvement, 4 Inadequate. */
  @IsOptional() @IsWholeNumber(1, 4) overallEffectiveness?: number;
  @IsOptional() @IsIn(['special-measures', 'serious-weaknesses', 'requires-significant-improvement']) categoryOfConcern?: string;
  @IsOptional() @IsIn(['met', 'not-met', 'effective', 'not-effective']) safeguarding?: string;
  /** One grade per area: an area judged twice is refused (the frameworks have at most a dozen areas). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUniqueBy('area')
  @ValidateNested({ each: true })
  @Type(() => JudgementDto)
  judgements?: JudgementDto[];
}

/** The first day of report-card inspections; before it only the OEIF applied. */
export const REPORT_CARD_START = '2025-11-10';

/** Rules that tie fields to the framework, as field problems (empty when consistent). */
export function frameworkProblems(dto: RecordInspectionDto): { field: string; problems: string[] }[] {
  const out: { field: string; problems: string[] }[] = [];
  const add = (field: string, problem: string) => out.push({ field, problems: [problem] });
  const grades: readonly string[] = dto.framework === 'oeif' ? OEIF_GRADES : REPORT_CARD_GRADES;
  const areas: readonly string[] = dto.framework === 'oeif' ? OEIF_AREAS : REPORT_CARD_AREAS;
  (dto.judgements ?? []).forEach((j, i) => {
    if (!areas.includes(j.area)) add(`judgements.${i}.area`, `"${j.area}" is not a ${dto.framework} area (one of ${areas.join(', ')})`);
    if (!grades.includes(j.grade))
      add(`judgements.${i}.grade`, `"${j.grade}" is not a ${dto.framework} grade (one of ${grades.join(', ')})`);
  });
  if (dto.framework === 'report-card') {
    if (dto.overallEffectiveness !== undefined) add('overallEffectiveness', 'report-card inspections have no overall grade');
    if (dto.safeguarding && !['met', 'not-met'].includes(dto.safeguarding))
      add('safeguarding', 'report-card safeguarding is met or not-met');
    if (dto.startDate < REPORT_CARD_START) add('startDate', `report-card inspections start on ${REPORT_CARD_START}`);
  } else if (dto.safeguarding && !['effective', 'not-effective'].includes(dto.safeguarding)) {
    add('safeguarding', 'oeif safeguarding is effective or not-effective');
  }
  return out;
}
